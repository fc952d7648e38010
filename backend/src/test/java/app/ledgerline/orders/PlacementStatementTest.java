package app.ledgerline.orders;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An order is written by one statement with the payment, the reservation and the discount's use: when another
 * transaction takes the last units or the last use while the order waits for the row, the statement refuses itself
 * and nothing of the order is left; and one customer's concurrent orders respect the per-customer limits.
 */
class PlacementStatementTest extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private ConnectionFactory connections;

    @Autowired
    private OrderNumbers numbers;

    /** Everything a placement writes, counted across the tables it touches. */
    private Map<String, Long> written() {
        Map<String, Long> counts = new HashMap<>();
        for (String table : List.of("customer", "customer_order", "order_line", "order_history", "payment", "payment_event",
                "stock_movement", "alert", "outbox_event", "bot_task", "discount_redemption")) {
            counts.put(table, api.count("select count(*) from " + table, Map.of()));
        }
        return counts;
    }

    /**
     * Runs {@code sql} in a transaction of its own that stays open until a placement waits for a lock it holds, then
     * commits it.
     */
    private Map<String, Object> placeWhileHeld(String sql, Map<String, Object> input) {
        Connection held = Mono.from(connections.create()).block(WAIT);
        try {
            Mono.from(held.beginTransaction()).block(WAIT);
            Flux.from(held.createStatement(sql).execute()).flatMap(result -> result.getRowsUpdated()).blockLast(WAIT);
            CompletableFuture<Map<String, Object>> placing = CompletableFuture.supplyAsync(() -> api.place(input));
            await().atMost(WAIT).until(() -> api.count("select count(*) from pg_locks where not granted", Map.of()) > 0);
            Mono.from(held.commitTransaction()).block(WAIT);
            return placing.join();
        } finally {
            Mono.from(held.close()).block(WAIT);
        }
    }

    @Test
    void unitsTakenWhileTheOrderWaitsRefuseItAndNothingIsWritten() {
        String product = api.physicalProduct(1000, 3);
        Map<String, Long> before = written();

        var refused = placeWhileHeld("update stock_level set reserved = reserved + 3 where product_id = " + product,
                order(shopper(), List.of(line(product, 2))));

        assertThat(problemCodes(refused)).containsExactly("OUT_OF_STOCK");
        assertThat(Api.pluck(refused.get("problems"), "productId")).containsExactly(product);
        assertThat(written()).isEqualTo(before);
        assertThat(api.stock(product)).containsEntry("on_hand", 3).containsEntry("reserved", 3);
    }

    @Test
    void theLastUseOfADiscountTakenWhileTheOrderWaitsRefusesItAndNothingIsWritten() {
        String product = api.physicalProduct(1000, 10);
        var discount = new HashMap<String, Object>(Map.of("name", "Once", "kind", "PERCENTAGE", "percentOff", 10,
                "code", "ONCE" + Api.unique(), "maxUsesTotal", 1));
        String discountId = api.admin().document("mutation($input: DiscountInput!) { createDiscount(input: $input) { discount { id } } }")
                .variable("input", discount).execute().path("createDiscount.discount.id").entity(String.class).get();
        var input = order(shopper(), List.of(line(product, 1)));
        input.put("discountCode", discount.get("code"));
        Map<String, Long> before = written();

        var refused = placeWhileHeld("update discount set uses = 1 where id = " + discountId, input);

        assertThat(problemCodes(refused)).containsExactly("DISCOUNT_LIMIT_REACHED");
        assertThat(Api.pluck(refused.get("problems"), "field")).containsExactly("input.discountCode");
        assertThat(written()).isEqualTo(before);
        assertThat(api.stock(product)).containsEntry("reserved", 0);
    }

    @Test
    void oneCustomersConcurrentOrdersKeepThePerCustomerLimit() {
        String limited = api.physicalProduct(1000, 100, Map.of("perCustomerLimit", 2));
        var shopper = shopper();

        List<Map<String, Object>> outcomes = Flux.range(0, 12)
                .flatMap(i -> Mono.fromCallable(() -> api.place(order(shopper, List.of(line(limited, 1)))))
                        .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 12)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(outcomes).filteredOn(o -> problemCodes(o).isEmpty()).hasSize(2);
        assertThat(outcomes).filteredOn(o -> problemCodes(o).equals(List.of("PURCHASE_LIMIT_REACHED"))).hasSize(10);
        assertThat(api.stock(limited)).containsEntry("reserved", 2);
    }

    @Test
    void orderNumbersTakenAtOnceAreAllDifferentAndComeFromTheSequence() {
        List<String> taken = Flux.range(0, 3 * OrderNumbers.BLOCK + 1).flatMap(i -> numbers.next(), 16).collectList().block(WAIT);

        long sequenceAfter = api.count("select last_value from order_number_seq", Map.of());
        assertThat(taken).hasSize(3 * OrderNumbers.BLOCK + 1).doesNotHaveDuplicates()
                .allMatch(number -> number.matches("LL-[0-9]+") && Long.parseLong(number.substring(3)) <= sequenceAfter);
        // Numbers already placed are never handed out again.
        assertThat(api.count("select count(*) from customer_order where number = any(:numbers)",
                Map.of("numbers", taken.toArray(String[]::new)))).isZero();
    }
}
