package app.ledgerline.alerts;

import java.time.Instant;

/** An admin alert; {@code acknowledged*} are null while it is open. */
public record Alert(
        long id,
        AlertKind kind,
        Alerts.Severity severity,
        Long productId,
        Long orderId,
        String message,
        Instant createdAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        String note) {
}
