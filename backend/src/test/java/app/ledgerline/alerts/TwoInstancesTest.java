package app.ledgerline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.LedgerlineApplication;
import app.ledgerline.events.OutboxListener;
import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import app.ledgerline.support.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** Two backend instances on one database: a client of either sees every event, whichever instance made it. */
class TwoInstancesTest extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ConfigurableApplicationContext second;

    @Autowired
    private Environment environment;

    @Autowired
    private OutboxListener listenerA;

    @BeforeAll
    static void startSecondInstance() {
        var db = TestDatabase.get();
        // Command-line arguments: they win over application.yml, as the test context's own settings do.
        second = new SpringApplicationBuilder(LedgerlineApplication.class).run(
                "--server.port=0",
                "--LEDGERLINE_ADMIN_TOKEN=" + Api.ADMIN_TOKEN,
                "--LEDGERLINE_BOT_TOKEN=" + Api.BOT_TOKEN,
                "--ledgerline.shop.expiry-sweep-interval=1h",
                "--ledgerline.database.url=" + db.url(),
                "--ledgerline.database.username=" + db.username(),
                "--ledgerline.database.password=" + db.password(),
                "--ledgerline.database.pool-size=4");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void eventsMadeOnOneInstanceReachSubscribersOfBoth() {
        int portA = environment.getRequiredProperty("local.server.port", Integer.class);
        int portB = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        assertThat(portB).isNotEqualTo(portA);
        OutboxListener listenerB = second.getBean(OutboxListener.class);
        // Really the same database: B sees what A's test data wrote.
        assertThat(second.getBean(org.springframework.r2dbc.core.DatabaseClient.class).sql("select count(*) from api_token where name = 'test-staff'")
                .map(row -> row.get(0, Long.class)).one().block(WAIT)).isEqualTo(1L);
        var apiB = new Api(portB, db);

        int beforeA = listenerA.subscriberCount();
        int beforeB = listenerB.subscriberCount();
        try (var onA = LiveClient.Collected.of(portA, Api.STAFF_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents");
             var onB = LiveClient.Collected.of(portB, Api.ADMIN_TOKEN, LiveClient.ALERT_EVENTS, "alertEvents");
             var ordersOnA = LiveClient.Collected.of(portA, Api.ADMIN_TOKEN, LiveClient.ORDER_EVENTS, "orderEvents")) {
            await().atMost(WAIT).until(() -> listenerA.subscriberCount() >= beforeA + 2 && listenerB.subscriberCount() > beforeB);

            // An alert caused through instance B's API...
            var input = Api.product("PHYSICAL", 900);
            input.put("lowStockThreshold", 2);
            String product = apiB.createProduct(input);
            apiB.adjust(product, 4);
            apiB.adjust(product, -2);
            // ... and an order placed through B.
            String number = (String) apiB.placeOk(Api.order(Api.shopper(), List.of(Api.line(product, 2)))).get("number");

            // A's subscribers hear of it, as do B's own.
            await().atMost(WAIT).until(() -> kinds(onA.events(), product).equals(List.of("LOW_STOCK", "OUT_OF_STOCK")));
            await().atMost(WAIT).until(() -> kinds(onB.events(), product).equals(List.of("LOW_STOCK", "OUT_OF_STOCK")));
            await().atMost(WAIT).until(() -> ordersOnA.events().stream()
                    .anyMatch(e -> "PLACED".equals(e.get("type")) && number.equals(Api.obj(e.get("order")).get("number"))));

            // And the other way round: acknowledged on A, heard on B.
            String alertId = (String) Api.obj(onB.events().stream().filter(e -> isAbout(e, product)).findFirst().orElseThrow().get("alert")).get("id");
            api.staff().document(AlertApiTest.ACK).variable("id", alertId).execute()
                    .path("acknowledgeAlert.problems").entityList(Object.class).hasSize(0);
            await().atMost(WAIT).until(() -> onB.events().stream()
                    .anyMatch(e -> "ACKNOWLEDGED".equals(e.get("type")) && alertId.equals(Api.obj(e.get("alert")).get("id"))
                            && "token:test-staff".equals(Api.obj(e.get("alert")).get("acknowledgedBy"))));
            assertThat(onA.errors()).isEmpty();
            assertThat(onB.errors()).isEmpty();
        }
    }

    private static boolean isAbout(Map<String, Object> event, String productId) {
        Map<String, Object> product = Api.obj(Api.obj(event.get("alert")).get("product"));
        return "RAISED".equals(event.get("type")) && product != null && productId.equals(product.get("id"));
    }

    private static List<Object> kinds(List<Map<String, Object>> events, String productId) {
        return events.stream().filter(e -> isAbout(e, productId)).map(e -> Api.obj(e.get("alert")).get("kind")).toList();
    }
}
