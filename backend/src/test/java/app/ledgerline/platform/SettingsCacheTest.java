package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class SettingsCacheTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    private SettingsCache<Integer> cache(Duration ttl) {
        return new SettingsCache<>(ttl, clock::get, () -> Mono.fromCallable(reads::incrementAndGet));
    }

    @Test
    void aValueIsReadOnceAndKeptUntilItExpires() {
        var cache = cache(Duration.ofSeconds(5));

        assertThat(cache.get().block()).isEqualTo(1);
        clock.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertThat(cache.get().block()).isEqualTo(1);
        clock.addAndGet(1);
        assertThat(cache.get().block()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void anInvalidationMakesTheNextGetReadAgain() {
        var cache = cache(Duration.ofHours(1));
        assertThat(cache.get().block()).isEqualTo(1);

        cache.invalidate();

        assertThat(cache.get().block()).isEqualTo(2);
        assertThat(cache.get().block()).isEqualTo(2);
    }

    @Test
    void theChangeInvalidatesBeforeItsResultGoesOn() {
        var cache = cache(Duration.ofHours(1));
        assertThat(cache.get().block()).isEqualTo(1);

        Integer seenByTheCaller = Mono.just("changed").as(cache::invalidatedBy).flatMap(ignored -> cache.get()).block();

        assertThat(seenByTheCaller).isEqualTo(2);
    }

    @Test
    void aReadThatStartedBeforeAnInvalidationIsNotKept() {
        Sinks.One<Integer> slowRead = Sinks.one();
        AtomicInteger calls = new AtomicInteger();
        var cache = new SettingsCache<Integer>(Duration.ofHours(1), clock::get,
                () -> calls.incrementAndGet() == 1 ? slowRead.asMono() : Mono.just(2));

        var before = cache.get().toFuture();
        cache.invalidate(); // a change committed while the first read was under way
        slowRead.tryEmitValue(1);

        assertThat(before.join()).isEqualTo(1);
        assertThat(cache.get().block()).isEqualTo(2);
        assertThat(cache.get().block()).isEqualTo(2);
        assertThat(calls).hasValue(2);
    }

    @Test
    void aTtlOfZeroReadsEveryTime() {
        var cache = cache(Duration.ZERO);

        assertThat(cache.get().block()).isEqualTo(1);
        assertThat(cache.get().block()).isEqualTo(2);
    }
}
