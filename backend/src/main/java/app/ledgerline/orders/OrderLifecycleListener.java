package app.ledgerline.orders;

import reactor.core.publisher.Mono;

/**
 * What other features do when an order changes status. Called inside the order's transaction, so their writes
 * (payment rows, entitlements, bot tasks, alerts) commit or roll back with it; a {@code ProblemException} refuses the
 * change. (What they write when an order is placed: {@link PlacementWrites}.)
 */
public interface OrderLifecycleListener {

    default Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        return Mono.empty();
    }
}
