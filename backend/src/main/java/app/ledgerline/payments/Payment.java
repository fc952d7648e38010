package app.ledgerline.payments;

import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.Money;
import java.time.Instant;

public record Payment(
        long id,
        long orderId,
        String orderNumber,
        PaymentMethod method,
        PaymentStatus status,
        long amountMinor,
        String currency,
        String claimedReference,
        Instant claimedAt,
        String externalReference,
        Long receivedMinor,
        String confirmedBy,
        Instant confirmedAt,
        String failureReason,
        String payTo,
        String providerInvoiceId,
        String checkoutUrl,
        String invoiceNumber,
        Instant dueAt,
        Instant createdAt) {

    public Money amount() {
        return new Money(amountMinor, currency);
    }

    public Money received() {
        return receivedMinor == null ? null : new Money(receivedMinor, currency);
    }
}
