package app.ledgerline.orders;

import reactor.core.publisher.Mono;

/**
 * What other features do when an order is placed or changes status. Called inside the order's transaction, so their
 * writes (payment rows, entitlements, bot tasks, alerts) commit or roll back with it; a {@code ProblemException}
 * refuses the change.
 */
public interface OrderLifecycleListener {

    default Mono<Void> placed(Order order, PlaceOrderInput input) {
        return Mono.empty();
    }

    default Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        return Mono.empty();
    }
}
