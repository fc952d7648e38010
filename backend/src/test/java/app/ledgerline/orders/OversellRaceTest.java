package app.ledgerline.orders;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.client.ClientGraphQlResponse;
import reactor.core.publisher.Flux;

/** No oversell and no deadlock when many clients buy at once through the API. */
class OversellRaceTest extends ApiTestBase {

    private static final String PLACE = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { number } problems { code } } }";

    private List<String> raceToPlace(List<Map<String, Object>> inputs) {
        var client = api.client(Api.BOT_TOKEN);
        return Flux.fromIterable(inputs)
                .flatMap(input -> client.document(PLACE).variable("input", input).execute(), inputs.size())
                .map(OversellRaceTest::outcome)
                .collectList()
                .block(Duration.ofSeconds(120));
    }

    private static String outcome(ClientGraphQlResponse response) {
        if (!response.getErrors().isEmpty()) {
            return "ERROR " + response.getErrors();
        }
        List<?> problems = response.field("placeOrder.problems").toEntity(List.class);
        return problems.isEmpty() ? "PLACED" : (String) ((Map<?, ?>) problems.getFirst()).get("code");
    }

    @Test
    void twoHundredClientsRacingForTenUnitsBuyExactlyTen() {
        String product = api.physicalProduct(1000, 10);
        List<Map<String, Object>> inputs = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> order(shopper(), List.of(line(product, 1)))).toList();

        List<String> outcomes = raceToPlace(inputs);

        assertThat(outcomes.stream().filter("PLACED"::equals).count()).isEqualTo(10);
        assertThat(outcomes.stream().filter("OUT_OF_STOCK"::equals).count()).isEqualTo(190);
        assertThat(api.stock(product)).containsEntry("on_hand", 10).containsEntry("reserved", 10);
        long id = Long.parseLong(product);
        assertThat(api.count("select coalesce(sum(reserved_delta), 0) from stock_movement where product_id = :p", Map.of("p", id))).isEqualTo(10);
        assertThat(api.count("select coalesce(sum(on_hand_delta), 0) from stock_movement where product_id = :p", Map.of("p", id))).isEqualTo(10);
        assertThat(api.count("select count(*) from order_line where product_id = :p", Map.of("p", id))).isEqualTo(10);
    }

    @Test
    void multiLineOrdersInOppositeOrdersDoNotDeadlock() {
        String first = api.physicalProduct(1000, 60);
        String second = api.physicalProduct(1000, 60);
        List<Map<String, Object>> inputs = java.util.stream.IntStream.range(0, 80)
                .mapToObj(i -> order(shopper(), i % 2 == 0 ? List.of(line(first, 1), line(second, 1)) : List.of(line(second, 1), line(first, 1))))
                .toList();

        List<String> outcomes = raceToPlace(inputs);

        assertThat(outcomes.stream().filter("PLACED"::equals).count()).isEqualTo(60);
        assertThat(outcomes.stream().filter("OUT_OF_STOCK"::equals).count()).isEqualTo(20);
        assertThat(api.stock(first)).containsEntry("reserved", 60);
        assertThat(api.stock(second)).containsEntry("reserved", 60);
    }
}
