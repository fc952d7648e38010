package app.ledgerline.entitlements;

import java.time.Instant;

/** A Discord role a paid order granted. */
public record Entitlement(long id, long orderId, long productId, String roleId, Status status, Instant grantedAt, Instant revokedAt) {

    public enum Status {
        GRANTING,
        GRANTED,
        GRANT_FAILED,
        REVOKING,
        REVOKED
    }
}
