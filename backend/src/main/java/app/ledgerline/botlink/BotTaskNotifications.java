package app.ledgerline.botlink;

import app.ledgerline.events.Announcer;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Listens on PostgreSQL channel {@code ledgerline_bot_tasks} (the {@code bot_task} insert trigger notifies it with the
 * new task's id when the inserting transaction commits, or the writer's {@link Announcer} right after) over one
 * dedicated connection, outside the pool, and tells every subscription to look for new tasks. The connection is
 * checked every 30 s and re-opened with backoff when it fails or closes; each (re-)opening also wakes the
 * subscriptions, so a task committed while it was down is found.
 */
@Component
class BotTaskNotifications implements SmartLifecycle {

    static final String CHANNEL = Announcer.BOT_TASKS_CHANNEL;
    /** How the listening connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "ledgerline-bot-tasks";

    private static final Logger log = LoggerFactory.getLogger(BotTaskNotifications.class);

    private final ConnectionFactory factory;
    private final BotLinkProperties properties;
    private final Sinks.Many<Long> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;
    private volatile boolean connected;

    BotTaskNotifications(ConnectionFactory pool, BotLinkProperties properties) {
        this.factory = unwrap(pool);
        this.properties = properties;
    }

    /** The pool's own factory, so the listening connection is never taken from (or returned to) the pool. */
    @SuppressWarnings("unchecked")
    private static ConnectionFactory unwrap(ConnectionFactory factory) {
        while (factory instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            factory = inner;
        }
        return factory;
    }

    /** Task ids as they are committed (0: look for anything new, after the listener (re)connected). */
    Flux<Long> wakeUps() {
        return wakeUps.asFlux();
    }

    /** Whether the LISTEN connection is open now. */
    boolean connected() {
        return connected;
    }

    private Flux<Long> listen() {
        return Flux.usingWhen(Mono.from(factory.create()).cast(PostgresqlConnection.class),
                        connection -> connection.createStatement("SET application_name = '" + APPLICATION_NAME + "'").execute()
                                .flatMap(result -> result.getRowsUpdated())
                                .thenMany(connection.createStatement("LISTEN " + CHANNEL).execute())
                                .flatMap(result -> result.getRowsUpdated())
                                .then(Mono.fromRunnable(() -> {
                                    connected = true;
                                    log.info("Listening for bot tasks on channel {}", CHANNEL);
                                }))
                                .thenMany(Flux.merge(
                                        Flux.just(0L),
                                        connection.getNotifications().map(BotTaskNotifications::taskId),
                                        Flux.interval(Duration.ofSeconds(30))
                                                .concatMap(tick -> Mono.from(connection.validate(ValidationDepth.REMOTE)))
                                                .filter(valid -> !valid)
                                                .flatMap(invalid -> Mono.<Long>error(new IllegalStateException("LISTEN connection lost"))))),
                        connection -> Mono.fromRunnable(() -> connected = false).then(connection.close()),
                        (connection, error) -> Mono.fromRunnable(() -> connected = false).then(connection.close().onErrorComplete()),
                        connection -> Mono.fromRunnable(() -> connected = false).then(connection.close()))
                // The connection closed without an error: open another.
                .concatWith(Mono.error(new IllegalStateException("LISTEN connection closed")))
                .doOnError(error -> log.warn("Bot task listener: {}; reconnecting", error.getMessage()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(properties.listenerReconnectMax())
                        .transientErrors(true));
    }

    private static long taskId(Notification notification) {
        try {
            return notification.getParameter() == null ? 0 : Long.parseLong(notification.getParameter());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void start() {
        listening = listen().subscribe(id -> wakeUps.tryEmitNext(id));
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
        connected = false;
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
