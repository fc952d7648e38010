package app.ledgerline.botlink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * One bot subscription's task stream. The tasks themselves stay in {@code bot_task} until acknowledged, so nothing is
 * lost when the bot or the backend restarts: every subscription starts by reading all PENDING tasks that are due.
 *
 * <p>The subscription then reads due tasks again whenever it is woken: by a NOTIFY of a committed task, by the
 * listener (re)connecting, and every {@code poll-interval} (retries whose time arrived). It remembers what it delivered
 * (task id and number of failures at delivery) and leaves those out, so a task in flight is not delivered twice to
 * the same subscriber; after {@code ack-timeout} without an acknowledgement it is delivered again. A failure
 * acknowledgement raises the task's failure count, so its retry, once due, counts as a new delivery.
 */
@Component
class BotTaskStream {

    private record Delivery(int attempts, Instant at) {
    }

    private static final Long WAKE_INITIAL = -1L;

    private final BotTaskRepository repository;
    private final BotTaskNotifications notifications;
    private final BotLinkProperties properties;

    BotTaskStream(BotTaskRepository repository, BotTaskNotifications notifications, BotLinkProperties properties) {
        this.repository = repository;
        this.notifications = notifications;
        this.properties = properties;
    }

    Flux<BotTask> subscribe() {
        return Flux.defer(() -> {
            Map<Long, Delivery> inFlight = new ConcurrentHashMap<>();
            return Flux.merge(Flux.just(WAKE_INITIAL), notifications.wakeUps(), Flux.interval(properties.pollInterval(), properties.pollInterval()))
                    // Wake-ups that arrive while a read runs collapse into one more read.
                    .onBackpressureLatest()
                    .concatMap(wake -> due(inFlight), 1);
        });
    }

    /** Every due task not in flight, in batches until none is left. */
    private Flux<BotTask> due(Map<Long, Delivery> inFlight) {
        Instant now = Instant.now();
        Instant expired = now.minus(properties.ackTimeout());
        inFlight.values().removeIf(delivery -> delivery.at().isBefore(expired));
        List<Long> ids = new ArrayList<>(inFlight.size());
        List<Integer> attempts = new ArrayList<>(inFlight.size());
        inFlight.forEach((id, delivery) -> {
            ids.add(id);
            attempts.add(delivery.attempts());
        });
        return repository.due(ids.toArray(Long[]::new), attempts.toArray(Integer[]::new), properties.batchSize())
                .collectList()
                .flatMapMany(batch -> {
                    batch.forEach(task -> inFlight.put(task.id(), new Delivery(task.attempts(), Instant.now())));
                    Flux<BotTask> delivered = Flux.fromIterable(batch);
                    return batch.size() < properties.batchSize() ? delivered : delivered.concatWith(Flux.defer(() -> due(inFlight)));
                });
    }
}
