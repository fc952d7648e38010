package app.ledgerline.events;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Fans committed outbox events out to this instance's subscribers. Holds one dedicated PostgreSQL connection, outside
 * the request pool, that runs {@code LISTEN ledgerline_events}; the {@code outbox_event} insert trigger NOTIFYs that
 * channel, and PostgreSQL delivers a NOTIFY only when (and if) its transaction commits, to every listening backend
 * instance. So subscribers never see a change that rolled back, and see changes made through any instance.
 *
 * <p>If the connection drops it reconnects with backoff, and replays the events committed meanwhile (rows above the
 * highest id seen, minus those already delivered).
 *
 * <p>While anyone is subscribed it also catches up every {@code ledgerline.events.catch-up-interval} (2 s): it reads
 * the rows above the highest id seen at the catch-up before the last one (so each row is looked at for two intervals
 * after a later one was seen) and delivers those not delivered yet. That finds an event whose announcement never came
 * (its writer died between its commit and {@link Announcer}, or the announcement failed) and one that committed while
 * this connection was down with a lower id than one already seen.
 */
@Component
public class OutboxListener implements SmartLifecycle {

    public static final String CHANNEL = "ledgerline_events";

    private static final Logger log = LoggerFactory.getLogger(OutboxListener.class);
    private static final Pattern PAYLOAD = Pattern.compile("\"id\"\\s*:\\s*(\\d+)\\s*,\\s*\"type\"\\s*:\\s*\"([^\"]+)\"");
    /** Ids delivered and remembered: more than two catch-up intervals' worth at full load. */
    private static final int REMEMBERED = 16_384;
    private static final int MAX_REPLAY = 1000;
    private static final int MAX_CATCH_UP = 8000;

    private final ConnectionFactory postgres;
    private final Duration catchUpInterval;
    /**
     * The next catch-up reads above this: the highest id seen at the catch-up before the last (at first, the newest
     * id when this run first listened, so what committed before is never delivered).
     */
    private volatile long catchUpAbove;
    /** The highest id seen at the last catch-up. */
    private volatile long seenAtLastCatchUp;
    private final AtomicLong catchUpTicks = new AtomicLong();
    private volatile Sinks.Many<OutboxNotification> sink = Sinks.many().multicast().directBestEffort();
    private final AtomicLong highestSeen = new AtomicLong(-1);
    private final SequencedSet<Long> recent = new LinkedHashSet<>();
    private volatile CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean connected;
    private volatile int backendPid;
    private volatile Disposable loop;

    OutboxListener(ConnectionFactory pool, @Value("${ledgerline.events.catch-up-interval:2s}") Duration catchUpInterval) {
        this.catchUpInterval = catchUpInterval;
        // The pool wraps the driver's factory: the listening connection is opened from that directly, so it is
        // never taken from (nor returned to) the pool that serves requests.
        this.postgres = pool instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory raw ? raw : pool;
    }

    /** Committed outbox events from now on; hot, one shared source for every subscriber of this instance. */
    public Flux<OutboxNotification> notifications() {
        return sink.asFlux().onBackpressureBuffer(10_000);
    }

    /** Subscribers currently attached (for tests and metrics). */
    public int subscriberCount() {
        return sink.currentSubscriberCount();
    }

    /** Whether LISTEN is in force on a live connection right now. */
    public boolean isListening() {
        return connected;
    }

    /**
     * Also called again after {@link #stop()} (the test framework pauses cached contexts that way): each start is a
     * fresh stream of what commits from then on.
     */
    @Override
    public void start() {
        if (isRunning()) {
            return;
        }
        if (loop != null) {
            sink = Sinks.many().multicast().directBestEffort(); // the previous one was completed by stop()
        }
        highestSeen.set(-1);
        synchronized (recent) {
            recent.clear();
        }
        loop = Flux.defer(this::listenOnce)
                // A connection that ends without an error has still been lost: retry it like one.
                .concatWith(Mono.error(() -> new IllegalStateException("LISTEN connection closed")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5)).transientErrors(true)
                        .doBeforeRetry(signal -> {
                            connected = false;
                            log.warn("Lost the {} listener connection ({}); reconnecting (attempt {})", CHANNEL,
                                    signal.failure().getMessage(), signal.totalRetriesInARow() + 1);
                        }))
                .subscribe(this::publish, error -> log.error("The {} listener stopped", CHANNEL, error));
        try {
            // Ready means ready to fan out: wait (briefly) for the first LISTEN so no early event is missed.
            if (!listening.await(10, TimeUnit.SECONDS)) {
                log.warn("Not yet listening on {} after 10 s; events will flow once connected", CHANNEL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Session(int pid, long newestId) {
    }

    private Flux<OutboxNotification> listenOnce() {
        return Flux.usingWhen(Mono.from(postgres.create()).cast(PostgresqlConnection.class),
                connection -> {
                    // Tap the connection's notifications before LISTEN, and hold them while the missed events are
                    // replayed: nothing that commits in between is dropped (duplicates are filtered in publish()).
                    Sinks.Many<OutboxNotification> live = Sinks.many().unicast().onBackpressureBuffer();
                    Disposable tap = connection.getNotifications().subscribe(
                            n -> {
                                for (OutboxNotification event : parse(n.getParameter())) {
                                    live.tryEmitNext(event);
                                }
                            },
                            live::tryEmitError, live::tryEmitComplete);
                    return connection.createStatement("LISTEN " + CHANNEL).execute()
                            .flatMap(result -> result.getRowsUpdated()).then()
                            .then(Flux.from(connection.createStatement(
                                                    "select pg_backend_pid() as pid, (select coalesce(max(id), 0) from outbox_event) as newest")
                                            .execute())
                                    .flatMap(result -> result.map(row -> new Session(row.get("pid", Integer.class), row.get("newest", Long.class))))
                                    .next())
                            .flatMapMany(session -> {
                                backendPid = session.pid();
                                connected = true;
                                listening.countDown();
                                log.info("Listening on {}", CHANNEL);
                                long after = highestSeen.get();
                                Flux<OutboxNotification> caughtUp = Flux.interval(catchUpInterval, catchUpInterval)
                                        .onBackpressureDrop()
                                        .concatMap(tick -> catchUp(connection), 1);
                                if (after < 0) {
                                    // First connection of this run: only what commits from now on.
                                    catchUpAbove = session.newestId();
                                    seenAtLastCatchUp = session.newestId();
                                    highestSeen.accumulateAndGet(session.newestId(), Math::max);
                                    return Flux.merge(live.asFlux(), caughtUp);
                                }
                                // After a reconnect: first what committed while nobody listened.
                                return Flux.merge(Flux.concat(missedSince(connection, after), live.asFlux()), caughtUp);
                            })
                            .doFinally(signal -> tap.dispose());
                },
                connection -> {
                    connected = false;
                    return connection.close();
                });
    }

    /** How many catch-up ticks have started (for tests). */
    public long catchUpTicks() {
        return catchUpTicks.get();
    }

    /** The PostgreSQL backend process of the listening session (for operators and tests). */
    public int listenerBackendPid() {
        return backendPid;
    }

    private Flux<OutboxNotification> missedSince(PostgresqlConnection connection, long after) {
        return above(connection, after, MAX_REPLAY);
    }

    /**
     * The newest rows not delivered yet (see the class comment). The bounds move on every tick, so a subscriber that
     * arrives after a quiet spell is never sent old events; the rows are read only while someone is subscribed.
     */
    private Flux<OutboxNotification> catchUp(PostgresqlConnection connection) {
        catchUpTicks.incrementAndGet();
        long from = catchUpAbove;
        catchUpAbove = seenAtLastCatchUp;
        seenAtLastCatchUp = highestSeen.get();
        if (sink.currentSubscriberCount() == 0) {
            return Flux.empty();
        }
        return above(connection, from, MAX_CATCH_UP).filter(event -> !delivered(event.id()));
    }

    private Flux<OutboxNotification> above(PostgresqlConnection connection, long after, int limit) {
        return connection.createStatement("select id, type from outbox_event where id > $1 order by id limit " + limit)
                .bind("$1", after).execute()
                .flatMap(result -> result.map(row -> new OutboxNotification(row.get("id", Long.class), row.get("type", String.class))));
    }

    private boolean delivered(long id) {
        synchronized (recent) {
            return recent.contains(id);
        }
    }

    /** The events of one notification: {@code {id, type}} from the insert trigger, an array of them from {@link Announcer}. */
    static List<OutboxNotification> parse(String payload) {
        List<OutboxNotification> events = new ArrayList<>();
        Matcher m = PAYLOAD.matcher(payload == null ? "" : payload);
        while (m.find()) {
            events.add(new OutboxNotification(Long.parseLong(m.group(1)), m.group(2)));
        }
        if (events.isEmpty()) {
            log.warn("Ignoring a {} notification that is neither {{id, type}} nor an array of them", CHANNEL);
        }
        return events;
    }

    /** Runs on the listening connection's thread only, so emissions are serialised. */
    private void publish(OutboxNotification event) {
        synchronized (recent) {
            if (!recent.add(event.id())) {
                return; // replayed after a reconnect but already delivered
            }
            if (recent.size() > REMEMBERED) {
                recent.removeFirst();
            }
        }
        highestSeen.accumulateAndGet(event.id(), Math::max);
        sink.tryEmitNext(event); // FAIL_ZERO_SUBSCRIBER is fine: nobody is watching
    }

    @Override
    public void stop() {
        Disposable running = loop;
        if (running != null && !running.isDisposed()) {
            running.dispose();
            log.info("Stopped listening on {}", CHANNEL);
        }
        connected = false;
        listening = new CountDownLatch(1);
        // Ends this run's subscriptions; the next start() makes a new sink.
        sink.tryEmitComplete();
    }

    @Override
    public boolean isRunning() {
        return loop != null && !loop.isDisposed();
    }

    /** Stops after the web server has shut down gracefully, before the pool and database close. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 2048;
    }
}
