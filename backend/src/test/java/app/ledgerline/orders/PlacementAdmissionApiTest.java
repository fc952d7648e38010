package app.ledgerline.orders;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Overload: with one order running and no room to wait, the next is answered BUSY at once and writes nothing. */
@TestPropertySource(properties = {"ledgerline.orders.admission.running=1", "ledgerline.orders.admission.queued=0"})
class PlacementAdmissionApiTest extends ApiTestBase {

    private static final String PLACE = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { number } problems { code message } } }";

    @Autowired
    TransactionalOperator tx;

    @Autowired
    MeterRegistry meters;

    @Test
    void aPlacementBeyondTheLimitIsRefusedWithBusyWhileTheOneAdmittedCompletes() throws InterruptedException {
        String product = api.physicalProduct(1000, 5);
        // Another transaction holds the product's stock row: the admitted order waits at its reservation.
        CountDownLatch locked = new CountDownLatch(1);
        Sinks.Empty<Void> release = Sinks.empty();
        var holder = db.sql("select on_hand from stock_level where product_id = :id for update").bind("id", Long.parseLong(product))
                .fetch().one()
                .doOnNext(row -> locked.countDown())
                .then(release.asMono())
                .as(tx::transactional)
                .subscribe();
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            var admitted = api.client(Api.BOT_TOKEN).document(PLACE).variable("input", order(shopper(), List.of(line(product, 1))))
                    .execute().toFuture();
            await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("ledgerline.orders.running").gauge().value() == 1);

            var refusedShopper = shopper();
            Map<String, Object> refused = api.place(order(refusedShopper, List.of(line(product, 1))));
            assertThat(problemCodes(refused)).containsExactly("BUSY");
            assertThat(refused.get("order")).isNull();
            assertThat(api.count("select count(*) from customer where discord_user_id = :d", Map.of("d", refusedShopper.get("discordUserId")))).isZero();

            release.tryEmitEmpty();
            var placed = admitted.join();
            assertThat(placed.field("placeOrder.problems").toEntityList(Object.class)).isEmpty();
            assertThat(api.stock(product)).containsEntry("reserved", 1);
        } finally {
            release.tryEmitEmpty();
            holder.dispose();
        }
    }
}
