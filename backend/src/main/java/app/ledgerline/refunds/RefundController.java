package app.ledgerline.refunds;

import app.ledgerline.entitlements.Entitlement;
import app.ledgerline.entitlements.Entitlements;
import app.ledgerline.orders.Order;
import app.ledgerline.platform.Batches;
import app.ledgerline.platform.Money;
import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

/** Refunds, and the refund and entitlement fields of {@code Order}. */
@Controller
class RefundController {

    private final RefundService refunds;
    private final Entitlements entitlements;

    RefundController(RefundService refunds, Entitlements entitlements) {
        this.refunds = refunds;
        this.entitlements = entitlements;
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Order>> refundOrder(@Argument RefundInput input, Authentication caller) {
        return Payload.of(refunds.refund(input, caller.getName()));
    }

    @BatchMapping(typeName = "Order", field = "refunds")
    Mono<Map<Order, List<Refund>>> refunds(List<Order> batch) {
        return Batches.grouped(batch, Order::id, refunds.ofOrders(batch.stream().map(Order::id).toList()), Refund::orderId);
    }

    @BatchMapping(typeName = "Order", field = "entitlements")
    Mono<Map<Order, List<Entitlement>>> entitlements(List<Order> batch) {
        return Batches.grouped(batch, Order::id, entitlements.ofOrders(batch.stream().map(Order::id).toList()), Entitlement::orderId);
    }

    @BatchMapping(typeName = "Order", field = "refundable")
    Mono<Map<Order, Money>> refundable(List<Order> batch) {
        return refunds.refundable(batch.stream().map(Order::id).toList())
                .map(byId -> batch.stream().collect(Collectors.toMap(Function.identity(),
                        o -> new Money(byId.getOrDefault(o.id(), 0L), o.currency()), (a, b) -> a)));
    }
}
