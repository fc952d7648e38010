package app.ledgerline.orders;

import app.ledgerline.discounts.AppliedDiscount;
import app.ledgerline.platform.Money;
import java.time.Instant;
import java.util.List;

/** @param knownLines the lines when this object was made with them (a just-placed order), else null: read when asked */
public record Order(
        long id,
        String number,
        OrderStatus status,
        long customerId,
        String currency,
        long subtotalMinor,
        long discountMinor,
        long shippingMinor,
        long totalMinor,
        Long discountId,
        String discountName,
        String discountCode,
        PaymentMethod paymentMethod,
        ShippingAddress shippingAddress,
        PlacedVia placedVia,
        String guildId,
        String channelId,
        Instant expiresAt,
        Instant placedAt,
        Instant updatedAt,
        List<OrderLine> knownLines) {

    public Money subtotal() {
        return new Money(subtotalMinor, currency);
    }

    public Money shipping() {
        return new Money(shippingMinor, currency);
    }

    public Money total() {
        return new Money(totalMinor, currency);
    }

    public AppliedDiscount discount() {
        return discountId == null ? null : new AppliedDiscount(discountId, discountName, discountCode, new Money(discountMinor, currency), false);
    }
}
