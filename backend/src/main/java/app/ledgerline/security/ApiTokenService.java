package app.ledgerline.security;

import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.Validator;
import io.r2dbc.spi.Readable;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, lists and revokes API tokens. A new token's secret is 32 random bytes (base64url, prefixed {@code llt_}
 * so it is recognisable in a secret scanner); only its SHA-256 hash is written.
 */
@Service
public class ApiTokenService {

    /** A created token and its secret, which exists only in this value and the response that carries it. */
    public record Created(ApiToken token, String secret) {
        @Override
        public String toString() {
            return "Created[token=" + token + ", secret=***]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, role, scopes, created_by, created_at, expires_at, revoked_at";

    private final DatabaseClient db;

    ApiTokenService(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Created> create(String name, Role role, List<ApiScope> scopes, Instant expiresAt, String createdBy) {
        return Mono.defer(() -> {
            var v = new Validator();
            String trimmed = name == null ? "" : name.trim();
            v.text("input.name", trimmed, 1, 100);
            v.check(role == Role.BOT || role == Role.INTEGRATOR, "input.role",
                    "Tokens are for BOT or INTEGRATOR; admins and staff sign in with Discord");
            List<ApiScope> given = scopes == null ? List.of() : scopes;
            v.check(role != Role.INTEGRATOR || !given.isEmpty(), "input.scopes", "An INTEGRATOR token needs at least one scope");
            v.check(role != Role.BOT || given.isEmpty(), "input.scopes", "A BOT token has no scopes: the BOT role decides what it may call");
            v.check(expiresAt == null || expiresAt.isAfter(Instant.now()), "input.expiresAt", "expiresAt must be in the future");
            v.orThrow();
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String secret = "llt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String[] scopeNames = given.stream().distinct().sorted().map(Enum::name).toArray(String[]::new);
            var spec = db.sql("insert into api_token (name, role, token_sha256, scopes, created_by, expires_at) "
                            + "values (:name, :role, :hash, :scopes, :createdBy, :expiresAt) returning " + COLUMNS)
                    .bind("name", trimmed).bind("role", role.name()).bind("hash", TokenHash.sha256(secret))
                    .bind("scopes", scopeNames).bind("createdBy", createdBy);
            spec = Sql.bind(spec, "expiresAt", expiresAt, Instant.class);
            return spec.map(ApiTokenService::read).one().map(token -> new Created(token, secret));
        });
    }

    public Flux<ApiToken> list(boolean includeRevoked) {
        return db.sql("select " + COLUMNS + " from api_token" + (includeRevoked ? "" : " where revoked_at is null") + " order by id desc limit 500")
                .map(ApiTokenService::read).all();
    }

    /** Revokes at once: the next request with the token is refused (authentication reads the table every time). */
    public Mono<ApiToken> revoke(String id) {
        return Mono.fromCallable(() -> Ids.parse("id", id))
                .flatMap(tokenId -> db.sql("update api_token set revoked_at = coalesce(revoked_at, now()) where id = :id returning " + COLUMNS)
                        .bind("id", tokenId).map(ApiTokenService::read).one())
                .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No token with id " + id, "id", null))));
    }

    private static ApiToken read(Readable row) {
        Role role = Role.valueOf(row.get("role", String.class));
        Set<ApiScope> scopes = BearerTokenAuthentication.scopesOf(role, row.get("scopes", String[].class));
        return new ApiToken(Sql.getLong(row, "id"), row.get("name", String.class), role, scopes, row.get("created_by", String.class),
                Sql.getInstant(row, "created_at"), Sql.getInstant(row, "expires_at"), Sql.getInstant(row, "revoked_at"));
    }
}
