package app.ledgerline.events;

import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderRepository;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.security.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The dashboard's live order feed: {@code order.placed}, {@code order.status_changed}, {@code order.refunded}. */
@Controller
class OrderChangeController {

    private static final Logger log = LoggerFactory.getLogger(OrderChangeController.class);

    enum OrderChangeType {
        PLACED,
        STATUS_CHANGED,
        REFUNDED
    }

    record OrderChange(OrderChangeType type, Order order, OrderStatus fromStatus, OrderStatus toStatus) {
    }

    private final OutboxListener events;
    private final OrderRepository orders;
    private final DatabaseClient db;

    OrderChangeController(OutboxListener events, OrderRepository orders, DatabaseClient db) {
        this.events = events;
        this.orders = orders;
        this.db = db;
    }

    @SubscriptionMapping
    @PreAuthorize(Access.OPERATIONS)
    Flux<OrderChange> orderEvents() {
        return events.notifications()
                .filter(n -> switch (n.type()) {
                    case "order.placed", "order.status_changed", "order.refunded" -> true;
                    default -> false;
                })
                .concatMap(n -> change(n).onErrorResume(e -> {
                    log.warn("Could not read the order of outbox event {}: {}", n.id(), e.toString());
                    return Mono.empty();
                }));
    }

    private Mono<OrderChange> change(OutboxNotification n) {
        return db.sql("select (payload ->> 'orderId')::bigint as order_id, payload ->> 'from' as from_status, payload ->> 'to' as to_status"
                        + " from outbox_event where id = :id")
                .bind("id", n.id())
                .map(row -> new Row(row.get("order_id", Long.class), row.get("from_status", String.class), row.get("to_status", String.class)))
                .one()
                .flatMap(row -> orders.findById(row.orderId()).map(order -> switch (n.type()) {
                    case "order.placed" -> new OrderChange(OrderChangeType.PLACED, order, null, OrderStatus.PENDING);
                    case "order.status_changed" -> new OrderChange(OrderChangeType.STATUS_CHANGED, order, status(row.from()), status(row.to()));
                    default -> new OrderChange(OrderChangeType.REFUNDED, order, null, order.status());
                }));
    }

    private record Row(Long orderId, String from, String to) {
    }

    private static OrderStatus status(String name) {
        return name == null ? null : OrderStatus.valueOf(name);
    }
}
