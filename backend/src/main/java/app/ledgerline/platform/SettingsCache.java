package app.ledgerline.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * The last value read of configuration that changes rarely and only through admin mutations (payment method
 * settings, automatic discounts), so the order path does not read it on every request.
 *
 * <p>The service that writes the configuration calls {@link #invalidate()} once its transaction committed: this
 * instance uses the new value from the next request on. Other backend instances on the same database, and edits made
 * straight in the database, are seen when the value expires, {@code ttl} after it was read. A read that started
 * before an invalidation is not kept, so it cannot bring the old value back.
 */
public final class SettingsCache<T> {

    private record Snapshot<T>(T value, long generation, long readAtNanos) {
    }

    private final Supplier<Mono<T>> reader;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot<T> snapshot;

    /** A {@code ttl} of zero reads on every call. */
    public SettingsCache(Duration ttl, Supplier<Mono<T>> reader) {
        this(ttl, System::nanoTime, reader);
    }

    SettingsCache(Duration ttl, LongSupplier nanoClock, Supplier<Mono<T>> reader) {
        this.reader = reader;
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    public Mono<T> get() {
        return Mono.defer(() -> {
            Snapshot<T> current = snapshot;
            long now = nanoClock.getAsLong();
            if (current != null && current.generation() == generation.get() && now - current.readAtNanos() < ttlNanos) {
                return Mono.just(current.value());
            }
            long readGeneration = generation.get();
            return reader.get().doOnNext(value -> {
                if (generation.get() == readGeneration) {
                    snapshot = new Snapshot<>(value, readGeneration, now);
                }
            });
        });
    }

    /** Forgets the value; call after the change committed. */
    public void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    /**
     * The change, forgetting the value when it ends and before its result goes on, so whoever made the change reads
     * it back. Pass the change with its transaction (commit first, then this).
     */
    public <V> Mono<V> invalidatedBy(Mono<V> committedChange) {
        return committedChange.doOnTerminate(this::invalidate).doOnCancel(this::invalidate);
    }
}
