package app.ledgerline.orders;

import app.ledgerline.customers.Customer;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.platform.Batches;
import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Payload;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.security.Access;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class OrderController {

    record OrderEdge(String cursor, Order node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record OrderConnection(List<OrderEdge> edges, PageInfo pageInfo) {
    }

    private record PageRequest(Long customerId, Long beforeId) {
    }

    private final OrderService service;
    private final OrderRepository orders;
    private final CustomerService customers;

    OrderController(OrderService service, OrderRepository orders, CustomerService customers) {
        this.service = service;
        this.orders = orders;
        this.customers = customers;
    }

    @QueryMapping
    @PreAuthorize(Access.READ_ORDERS)
    Mono<OrderConnection> orders(@Argument OrderFilter filter, @Argument Integer first, @Argument String after) {
        int limit = Math.clamp(first == null ? 50 : first, 1, 200);
        OrderFilter effective = filter == null ? OrderFilter.NONE : filter;
        return Mono.fromCallable(() -> new PageRequest(
                        effective.customerId() == null ? null : Ids.parse("filter.customerId", effective.customerId()),
                        after == null ? null : decodeCursor(after)))
                .flatMapMany(page -> orders.list(effective, page.customerId(), page.beforeId(), limit + 1))
                .collectList()
                .map(page -> {
                    List<OrderEdge> edges = page.stream().limit(limit).map(o -> new OrderEdge(encodeCursor(o.id()), o)).toList();
                    return new OrderConnection(edges, new PageInfo(page.size() > limit, edges.isEmpty() ? null : edges.getLast().cursor()));
                });
    }

    @QueryMapping
    @PreAuthorize(Access.READ_ORDERS)
    Mono<Order> order(@Argument String number) {
        return orders.findByNumber(number);
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Order>> updateOrderStatus(@Argument UpdateOrderStatusInput input, Authentication caller) {
        return Payload.of(service.changeStatus(input.number(), input.status(), input.note(), caller.getName()));
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Order>> cancelOrder(@Argument String number, @Argument String reason, Authentication caller) {
        return Payload.of(service.cancel(number, reason, caller.getName()));
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Order>> addOrderNote(@Argument String number, @Argument String note, Authentication caller) {
        return Payload.of(service.addNote(number, note, caller.getName()));
    }

    @BatchMapping(typeName = "Order")
    Mono<Map<Order, Customer>> customer(List<Order> batch) {
        return customers.findAllById(batch.stream().map(Order::customerId).distinct().toList())
                .collectMap(Customer::id, Function.identity())
                .map(byId -> batch.stream().collect(Collectors.toMap(Function.identity(), o -> byId.get(o.customerId()), (a, b) -> a)));
    }

    @BatchMapping(typeName = "Order")
    Mono<Map<Order, List<OrderLine>>> lines(List<Order> batch) {
        List<Order> unknown = batch.stream().filter(o -> o.knownLines() == null).toList();
        Flux<OrderLine> read = unknown.isEmpty() ? Flux.empty() : orders.linesOf(OrderRepository.ids(unknown));
        return Batches.grouped(unknown, Order::id, read, OrderLine::orderId).map(found -> {
            Map<Order, List<OrderLine>> all = new LinkedHashMap<>();
            batch.forEach(o -> all.put(o, o.knownLines() != null ? o.knownLines() : found.get(o)));
            return all;
        });
    }

    @BatchMapping(typeName = "Order")
    Mono<Map<Order, List<OrderEvent>>> history(List<Order> batch) {
        return Batches.grouped(batch, Order::id, orders.historyOf(OrderRepository.ids(batch)), OrderEvent::orderId);
    }

    @SchemaMapping(typeName = "Customer", field = "orders")
    Flux<Order> customerOrders(Customer customer, @Argument Integer first) {
        return service.ordersOf(customer.id(), first == null ? 50 : first);
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("order:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("order:")) {
                return Long.parseLong(text.substring(6));
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ProblemException(new Problem(ProblemCode.INVALID_INPUT, "'after' is not a cursor from this list", "after", null));
    }
}
