package app.ledgerline.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Announces committed outbox events and bot tasks on the channels the insert triggers use, for a writer whose
 * transaction did not NOTIFY itself: the order placement (see {@link app.ledgerline.platform.SqlPart#announced}).
 * PostgreSQL serialises the commits of all transactions that NOTIFY, flush to disk included; announcing afterwards, in
 * a transaction that writes nothing, lets those commits overlap again.
 *
 * <p>One announcement is sent at a time; what arrives meanwhile is sent together next, in one statement, as few
 * notifications: on {@code ledgerline_events} a JSON array of {@code {"id", "type"}} (up to
 * {@value #EVENTS_PER_NOTIFICATION} each, well within PostgreSQL's 8,000-byte payload), on {@code ledgerline_bot_tasks}
 * the highest new task id (the stream reads every due task when woken). Every listening session handles a
 * notification, so fewer of them is less work on both sides. If sending fails, or the process dies between the commit and the announcement, the listeners
 * find the events at their next catch-up ({@link OutboxListener}) and the bot the tasks at its next poll.
 */
@Component
public class Announcer {

    public static final String BOT_TASKS_CHANNEL = "ledgerline_bot_tasks";
    static final int EVENTS_PER_NOTIFICATION = 100;

    private static final Logger log = LoggerFactory.getLogger(Announcer.class);

    private final DatabaseClient db;
    private final Queue<OutboxNotification> events = new ConcurrentLinkedQueue<>();
    private final Queue<Long> botTasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    Announcer(DatabaseClient db) {
        this.db = db;
    }

    /** Announces what a transaction wrote; call it once the transaction committed. Returns at once. */
    public void announce(Announcement announcement) {
        if (announcement.isEmpty()) {
            return;
        }
        events.addAll(announcement.events());
        botTasks.addAll(announcement.botTaskIds());
        if (pending.getAndIncrement() == 0) {
            sendPending();
        }
    }

    /** Runs for one sender at a time: whoever raised {@code pending} from zero, then the completion of each send. */
    private void sendPending() {
        int claimed = pending.get();
        List<OutboxNotification> eventBatch = drain(events);
        List<Long> taskBatch = drain(botTasks);
        Mono<Long> send = eventBatch.isEmpty() && taskBatch.isEmpty() ? Mono.empty() : notify(eventBatch, taskBatch)
                .doOnError(error -> log.warn("Could not announce {} committed events and {} bot tasks: {}",
                        eventBatch.size(), taskBatch.size(), error.toString()))
                .onErrorComplete();
        send.doFinally(signal -> {
            if (pending.addAndGet(-claimed) != 0) {
                sendPending();
            }
        }).subscribe();
    }

    private Mono<Long> notify(List<OutboxNotification> eventBatch, List<Long> taskBatch) {
        return db.sql("""
                        select (select count(pg_notify(:eventsChannel, c.payload)) from (
                                    select json_agg(json_build_object('id', e.id, 'type', e.type) order by e.n)::text as payload
                                    from unnest(:eventIds::bigint[], :eventTypes::text[]) with ordinality as e(id, type, n)
                                    group by (e.n - 1) / :perNotification) c)
                             + (select count(pg_notify(:botTasksChannel, t.newest::text))
                                from (select max(b.id) as newest from unnest(:botTaskIds::bigint[]) as b(id)) t where t.newest is not null)
                               as sent""")
                .bind("eventsChannel", OutboxListener.CHANNEL)
                .bind("perNotification", EVENTS_PER_NOTIFICATION)
                .bind("eventIds", eventBatch.stream().map(OutboxNotification::id).toArray(Long[]::new))
                .bind("eventTypes", eventBatch.stream().map(OutboxNotification::type).toArray(String[]::new))
                .bind("botTasksChannel", BOT_TASKS_CHANNEL)
                .bind("botTaskIds", taskBatch.toArray(Long[]::new))
                .map(row -> row.get("sent", Long.class))
                .one();
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> drained = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            drained.add(item);
        }
        return drained;
    }
}
