package app.ledgerline.payments;

import java.time.Instant;

public record PaymentEvent(long paymentId, PaymentStatus fromStatus, PaymentStatus toStatus, String note, String actor, Instant at) {
}
