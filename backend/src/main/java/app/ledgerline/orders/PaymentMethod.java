package app.ledgerline.orders;

public enum PaymentMethod {
    BTC,
    VENMO,
    CASH_APP,
    INVOICE
}
