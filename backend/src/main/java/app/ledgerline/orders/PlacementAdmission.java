package app.ledgerline.orders;

import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.ShopProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Admission control for order placement: at most {@code ledgerline.shop.max-pending-orders} placements are in this
 * instance at once, running or waiting for a database connection. The next one is refused at once with BUSY and
 * nothing written, so an overload costs a quick answer the bot can pass on ("try again") instead of a queue that
 * grows without end, holding memory, until every request in it times out.
 */
@Component
class PlacementAdmission {

    private final int max;
    private final AtomicInteger pending = new AtomicInteger();

    PlacementAdmission(ShopProperties shop, MeterRegistry meters) {
        this.max = shop.maxPendingOrders();
        Gauge.builder("ledgerline.orders.pending", pending, AtomicInteger::get)
                .description("Order placements admitted and not finished").register(meters);
    }

    <T> Mono<T> admit(Mono<T> placement) {
        return Mono.defer(() -> {
            if (pending.incrementAndGet() > max) {
                pending.decrementAndGet();
                return Mono.error(new ProblemException(Problem.of(ProblemCode.BUSY,
                        "The shop is taking more orders than it can handle right now. Please try again in a few seconds.")));
            }
            return placement.doFinally(signal -> pending.decrementAndGet());
        });
    }
}
