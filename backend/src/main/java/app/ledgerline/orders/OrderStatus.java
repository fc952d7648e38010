package app.ledgerline.orders;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order status machine: PENDING -> PAID -> SHIPPED -> DELIVERED; PENDING -> CANCELLED; paid orders end
 * REFUNDED or PARTIALLY_REFUNDED (through a refund, not a plain status change).
 */
public enum OrderStatus {
    PENDING,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED,
    PARTIALLY_REFUNDED;

    public Set<OrderStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PAID, CANCELLED);
            case PAID -> EnumSet.of(SHIPPED, REFUNDED, PARTIALLY_REFUNDED);
            case SHIPPED -> EnumSet.of(DELIVERED, REFUNDED, PARTIALLY_REFUNDED);
            case DELIVERED -> EnumSet.of(REFUNDED, PARTIALLY_REFUNDED);
            case PARTIALLY_REFUNDED -> EnumSet.of(SHIPPED, DELIVERED, REFUNDED, PARTIALLY_REFUNDED);
            case CANCELLED, REFUNDED -> EnumSet.noneOf(OrderStatus.class);
        };
    }

    public boolean canBecome(OrderStatus target) {
        return next().contains(target);
    }
}
