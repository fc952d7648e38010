package app.ledgerline.security;

import java.time.Instant;
import java.util.Set;

/** A stored API token, without its secret (which is never stored). */
public record ApiToken(long id, String name, Role role, Set<ApiScope> scopes, String createdBy, Instant createdAt,
                       Instant expiresAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(Instant.now()));
    }
}
