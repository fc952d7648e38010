package app.ledgerline.events;

import static app.ledgerline.support.Api.PROBLEMS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.platform.SqlPart;
import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The order placement announces its outbox events and bot tasks itself, after its commit, and its transaction does not
 * NOTIFY (see {@link Announcer}): every event it wrote is announced exactly once, its bot tasks by one wake-up. Other
 * writers are still announced by the insert triggers, and the placement's mark does not outlive its transaction on a
 * pooled connection.
 */
class AnnouncementTest extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SENTINEL = "{\"id\": 0, \"type\": \"test.sentinel\"}";

    @Autowired
    private ConnectionFactory pool;

    @Autowired
    private Announcer announcer;

    private PostgresqlConnection listening;
    private Disposable tap;
    private final List<Notification> received = new CopyOnWriteArrayList<>();

    /** A connection of its own, outside the pool. */
    private PostgresqlConnection connect() {
        ConnectionFactory raw = pool instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner ? inner : pool;
        return Mono.from(raw.create()).cast(PostgresqlConnection.class).block(WAIT);
    }

    /** Listens on both channels and records what arrives, in order. */
    private void listen() {
        listening = connect();
        tap = listening.getNotifications().subscribe(received::add);
        Flux.from(listening.createStatement("LISTEN " + OutboxListener.CHANNEL + "; LISTEN " + Announcer.BOT_TASKS_CHANNEL).execute())
                .flatMap(result -> result.getRowsUpdated()).blockLast(WAIT);
    }

    @AfterEach
    void close() {
        if (tap != null) {
            tap.dispose();
        }
        if (listening != null) {
            Mono.from(listening.close()).block(WAIT);
        }
        settings(false, null);
    }

    private void settings(boolean lowStock, String channel) {
        var input = new HashMap<String, Object>();
        input.put("lowStockAnnouncements", lowStock);
        input.put("announcementChannelId", channel);
        input.put("staffAlertChannelId", channel == null ? null : Long.toString(Long.parseLong(channel) + 1));
        api.admin().document("mutation($input: ShopSettingsInput!) { updateShopSettings(input: $input) { " + PROBLEMS + " } }")
                .variable("input", input).execute().path("updateShopSettings.problems").entityList(Object.class).hasSize(0);
    }

    private long newest(String table) {
        return api.count("select coalesce(max(id), 0) from " + table, Map.of());
    }

    /**
     * Every notification committed before now, on both channels: a NOTIFY committed after them all arrives after them
     * all (PostgreSQL delivers in commit order), so once it is here nothing earlier is still on its way.
     */
    private List<Notification> everythingUpToNow() {
        db.sql("select pg_notify(:channel, :payload)").bind("channel", OutboxListener.CHANNEL).bind("payload", SENTINEL)
                .then().block(WAIT);
        await().atMost(WAIT).until(() -> received.stream().anyMatch(n -> SENTINEL.equals(n.getParameter())));
        return received.stream().takeWhile(n -> !SENTINEL.equals(n.getParameter())).toList();
    }

    private static List<String> payloads(List<Notification> notifications, String channel) {
        return notifications.stream().filter(n -> channel.equals(n.getName())).map(Notification::getParameter).toList();
    }

    /** The events announced, whether one per notification (the trigger) or several (the announcer). */
    private static List<OutboxNotification> events(List<Notification> notifications) {
        return payloads(notifications, OutboxListener.CHANNEL).stream()
                .filter(payload -> !SENTINEL.equals(payload))
                .flatMap(payload -> OutboxListener.parse(payload).stream()).toList();
    }

    @Test
    void aPlacementAnnouncesEachEventItWroteOnceAndWakesTheBotOnce() {
        settings(true, "400000000000000001");
        String productId = api.physicalProduct(900, 5, Map.of("lowStockThreshold", 3));
        long eventsBefore = newest("outbox_event");
        long tasksBefore = newest("bot_task");
        listen();

        // Crosses the threshold: order.placed, the NEW_ORDER and LOW_STOCK alerts; the DM, both alerts' staff
        // mirrors and the public low-stock announcement.
        api.placeOk(Api.order(Api.shopper(), List.of(Api.line(productId, 2))));

        await().atMost(WAIT).until(() -> events(received).size() >= 3);
        List<Notification> notifications = everythingUpToNow();
        List<OutboxNotification> written = db.sql("select id, type from outbox_event where id > :after order by id").bind("after", eventsBefore)
                .map(row -> new OutboxNotification(row.get("id", Long.class), row.get("type", String.class))).all().collectList().block(WAIT);
        List<Long> tasks = db.sql("select id from bot_task where id > :after order by id")
                .bind("after", tasksBefore).map(row -> row.get("id", Long.class)).all().collectList().block(WAIT);
        assertThat(written).extracting(OutboxNotification::type).containsExactlyInAnyOrder("order.placed", "alert.raised", "alert.raised");
        assertThat(tasks).hasSize(4);
        // Had the placement's transaction notified too, each would arrive twice, and each task once more.
        assertThat(events(notifications)).containsExactlyInAnyOrderElementsOf(written);
        assertThat(payloads(notifications, Announcer.BOT_TASKS_CHANNEL)).containsExactly(Long.toString(tasks.getLast()));
    }

    @Test
    void aStatementWhosePartsWriteNothingToAnnounceAnnouncesNothing() {
        var row = db.sql("select " + SqlPart.announced(List.of()))
                .map(r -> Announcement.of(r.get("event_ids", Long[].class), r.get("event_types", String[].class), r.get("bot_task_ids", Long[].class)))
                .one().block(WAIT);
        assertThat(row.isEmpty()).isTrue();
    }

    @Test
    void theMarkLastsOnlyForItsOwnTransaction() {
        listen();
        PostgresqlConnection writer = connect();
        try {
            // Marked: the trigger stays silent (the writer would announce it itself).
            long marked = Flux.from(writer.createStatement("""
                            with e as (insert into outbox_event (type, aggregate_id, payload) values ('test.marked', 'x', '{}') returning id)
                            select e.id, set_config('ledgerline.announced_after_commit', 'on', true) from e""").execute())
                    .flatMap(result -> result.map(row -> row.get("id", Long.class))).blockLast(WAIT);
            // The next transaction on the same connection is not marked: its trigger announces it.
            long plain = Flux.from(writer.createStatement("insert into outbox_event (type, aggregate_id, payload) values ('test.plain', 'x', '{}') returning id")
                            .execute())
                    .flatMap(result -> result.map(row -> row.get("id", Long.class))).blockLast(WAIT);

            List<String> announced = payloads(everythingUpToNow(), OutboxListener.CHANNEL);
            assertThat(announced).anyMatch(payload -> payload.contains("\"id\" : " + plain + ","));
            assertThat(announced).noneMatch(payload -> payload.contains("\"id\" : " + marked + ","));
        } finally {
            Mono.from(writer.close()).block(WAIT);
        }
    }

    @Test
    void manyEventsGoInAFewNotificationsInOrder() {
        listen();
        // Real rows, written as a placement writes them (the triggers silent), so the listeners' state stays true.
        List<OutboxNotification> many = db.sql("""
                        with e as (insert into outbox_event (type, aggregate_id, payload)
                                   select 'test.batch', n::text, '{}' from generate_series(1, 250) n returning id, type)
                        select e.id, e.type, set_config('ledgerline.announced_after_commit', 'on', true) from e order by e.id""")
                .map(row -> new OutboxNotification(row.get("id", Long.class), row.get("type", String.class))).all().collectList().block(WAIT);
        long newestTask = newest("bot_task");
        announcer.announce(new Announcement(many, List.of(newestTask, newestTask - 1)));

        // Sent asynchronously: once all are here, nothing else may follow.
        await().atMost(WAIT).until(() -> events(received).size() >= many.size()
                && !payloads(received, Announcer.BOT_TASKS_CHANNEL).isEmpty());
        List<Notification> notifications = everythingUpToNow();
        assertThat(payloads(notifications, OutboxListener.CHANNEL)).hasSize(3);
        assertThat(events(notifications)).containsExactlyElementsOf(many);
        assertThat(payloads(notifications, Announcer.BOT_TASKS_CHANNEL)).containsExactly(Long.toString(newestTask));
    }
}
