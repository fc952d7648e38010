package app.ledgerline.alerts;

public enum AlertKind {
    LOW_STOCK,
    OUT_OF_STOCK,
    NEW_ORDER,
    PAYMENT_CLAIMED,
    PAYMENT_REJECTED,
    PAYMENT_EXPIRED,
    PAYMENT_INVALID,
    PAYMENT_PARTIAL,
    ROLE_GRANT_FAILED,
    DM_FAILED,
    LABEL_FAILED
}
