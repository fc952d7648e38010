package app.ledgerline.orders;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.support.Api;
import app.ledgerline.support.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** The scheduled sweeper, with a short hold: an unpaid order is cancelled on its own and its stock comes back. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGERLINE_ADMIN_TOKEN=" + Api.ADMIN_TOKEN,
        "LEDGERLINE_BOT_TOKEN=" + Api.BOT_TOKEN,
        "ledgerline.shop.payment-hold=1s",
        "ledgerline.shop.expiry-sweep-interval=200ms"})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
// Its sweeper runs every 200 ms: close it rather than keep it in the context cache.
@DirtiesContext
class OrderExpirySchedulerTest {

    @Autowired
    DatabaseClient db;

    @Autowired
    Environment environment;

    @Test
    void theSweeperCancelsUnpaidOrdersAfterTheHold() {
        var api = new Api(environment.getRequiredProperty("local.server.port", Integer.class), db);
        String product = api.physicalProduct(1000, 2);
        String number = (String) api.placeOk(order(shopper(), java.util.List.of(line(product, 2)))).get("number");
        assertThat(api.stock(product)).containsEntry("reserved", 2);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api.admin().document("query($n: String!) { order(number: $n) { status } }").variable("n", number).execute()
                        .path("order.status").entity(String.class).isEqualTo("CANCELLED"));
        assertThat(api.stock(product)).containsEntry("reserved", 0);
    }
}
