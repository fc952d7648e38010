package app.ledgerline.alerts;

import app.ledgerline.catalog.Product;
import app.ledgerline.catalog.ProductRepository;
import app.ledgerline.events.OutboxListener;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderRepository;
import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Payload;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.security.Access;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class AlertController {

    private static final Logger log = LoggerFactory.getLogger(AlertController.class);

    record AlertEdge(String cursor, Alert node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record AlertConnection(List<AlertEdge> edges, PageInfo pageInfo) {
    }

    enum AlertEventType {
        RAISED,
        ACKNOWLEDGED
    }

    record AlertEvent(AlertEventType type, Alert alert) {
    }

    private record PageRequest(Long productId, Long orderId, Long beforeId) {
    }

    private final Alerts alerts;
    private final AlertRepository repository;
    private final ProductRepository products;
    private final OrderRepository orders;
    private final OutboxListener events;
    private final DatabaseClient db;

    AlertController(Alerts alerts, AlertRepository repository, ProductRepository products, OrderRepository orders,
                    OutboxListener events, DatabaseClient db) {
        this.alerts = alerts;
        this.repository = repository;
        this.products = products;
        this.orders = orders;
        this.events = events;
        this.db = db;
    }

    @QueryMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<AlertConnection> alerts(@Argument AlertFilter filter, @Argument Integer first, @Argument String after) {
        int limit = Math.clamp(first == null ? 50 : first, 1, 200);
        AlertFilter effective = filter == null ? AlertFilter.NONE : filter;
        return Mono.fromCallable(() -> new PageRequest(
                        effective.productId() == null ? null : Ids.parse("filter.productId", effective.productId()),
                        effective.orderId() == null ? null : Ids.parse("filter.orderId", effective.orderId()),
                        after == null ? null : decodeCursor(after)))
                .flatMapMany(page -> repository.list(effective, page.productId(), page.orderId(), page.beforeId(), limit + 1))
                .collectList()
                .map(page -> {
                    List<AlertEdge> edges = page.stream().limit(limit).map(a -> new AlertEdge(encodeCursor(a.id()), a)).toList();
                    return new AlertConnection(edges, new PageInfo(page.size() > limit, edges.isEmpty() ? null : edges.getLast().cursor()));
                });
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Alert>> acknowledgeAlert(@Argument String id, @Argument String note, Authentication caller) {
        return Payload.of(Mono.fromCallable(() -> Ids.parse("id", id)).flatMap(alertId -> alerts.acknowledge(alertId, note, caller.getName())));
    }

    /**
     * Every alert raised or acknowledged from now on, by any instance, each once its transaction committed. Each
     * subscriber reads the alert as it is when the notification arrives.
     */
    @SubscriptionMapping
    @PreAuthorize(Access.OPERATIONS)
    Flux<AlertEvent> alertEvents() {
        return events.notifications()
                .filter(n -> n.type().equals("alert.raised") || n.type().equals("alert.acknowledged"))
                .concatMap(n -> db.sql("select " + AlertRepository.COLUMNS
                                + " from outbox_event e join alert a on a.id = e.aggregate_id::bigint where e.id = :id")
                        .bind("id", n.id())
                        .map(AlertRepository::map).one()
                        .map(alert -> new AlertEvent(n.type().equals("alert.raised") ? AlertEventType.RAISED : AlertEventType.ACKNOWLEDGED, alert))
                        .onErrorResume(e -> {
                            log.warn("Could not read the alert of outbox event {}: {}", n.id(), e.toString());
                            return Mono.empty();
                        }));
    }

    @SchemaMapping(typeName = "AlertPayload", field = "alert")
    Alert payloadAlert(Payload<Alert> payload) {
        return payload.value();
    }

    @BatchMapping(typeName = "Alert")
    Mono<Map<Alert, Product>> product(List<Alert> batch) {
        List<Long> ids = batch.stream().map(Alert::productId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return products.findAllById(ids).collectMap(Product::id, Function.identity()).map(byId -> {
            Map<Alert, Product> result = new HashMap<>();
            batch.forEach(a -> {
                if (a.productId() != null && byId.containsKey(a.productId())) {
                    result.put(a, byId.get(a.productId()));
                }
            });
            return result;
        });
    }

    @BatchMapping(typeName = "Alert")
    Mono<Map<Alert, Order>> order(List<Alert> batch) {
        List<Long> ids = batch.stream().map(Alert::orderId).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return orders.findAllById(ids).collectMap(Order::id, Function.identity()).map(byId -> {
            Map<Alert, Order> result = new HashMap<>();
            batch.forEach(a -> {
                if (a.orderId() != null && byId.containsKey(a.orderId())) {
                    result.put(a, byId.get(a.orderId()));
                }
            });
            return result;
        });
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("alert:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("alert:")) {
                return Long.parseLong(text.substring(6));
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ProblemException(new Problem(ProblemCode.INVALID_INPUT, "'after' is not a cursor from this list", "after", null));
    }
}
