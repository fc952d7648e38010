package app.ledgerline.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class PlacementAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private PlacementAdmission admission(int running, int queued, Duration maxWait) {
        return new PlacementAdmission(new AdmissionProperties(running, queued, maxWait), meters);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    private static boolean refusedBusy(CompletableFuture<?> future) {
        return future.isCompletedExceptionally() && future.exceptionNow() instanceof ProblemException e
                && e.problems().getFirst().code() == ProblemCode.BUSY;
    }

    @Test
    void placementsBeyondTheRunningOnesWaitTheirTurnInOrderAndAFullQueueIsRefusedAtOnce() {
        var admission = admission(2, 2, Duration.ofHours(1));
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();
        AtomicInteger started = new AtomicInteger();
        var running1 = admission.admit(first.asMono()).toFuture();
        var running2 = admission.admit(second.asMono()).toFuture();
        var waiting3 = admission.admit(Mono.fromCallable(() -> "third " + started.incrementAndGet())).toFuture();
        var waiting4 = admission.admit(Mono.fromCallable(() -> "fourth " + started.incrementAndGet())).toFuture();
        assertThat(gauge("ledgerline.orders.running")).isEqualTo(2);
        assertThat(gauge("ledgerline.orders.queued")).isEqualTo(2);

        var refused = admission.admit(Mono.just("fifth")).toFuture();
        assertThat(refusedBusy(refused)).isTrue();
        assertThat(started).hasValue(0);

        first.tryEmitValue("one");
        assertThat(running1.join()).isEqualTo("one");
        assertThat(waiting3.join()).isEqualTo("third 1");
        assertThat(waiting4.join()).isEqualTo("fourth 2");

        second.tryEmitError(new IllegalStateException("failed"));
        assertThat(running2).isCompletedExceptionally();
        assertThat(gauge("ledgerline.orders.running")).isZero();
        assertThat(gauge("ledgerline.orders.queued")).isZero();
        assertThat(meters.get("ledgerline.orders.busy").counter().count()).isEqualTo(1);
    }

    @Test
    void aPlacementWhoseTurnDoesNotComeInTimeIsRefusedWithoutStarting() {
        var admission = admission(1, 10, Duration.ofSeconds(5));
        Sinks.One<String> holder = Sinks.one();
        var running = admission.admit(holder.asMono()).toFuture();
        AtomicInteger started = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> admission.admit(Mono.fromCallable(started::incrementAndGet)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectErrorSatisfies(e -> assertThat(((ProblemException) e).problems().getFirst().code()).isEqualTo(ProblemCode.BUSY))
                .verify(Duration.ofSeconds(5));

        assertThat(started).hasValue(0);
        assertThat(gauge("ledgerline.orders.queued")).isZero();
        holder.tryEmitValue("done");
        assertThat(running.join()).isEqualTo("done");
        assertThat(admission.admit(Mono.just("next")).block()).isEqualTo("next");
    }

    @Test
    void cancelledPlacementsGiveTheirPlaceBack() {
        var admission = admission(1, 1, Duration.ofHours(1));
        Sinks.One<String> never = Sinks.one();
        var running = admission.admit(never.asMono()).subscribe();
        var waiting = admission.admit(Mono.just("waiting")).subscribe();
        assertThat(gauge("ledgerline.orders.queued")).isEqualTo(1);

        waiting.dispose();
        assertThat(gauge("ledgerline.orders.queued")).isZero();
        running.dispose();
        assertThat(gauge("ledgerline.orders.running")).isZero();

        assertThat(admission.admit(Mono.just("again")).block()).isEqualTo("again");
    }
}
