package app.ledgerline.bot.backend;

import app.ledgerline.bot.backend.CatalogItem.Money;
import java.time.Instant;
import java.util.List;

/**
 * One of the shopper's own orders ({@code shopperOrders}, {@code shopperOrder}), with the fields the bot shows. Fields
 * the query did not ask for are null (the list asks for fewer than the details).
 */
public record CustomerOrder(String number, String status, Instant placedAt, Instant expiresAt, List<Line> lines,
                            Money subtotal, Discount discount, Money shipping, Money total, String paymentMethod,
                            Address shippingAddress, List<Event> history, Payment payment) {

    public CustomerOrder {
        lines = lines == null ? List.of() : List.copyOf(lines);
        history = history == null ? List.of() : List.copyOf(history);
    }

    public record Line(String name, String kind, Money unitPrice, int quantity, Money lineTotal) {
    }

    public record Discount(String name, String code, Money amount) {
    }

    public record Address(String name, String line1, String line2, String city, String region, String postalCode,
                          String country) {
    }

    public record Event(String fromStatus, String toStatus, String note, Instant at) {
    }

    public record Payment(String method, String status, Money amount, String claimedReference, Instant confirmedAt,
                          String failureReason, Instructions instructions) {
    }

    /** What the customer is told to do to pay; {@code text} is the whole instruction. */
    public record Instructions(String text, String checkoutUrl, String invoiceUrl, Instant dueAt) {
    }
}
