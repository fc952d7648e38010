package app.ledgerline.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Authenticates {@code Authorization: Bearer <token>} against the bootstrap tokens and the api_token table. */
@Component
class BearerTokenAuthentication implements ReactiveAuthenticationManager, ServerAuthenticationConverter {

    /** The presented secret, before it is checked. */
    static final class PresentedToken extends AbstractAuthenticationToken {
        private final String token;

        PresentedToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "bearer";
        }
    }

    /** A checked caller: its name (recorded as the actor of what it changes), its role and, for integrators, scopes. */
    public static final class TokenPrincipal extends AbstractAuthenticationToken {
        private final String name;
        private final Role role;
        private final Set<ApiScope> scopes;

        TokenPrincipal(String name, Role role) {
            this(name, role, Set.of());
        }

        TokenPrincipal(String name, Role role, Set<ApiScope> scopes) {
            super(authorities(role, scopes));
            this.name = name;
            this.role = role;
            this.scopes = Set.copyOf(scopes);
            setAuthenticated(true);
        }

        private static List<SimpleGrantedAuthority> authorities(Role role, Set<ApiScope> scopes) {
            List<SimpleGrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority(role.authority()));
            scopes.stream().sorted().forEach(scope -> authorities.add(new SimpleGrantedAuthority(scope.authority())));
            return authorities;
        }

        public Set<ApiScope> scopes() {
            return scopes;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }

        public Role role() {
            return role;
        }
    }

    private record StoredToken(String name, Role role, Set<ApiScope> scopes, Instant expiresAt, Instant revokedAt) {
        boolean usableAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    private final BootstrapTokens bootstrap;
    private final DatabaseClient db;

    BearerTokenAuthentication(BootstrapTokens bootstrap, DatabaseClient db) {
        this.bootstrap = bootstrap;
        this.db = db;
    }

    static Set<ApiScope> scopesOf(Role role, String[] stored) {
        if (role != Role.INTEGRATOR) {
            return Set.of();
        }
        if (stored == null) {
            return ApiScope.LEGACY_INTEGRATOR;
        }
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        for (String scope : stored) {
            scopes.add(ApiScope.valueOf(scope));
        }
        return scopes;
    }

    /** Checks a bearer secret however it arrived (HTTP header or a WebSocket connection_init payload). */
    Mono<Authentication> authenticateSecret(String secret) {
        return authenticate(new PresentedToken(secret));
    }

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.empty();
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? Mono.error(new BadCredentialsException("Empty bearer token")) : Mono.just(new PresentedToken(token));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        byte[] hash = TokenHash.sha256((String) authentication.getCredentials());
        var fromEnvironment = bootstrap.match(hash);
        if (fromEnvironment.isPresent()) {
            return Mono.just(new TokenPrincipal(fromEnvironment.get().principal(), fromEnvironment.get().role()));
        }
        return db.sql("select name, role, scopes, expires_at, revoked_at from api_token where token_sha256 = :hash")
                .bind("hash", hash)
                .map(row -> {
                    Role role = Role.valueOf(row.get("role", String.class));
                    return new StoredToken(row.get("name", String.class), role, scopesOf(role, row.get("scopes", String[].class)),
                            row.get("expires_at", Instant.class), row.get("revoked_at", Instant.class));
                })
                .one()
                .filter(stored -> stored.usableAt(Instant.now()))
                .<Authentication>map(stored -> new TokenPrincipal("token:" + stored.name(), stored.role(), stored.scopes()))
                .switchIfEmpty(Mono.error(new BadCredentialsException("Unknown, expired or revoked token")));
    }
}
