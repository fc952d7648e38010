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
        return of(payment.method(), payment.amount(), payment.orderNumber(), payment.payTo(), payment.checkoutUrl(),
                payment.invoiceNumber(), payment.dueAt(), invoiceUrl, extra);
    }

    /** From the payment's parts, for a payment about to be written. */
    static PaymentInstructions of(PaymentMethod method, Money total, String number, String payTo, String checkoutUrl,
                                  String invoiceNumber, Instant dueAt, String invoiceUrl, String extra) {
        String amount = total.formatted();
        String text = switch (method) {
            case VENMO -> "Send exactly " + amount + " on Venmo to " + payTo + " with the note \"" + number
                    + "\". Then tell us the Venmo transaction id so we can match it.";
            case CASH_APP -> "Send exactly " + amount + " on Cash App to " + payTo + " with the note \"" + number
                    + "\". Then tell us the Cash App payment id so we can match it.";
            case BTC -> checkoutUrl != null
                    ? "Pay " + amount + " in BTC on this checkout page: " + checkoutUrl + " . We confirm automatically."
                    : payTo != null
                            ? "Send BTC worth exactly " + amount + " to " + payTo + " (order " + number
                                    + "). Then tell us the transaction id so we can match it."
                            // BTCPay: the checkout link is not there (yet, or BTCPay could not be reached).
                            : "Pay " + amount + " in BTC for order " + number + ": the shop will send you a payment link.";
            case INVOICE -> "Invoice " + invoiceNumber + " for " + amount + " is due " + DAY.format(dueAt)
                    + ". Open it here: " + invoiceUrl;
        };
        if (extra != null && !extra.isBlank()) {
            text = text + "\n" + extra;
        }
        return new PaymentInstructions(method, total, payTo, number, checkoutUrl, invoiceNumber, dueAt,
                method == PaymentMethod.INVOICE ? invoiceUrl : null, text);
    }
}
