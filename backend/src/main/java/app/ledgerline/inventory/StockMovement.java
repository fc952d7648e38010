package app.ledgerline.inventory;

import java.time.Instant;

/** One append-only entry of a product's stock history. */
public record StockMovement(
        long id,
        long productId,
        Kind kind,
        int onHandDelta,
        int reservedDelta,
        int onHandAfter,
        int reservedAfter,
        String reason,
        String actor,
        String orderNumber,
        Instant createdAt) {

    public enum Kind {
        /** A manual correction or delivery, by an admin or staff member. */
        ADJUSTED,
        /** Held for an unpaid order. */
        RESERVED,
        /** An unpaid order was cancelled or expired. */
        RELEASED,
        /** Payment turned the reservation into a sale. */
        SOLD,
        /** Refunded units returned to the shelf. */
        RESTOCKED
    }
}
