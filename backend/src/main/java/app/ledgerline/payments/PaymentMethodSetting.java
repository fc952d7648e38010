package app.ledgerline.payments;

import app.ledgerline.orders.PaymentMethod;

/** How one payment method is offered. {@code automatic}: BTC through BTCPay Server rather than a manual address. */
public record PaymentMethodSetting(PaymentMethod method, boolean enabled, String handle, Integer dueDays, String instructions,
                                   boolean automatic) {
}
