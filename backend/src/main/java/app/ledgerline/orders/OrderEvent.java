package app.ledgerline.orders;

import java.time.Instant;

/** One entry of an order's history: a status change (from/to) or a note, with who did it and when. */
public record OrderEvent(long orderId, OrderStatus fromStatus, OrderStatus toStatus, String note, String actor, Instant at) {
}
