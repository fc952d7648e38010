package app.ledgerline.bot.tasks;

import app.ledgerline.bot.config.BotProperties;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Consumes the backend's task stream ({@code subscription { botTasks }} over graphql-transport-ws at the backend's
 * {@code /graphql}, authenticated in {@code connection_init} with the bot's bearer token): performs each task through
 * Discord's REST API, one at a time in the order received, and acknowledges it with the outcome
 * ({@code acknowledgeBotTask}). A failing Discord call is acknowledged as a failure and never ends the stream. When the
 * backend or the socket goes away the subscription is made again with exponential backoff (1 s up to 30 s); nothing is
 * lost, because the backend redelivers every unacknowledged task to a new subscription.
 *
 * <p>On by default; {@code ledgerline.bot.tasks.enabled=false} (or {@code LEDGERLINE_BOT_TASKS_ENABLED=false}) turns it off.
 */
@Component
public class BotTaskConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BotTaskConsumer.class);

    static final String SUBSCRIPTION = """
            subscription BotTasks {
              botTasks {
                id kind attempt discordUserId roleId orderNumber reason template text channelId mentionEveryone
              }
            }""";

    static final String ACKNOWLEDGE = """
            mutation AcknowledgeBotTask($input: AcknowledgeBotTaskInput!) {
              acknowledgeBotTask(input: $input) { task { id status } problems { code message } }
            }""";

    /** Longest wait for one Discord call (Discord4J waits out rate limits within it). */
    static final Duration DISCORD_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final DiscordTasks discord;
    private final BotProperties properties;
    private final boolean enabled;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile WebSocketGraphQlClient client;
    private volatile Disposable subscription;
    /** The task being performed and acknowledged now, if any: a stop lets it finish (see {@link #stop()}). */
    private final java.util.concurrent.atomic.AtomicReference<Mono<Void>> inFlight = new java.util.concurrent.atomic.AtomicReference<>();

    /** How long a stop waits for the task in hand to finish, so it is not performed again after a restart. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    public BotTaskConsumer(DiscordTasks discord, BotProperties properties, Environment environment) {
        this.discord = discord;
        this.properties = properties;
        this.enabled = environment.getProperty("ledgerline.bot.tasks.enabled", Boolean.class, true);
    }

    /** The backend's GraphQL WebSocket endpoint: the configured URL with {@code ws}/{@code wss} for {@code http}/{@code https}. */
    static URI webSocketUrl(URI backendUrl) {
        String scheme = "https".equalsIgnoreCase(backendUrl.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + backendUrl.toString().substring(backendUrl.getScheme().length()));
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        String token = properties.backendToken();
        WebSocketGraphQlClientInterceptor authentication = new WebSocketGraphQlClientInterceptor() {
            @Override
            public Mono<Object> connectionInitPayload() {
                return Mono.just(Map.of("Authorization", "Bearer " + token));
            }
        };
        URI url = webSocketUrl(properties.backendUrl());
        WebSocketGraphQlClient created = WebSocketGraphQlClient.builder(url, new ReactorNettyWebSocketClient())
                .interceptor(authentication)
                .keepAlive(Duration.ofSeconds(20))
                .build();
        client = created;
        subscription = consume(created).subscribe(
                ignored -> { },
                e -> log.error("The task stream stopped: {}", e.toString()));
        log.info("Consuming the backend's task stream at {}", url);
    }

    /** The task stream, performed and acknowledged in order, re-subscribed with backoff whenever it ends or fails. */
    Flux<BotTask> consume(WebSocketGraphQlClient graphql) {
        return Flux.defer(() -> graphql.document(SUBSCRIPTION).retrieveSubscription("botTasks").toEntity(BotTask.class))
                .doOnSubscribe(s -> log.debug("Subscribing to botTasks"))
                // Once stopping, tasks not yet started are left for the next start (the backend redelivers them).
                .concatMap(task -> running.get() ? tracked(handle(graphql, task)).thenReturn(task) : Mono.<BotTask>empty())
                // The backend never ends the stream on its own: an end means the socket went away.
                .concatWith(Mono.error(() -> new IllegalStateException("the botTasks subscription ended")))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, MIN_BACKOFF)
                        .maxBackoff(MAX_BACKOFF)
                        // Backoff starts again from 1 s once a task arrives on the new subscription.
                        .transientErrors(true)
                        .filter(e -> running.get())
                        .doBeforeRetry(signal -> log.warn("Task stream interrupted ({}); re-subscribing (retry {})",
                                describe(signal.failure()), signal.totalRetriesInARow() + 1)));
    }

    private Mono<Void> tracked(Mono<Void> work) {
        Mono<Void> shared = work.share();
        inFlight.set(shared);
        return shared.doFinally(signal -> inFlight.compareAndSet(shared, null));
    }

    /** Performs one task and acknowledges it; never fails, so one task can never end the stream. */
    Mono<Void> handle(WebSocketGraphQlClient graphql, BotTask task) {
        return discord.perform(task)
                .timeout(DISCORD_TIMEOUT)
                .then(Mono.fromSupplier(TaskOutcome::done))
                .onErrorResume(e -> {
                    TaskOutcome failed = TaskOutcome.failed(e);
                    log.warn("{} failed: HTTP {}, Discord code {}: {}", task, failed.httpStatus(), failed.discordErrorCode(), failed.message());
                    return Mono.just(failed);
                })
                .flatMap(outcome -> acknowledge(graphql, task, outcome));
    }

    private Mono<Void> acknowledge(WebSocketGraphQlClient graphql, BotTask task, TaskOutcome outcome) {
        return graphql.document(ACKNOWLEDGE)
                .variable("input", outcome.ackInput(task))
                .execute()
                .timeout(properties.backendTimeout())
                .doOnNext(response -> {
                    if (!response.isValid() || !response.getErrors().isEmpty()) {
                        log.warn("Acknowledging {} failed: {}", task, response.getErrors());
                    } else if (response.field("acknowledgeBotTask.problems").getValue() instanceof java.util.List<?> problems
                            && !problems.isEmpty()) {
                        log.warn("Acknowledging {} was refused: {}", task, problems);
                    } else {
                        log.debug("{} acknowledged: success={}, status {}", task, outcome.success(),
                                response.field("acknowledgeBotTask.task.status").getValue());
                    }
                })
                .then()
                // Not acknowledged: the backend delivers it again after its ack timeout, or on the next subscription.
                .onErrorResume(e -> {
                    log.warn("Could not acknowledge {}: {}", task, describe(e));
                    return Mono.empty();
                });
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Runs on the context's shutdown thread, never on a Netty thread: waiting here is fine. */
    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        Mono<Void> inHand = inFlight.get();
        if (inHand != null) {
            // Let the task in hand be performed and acknowledged rather than cut between the two.
            inHand.timeout(STOP_GRACE).onErrorResume(e -> Mono.empty()).block();
        }
        Disposable current = subscription;
        if (current != null) {
            current.dispose();
        }
        WebSocketGraphQlClient socket = client;
        if (socket != null) {
            socket.stop().block(Duration.ofSeconds(10));
        }
        subscription = null;
        client = null;
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
