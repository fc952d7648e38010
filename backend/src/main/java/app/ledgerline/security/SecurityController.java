package app.ledgerline.security;

import app.ledgerline.platform.Payload;
import app.ledgerline.platform.Problem;
import java.time.Instant;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's identity, API token management and the audit log (security.graphqls). */
@Controller
class SecurityController {

    record Viewer(String name, List<String> roles, List<ApiScope> scopes, String via) {
    }

    record CreateApiTokenInput(String name, Role role, List<ApiScope> scopes, Instant expiresAt) {
    }

    record CreateApiTokenPayload(ApiToken token, String secret, List<Problem> problems) {
        @Override
        public String toString() {
            return "CreateApiTokenPayload[token=" + token + ", problems=" + problems + "]";
        }
    }

    record ApiTokenPayload(ApiToken token, List<Problem> problems) {
    }

    private final ApiTokenService tokens;
    private final AuditLog audit;

    SecurityController(ApiTokenService tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @QueryMapping
    @PreAuthorize(Access.SIGNED_IN)
    Mono<Viewer> viewer(Authentication caller) {
        return Mono.just(new Viewer(caller.getName(), Callers.roles(caller).stream().map(Enum::name).toList(),
                List.copyOf(Callers.scopes(caller)), caller instanceof OAuth2AuthenticationToken ? "DISCORD" : "TOKEN"));
    }

    @QueryMapping
    @PreAuthorize(Access.SECURITY_ADMIN)
    Flux<ApiToken> apiTokens(@Argument Boolean includeRevoked) {
        return tokens.list(Boolean.TRUE.equals(includeRevoked));
    }

    @MutationMapping
    @PreAuthorize(Access.SECURITY_ADMIN)
    Mono<CreateApiTokenPayload> createApiToken(@Argument CreateApiTokenInput input, Authentication caller) {
        return Payload.of(tokens.create(input.name(), input.role(), input.scopes(), input.expiresAt(), caller.getName()))
                .map(payload -> payload.value() == null ? new CreateApiTokenPayload(null, null, payload.problems())
                        : new CreateApiTokenPayload(payload.value().token(), payload.value().secret(), List.of()));
    }

    @MutationMapping
    @PreAuthorize(Access.SECURITY_ADMIN)
    Mono<ApiTokenPayload> revokeApiToken(@Argument String id) {
        return Payload.of(tokens.revoke(id)).map(payload -> new ApiTokenPayload(payload.value(), payload.problems()));
    }

    @QueryMapping
    @PreAuthorize(Access.SECURITY_ADMIN)
    Mono<AuditLog.Connection> auditLog(@Argument AuditLog.Filter filter, @Argument Integer first, @Argument String after) {
        return audit.page(filter, first == null ? 50 : first, after);
    }
}
