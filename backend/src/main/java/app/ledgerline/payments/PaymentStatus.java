package app.ledgerline.payments;

public enum PaymentStatus {
    AWAITING,
    CLAIMED,
    CONFIRMED,
    FAILED,
    EXPIRED,
    REFUNDED
}
