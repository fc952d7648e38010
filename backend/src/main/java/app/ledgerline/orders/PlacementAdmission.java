package app.ledgerline.orders;

import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Admission control of order placement. At most {@code running} placements run at once (each holds a database
 * connection); the others wait for their turn, first come first served. A placement is refused with BUSY, before it
 * has done anything, when {@code queued} are waiting already or when its turn has not come within {@code maxWait}.
 *
 * <p>So an overload gets a quick answer the bot can pass on ("try again in a moment") for what is beyond capacity,
 * instead of a queue that grows without end, holds memory, and makes every order wait until clients give up.
 */
@Component
class PlacementAdmission {

    private final int queued;
    private final Duration maxWait;
    private final Counter refused;
    /** Turns free; guarded by this. */
    private int free;
    /** Guarded by this. */
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    PlacementAdmission(AdmissionProperties properties, MeterRegistry meters) {
        this.free = properties.running();
        this.queued = properties.queued();
        this.maxWait = properties.maxWait();
        this.refused = Counter.builder("ledgerline.orders.busy").description("Order placements refused with BUSY").register(meters);
        Gauge.builder("ledgerline.orders.running", this, a -> properties.running() - a.free())
                .description("Order placements running").register(meters);
        Gauge.builder("ledgerline.orders.queued", this, PlacementAdmission::waitingCount)
                .description("Order placements waiting for their turn").register(meters);
    }

    /** Runs the placement in its turn, or fails it with BUSY before it starts. */
    <T> Mono<T> admit(Mono<T> placement) {
        return Mono.defer(() -> {
            Waiter waiter;
            synchronized (this) {
                if (free > 0) {
                    free--;
                    return holding(placement);
                }
                if (waiting.size() >= queued) {
                    return busy();
                }
                waiter = new Waiter();
                waiting.add(waiter);
            }
            return waiter.turn.asMono()
                    .timeout(maxWait)
                    // The turn may have come just as the wait ended: then it is taken.
                    .onErrorResume(TimeoutException.class, e -> abandon(waiter) ? busy() : Mono.empty())
                    .doOnCancel(() -> {
                        if (!abandon(waiter)) {
                            release();
                        }
                    })
                    .then(holding(placement));
        });
    }

    private <T> Mono<T> holding(Mono<T> placement) {
        return placement.doFinally(signal -> release());
    }

    /** Passes the turn to the first placement still waiting, or frees it. */
    private void release() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    free++;
                    return;
                }
            }
            if (next.state.compareAndSet(Waiter.WAITING, Waiter.GRANTED)) {
                next.turn.tryEmitEmpty();
                return;
            }
        }
    }

    /** True when the waiter gave up before its turn came (and no longer waits); false when its turn came first. */
    private boolean abandon(Waiter waiter) {
        if (!waiter.state.compareAndSet(Waiter.WAITING, Waiter.GONE)) {
            return false;
        }
        synchronized (this) {
            waiting.remove(waiter);
        }
        return true;
    }

    private <T> Mono<T> busy() {
        refused.increment();
        return Mono.error(new ProblemException(Problem.of(ProblemCode.BUSY,
                "The shop is taking more orders than it can handle right now. Please try again in a few seconds.")));
    }

    private synchronized int free() {
        return free;
    }

    private synchronized int waitingCount() {
        return waiting.size();
    }

    private static final class Waiter {
        static final int WAITING = 0;
        static final int GRANTED = 1;
        static final int GONE = 2;

        final AtomicInteger state = new AtomicInteger(WAITING);
        final Sinks.Empty<Void> turn = Sinks.empty();
    }
}
