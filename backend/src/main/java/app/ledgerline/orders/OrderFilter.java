package app.ledgerline.orders;

import java.time.Instant;
import java.util.List;

/** Dashboard list filters; every one optional. {@code placedTo} is exclusive. */
public record OrderFilter(List<OrderStatus> status, String customerId, List<PaymentMethod> paymentMethod,
                          Instant placedFrom, Instant placedTo) {

    public static final OrderFilter NONE = new OrderFilter(null, null, null, null, null);
}
