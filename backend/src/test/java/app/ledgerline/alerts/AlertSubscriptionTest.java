package app.ledgerline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.events.OutboxListener;
import app.ledgerline.support.Api;
import app.ledgerline.support.SubscriptionRefusals;
import app.ledgerline.support.ApiTestBase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The dashboard's live feeds over graphql-transport-ws, published after commit. */
class AlertSubscriptionTest extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Autowired
    private Environment environment;

    @Autowired
    private OutboxListener listener;

    @Autowired
    private ConnectionFactory connections;

    private int port;

    @BeforeEach
    void port() {
        port = environment.getRequiredProperty("local.server.port", Integer.class);
    }

    /** Subscribes and waits until the server side is attached to the event stream, so nothing is missed. */
    private LiveClient.Collected subscribe(String token, String document, String field) {
        int before = listener.subscriberCount();
        var collected = LiveClient.Collected.of(port, token, document, field);
        await().atMost(WAIT).until(() -> listener.subscriberCount() > before);
        return collected;
    }

    private String productWithThreshold(int stock, int threshold) {
        return api.physicalProduct(1200, stock, Map.of("lowStockThreshold", threshold));
    }

    private static List<Map<String, Object>> aboutProduct(List<Map<String, Object>> events, String productId) {
        return events.stream().filter(e -> {
            Map<String, Object> product = Api.obj(Api.obj(e.get("alert")).get("product"));
            return product != null && productId.equals(product.get("id"));
        }).toList();
    }

    @Test
    void staffReceiveRaisedAndAcknowledgedAlerts() {
        String product = productWithThreshold(10, 3);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            api.adjust(product, -7);

            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 1);
            var raised = aboutProduct(live.events(), product).getFirst();
            assertThat(raised).containsEntry("type", "RAISED");
            Map<String, Object> alert = Api.obj(raised.get("alert"));
            assertThat(alert).containsEntry("kind", "LOW_STOCK").containsEntry("severity", "WARNING").containsEntry("acknowledgedBy", null);
            assertThat((String) alert.get("message")).contains("3 left");

            api.admin().document(AlertApiTest.ACK).variable("id", alert.get("id")).variable("note", "on it").execute()
                    .path("acknowledgeAlert.problems").entityList(Object.class).hasSize(0);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 2);
            var acked = aboutProduct(live.events(), product).get(1);
            assertThat(acked).containsEntry("type", "ACKNOWLEDGED");
            assertThat(Api.obj(acked.get("alert"))).containsEntry("id", alert.get("id"))
                    .containsEntry("acknowledgedBy", "bootstrap-admin").containsEntry("note", "on it");
            assertThat(live.errors()).isEmpty();
        }
    }

    @Test
    void anAlertIsPublishedOnlyWhenItsTransactionCommits() {
        String product = productWithThreshold(0, 0);
        long productId = Long.parseLong(product);
        try (var live = subscribe(Api.ADMIN_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            // An alert written in a transaction that is still open: nobody may hear of it yet.
            Connection tx = Mono.from(connections.create()).block(WAIT);
            try {
                Mono.from(tx.beginTransaction()).block(WAIT);
                long alertId = insertAlert(tx, productId, "pending commit " + product);
                await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> aboutProduct(live.events(), product).isEmpty());

                Mono.from(tx.commitTransaction()).block(WAIT);
                await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 1);
                assertThat(Api.obj(aboutProduct(live.events(), product).getFirst().get("alert"))).containsEntry("id", Long.toString(alertId));

                // One that rolls back is never published: the next alert is the only other one that arrives.
                Mono.from(tx.beginTransaction()).block(WAIT);
                insertAlert(tx, productId, "rolled back " + product);
                Mono.from(tx.rollbackTransaction()).block(WAIT);
                long next = insertAlert(tx, productId, "after the rollback " + product);
                await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 2);
                assertThat(aboutProduct(live.events(), product)).extracting(e -> Api.obj(e.get("alert")).get("message"))
                        .containsExactly("pending commit " + product, "after the rollback " + product);
                assertThat(Api.obj(aboutProduct(live.events(), product).get(1).get("alert"))).containsEntry("id", Long.toString(next));
            } finally {
                Mono.from(tx.close()).block(WAIT);
            }
        }
    }

    @Test
    void aPlacementThatRollsBackPublishesNoStockAlert() {
        String low = productWithThreshold(5, 3);
        String none = productWithThreshold(1, 0);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            // The first line crosses the threshold of `low` (raising LOW_STOCK in the transaction), the second is out of stock.
            var refused = api.place(Api.order(Api.shopper(), List.of(Api.line(low, 3), Api.line(none, 2))));
            assertThat(Api.problemCodes(refused)).containsExactly("OUT_OF_STOCK");
            assertThat(api.count("select count(*) from alert where product_id = :p", Map.of("p", Long.parseLong(low)))).isZero();

            api.adjust(low, -2);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), low).size() == 1);
            assertThat(Api.obj(aboutProduct(live.events(), low).getFirst().get("alert"))).containsEntry("kind", "LOW_STOCK");
            assertThat((String) Api.obj(aboutProduct(live.events(), low).getFirst().get("alert")).get("message")).contains("3 left");
        }
    }

    @Test
    void theListenerReconnectsWhenItsConnectionIsKilledAndLosesNothing() {
        String product = productWithThreshold(10, 8);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            int pid = listener.listenerBackendPid();
            Boolean killed = db.sql("select pg_terminate_backend(:pid)").bind("pid", pid).map(row -> row.get(0, Boolean.class)).one().block(WAIT);
            assertThat(killed).isTrue();
            // Committed right away, most likely while the listener is reconnecting: delivered live or replayed.
            api.adjust(product, -3);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 1);
            await().atMost(WAIT).until(() -> listener.isListening() && listener.listenerBackendPid() != pid);

            api.adjust(product, -7);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 2);
            assertThat(aboutProduct(live.events(), product)).extracting(e -> Api.obj(e.get("alert")).get("kind"))
                    .containsExactly("LOW_STOCK", "OUT_OF_STOCK");
            assertThat(live.errors()).isEmpty();
        }
    }

    @Test
    void anEventWhoseAnnouncementNeverCameIsCaughtUp() {
        String product = productWithThreshold(1, 0);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            // Written as a placement writes (the triggers silent), but its writer never announces it: as if it died
            // right after its commit.
            db.sql("""
                            with a as (insert into alert (kind, severity, product_id, message)
                                       values ('LOW_STOCK', 'WARNING', :product, 'not announced') returning id),
                            e as (insert into outbox_event (type, aggregate_id, payload)
                                  select 'alert.raised', id::text, jsonb_build_object('alertId', id) from a returning id)
                            select e.id, set_config('ledgerline.announced_after_commit', 'on', true) from e""")
                    .bind("product", Long.parseLong(product)).then().block(WAIT);

            // Found by the listener's catch-up read (every 2 s), once.
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 1);
            assertThat(Api.obj(aboutProduct(live.events(), product).getFirst().get("alert"))).containsEntry("message", "not announced");
            // The row stays in the catch-up's window for two more ticks; then a later event, announced as usual.
            long ticks = listener.catchUpTicks();
            await().atMost(WAIT).until(() -> listener.catchUpTicks() >= ticks + 3);
            api.adjust(product, -1);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() >= 2);
            assertThat(aboutProduct(live.events(), product)).extracting(e -> Api.obj(e.get("alert")).get("kind"))
                    .containsExactly("LOW_STOCK", "OUT_OF_STOCK");
        }
    }

    @Test
    void aStoppedAndRestartedListenerServesNewSubscribers() {
        // The test framework pauses cached contexts with stop() and resumes them with start(); so may an operator.
        listener.stop();
        assertThat(listener.isRunning()).isFalse();
        listener.start();
        assertThat(listener.isListening()).isTrue();

        String product = productWithThreshold(4, 2);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents")) {
            api.adjust(product, -2);
            await().atMost(WAIT).until(() -> aboutProduct(live.events(), product).size() == 1);
        }
    }

    @Test
    void orderChangesArePublished() {
        String product = productWithThreshold(5, 0);
        try (var live = subscribe(Api.STAFF_TOKEN, LiveClient.ORDER_EVENTS, "orderEvents")) {
            String number = (String) api.placeOk(Api.order(Api.shopper(), List.of(Api.line(product, 2)))).get("number");
            api.staff().document("mutation($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { " + Api.PROBLEMS + " } }")
                    .variable("input", Map.of("number", number, "status", "CANCELLED")).execute()
                    .path("updateOrderStatus.problems").entityList(Object.class).hasSize(0);

            await().atMost(WAIT).until(() -> ofOrder(live.events(), number).size() == 2);
            var changes = ofOrder(live.events(), number);
            assertThat(changes.getFirst()).containsEntry("type", "PLACED").containsEntry("fromStatus", null).containsEntry("toStatus", "PENDING");
            assertThat(Api.obj(changes.getFirst().get("order")).get("lines")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .singleElement().satisfies(l -> assertThat(Api.obj(l)).containsEntry("quantity", 2));
            assertThat(changes.get(1)).containsEntry("type", "STATUS_CHANGED").containsEntry("fromStatus", "PENDING")
                    .containsEntry("toStatus", "CANCELLED");
            assertThat(Api.obj(changes.get(1).get("order"))).containsEntry("status", "CANCELLED");
        }
    }

    private static List<Map<String, Object>> ofOrder(List<Map<String, Object>> events, String number) {
        return events.stream().filter(e -> number.equals(Api.obj(e.get("order")).get("number"))).toList();
    }

    @Test
    void botsAndIntegratorsMayNotSubscribe() {
        for (String token : List.of(Api.BOT_TOKEN, Api.INTEGRATOR_TOKEN)) {
            for (var feed : List.of(List.of(LiveClient.ALERT_EVENTS, "alertEvents"), List.of(LiveClient.ORDER_EVENTS, "orderEvents"))) {
                var tester = LiveClient.connect(port, token);
                try {
                    StepVerifier.create(LiveClient.subscribe(tester, feed.get(0), feed.get(1)))
                            .expectErrorSatisfies(error -> SubscriptionRefusals.assertRefused(error, token))
                            .verify(WAIT);
                } finally {
                    tester.stop().block(WAIT);
                }
            }
        }
    }

    private static long insertAlert(Connection tx, long productId, String message) {
        return Flux.from(tx.createStatement("""
                                with raised as (
                                    insert into alert (kind, severity, product_id, message) values ('LOW_STOCK', 'WARNING', $1, $2) returning id),
                                e as (insert into outbox_event (type, aggregate_id, payload) select 'alert.raised', id::text, '{}'::jsonb from raised)
                                select id from raised""")
                        .bind("$1", productId).bind("$2", message).execute())
                .flatMap(result -> result.map(row -> row.get("id", Long.class)))
                .blockLast(WAIT);
    }
}
