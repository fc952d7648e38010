package app.ledgerline.orders;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.ShopProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class PlacementAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PlacementAdmission admission = new PlacementAdmission(
            new ShopProperties("USD", 0, Duration.ofHours(48), Duration.ofSeconds(30), Duration.ofSeconds(5), 2), meters);

    private double pending() {
        return meters.get("ledgerline.orders.pending").gauge().value();
    }

    @Test
    void beyondTheLimitAPlacementIsRefusedAtOnceAndAFinishedOneMakesRoom() {
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();
        CompletableFuture<String> running1 = admission.admit(first.asMono()).toFuture();
        CompletableFuture<String> running2 = admission.admit(second.asMono()).toFuture();
        assertThat(pending()).isEqualTo(2);

        var refused = admission.admit(Mono.just("third")).toFuture();
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.exceptionNow()).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problems().getFirst().code()).isEqualTo(ProblemCode.BUSY));

        first.tryEmitValue("one");
        assertThat(running1.join()).isEqualTo("one");
        assertThat(admission.admit(Mono.just("fourth")).block()).isEqualTo("fourth");

        second.tryEmitError(new IllegalStateException("failed"));
        assertThat(running2).isCompletedExceptionally();
        assertThat(pending()).isZero();
    }

    @Test
    void aCancelledPlacementGivesItsPlaceBack() {
        Sinks.One<String> never = Sinks.one();
        var first = admission.admit(never.asMono()).subscribe();
        var second = admission.admit(never.asMono()).subscribe();
        assertThat(pending()).isEqualTo(2);

        first.dispose();
        second.dispose();

        assertThat(pending()).isZero();
    }
}
