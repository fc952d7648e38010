package app.ledgerline.payments;

import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.Money;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What a customer is told to do to pay one order; {@code text} is the whole of it as one Discord message. */
public record PaymentInstructions(PaymentMethod method, Money amount, String payTo, String note, String checkoutUrl,
                                  String invoiceNumber, Instant dueAt, String invoiceUrl, String text) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy").withZone(ZoneOffset.UTC);

    static PaymentInstructions of(Payment payment, String invoiceUrl, String extra) {
        String number = payment.orderNumber();
        String amount = payment.amount().formatted();
        String text = switch (payment.method()) {
            case VENMO -> "Send exactly " + amount + " on Venmo to " + payment.payTo() + " with the note \"" + number
                    + "\". Then tell us the Venmo transaction id so we can match it.";
            case CASH_APP -> "Send exactly " + amount + " on Cash App to " + payment.payTo() + " with the note \"" + number
                    + "\". Then tell us the Cash App payment id so we can match it.";
            case BTC -> payment.checkoutUrl() != null
                    ? "Pay " + amount + " in BTC on this checkout page: " + payment.checkoutUrl() + " . We confirm automatically."
                    : payment.payTo() != null
                            ? "Send BTC worth exactly " + amount + " to " + payment.payTo() + " (order " + number
                                    + "). Then tell us the transaction id so we can match it."
                            // BTCPay: the checkout link is not there (yet, or BTCPay could not be reached).
                            : "Pay " + amount + " in BTC for order " + number + ": the shop will send you a payment link.";
            case INVOICE -> "Invoice " + payment.invoiceNumber() + " for " + amount + " is due " + DAY.format(payment.dueAt())
                    + ". Open it here: " + invoiceUrl;
        };
        if (extra != null && !extra.isBlank()) {
            text = text + "\n" + extra;
        }
        return new PaymentInstructions(payment.method(), payment.amount(), payment.payTo(), number, payment.checkoutUrl(),
                payment.invoiceNumber(), payment.dueAt(), payment.method() == PaymentMethod.INVOICE ? invoiceUrl : null, text);
    }
}
