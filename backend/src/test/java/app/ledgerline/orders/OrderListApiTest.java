package app.ledgerline.orders;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.ApiTestBase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderListApiTest extends ApiTestBase {

    private static final String LIST = """
            query($filter: OrderFilter, $first: Int, $after: String) { orders(filter: $filter, first: $first, after: $after) {
              edges { cursor node { number status paymentMethod customer { id } } } pageInfo { hasNextPage endCursor } } }""";

    @Test
    void listsByStatusCustomerMethodAndDateWithCursorPages() {
        Instant start = Instant.now().minusSeconds(1);
        String hoodie = api.physicalProduct(1000, 20);
        var shopper = shopper();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            var input = order(shopper, List.of(line(hoodie, 1)));
            input.put("paymentMethod", i % 2 == 0 ? "CASH_APP" : "BTC");
            numbers.add((String) api.placeOk(input).get("number"));
        }
        api.staff().document("mutation($n: String!) { updateOrderStatus(input: {number: $n, status: PAID}) { order { status } } }")
                .variable("n", numbers.get(0)).execute();
        String customerId = api.admin().document("query($n: String!) { order(number: $n) { customer { id } } }").variable("n", numbers.get(0))
                .execute().path("order.customer.id").entity(String.class).get();

        // Two pages of two and one of one, newest first, for this customer.
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        int pages = 0;
        while (more) {
            var page = api.staff().document(LIST).variable("filter", Map.of("customerId", customerId)).variable("first", 2)
                    .variable("after", after).execute().path("orders").entity(Map.class).get();
            for (Object edge : (List<?>) page.get("edges")) {
                seen.add((String) ((Map<?, ?>) ((Map<?, ?>) edge).get("node")).get("number"));
            }
            Map<?, ?> info = (Map<?, ?>) page.get("pageInfo");
            more = (Boolean) info.get("hasNextPage");
            after = (String) info.get("endCursor");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(numbers.reversed());

        var paid = api.staff().document(LIST).variable("filter", Map.of("customerId", customerId, "status", List.of("PAID"))).execute()
                .path("orders.edges[*].node.number").entityList(String.class).get();
        assertThat(paid).containsExactly(numbers.get(0));

        var btc = api.staff().document(LIST).variable("filter", Map.of("customerId", customerId, "paymentMethod", List.of("BTC"))).execute()
                .path("orders.edges[*].node.number").entityList(String.class).get();
        assertThat(btc).containsExactly(numbers.get(3), numbers.get(1));

        var inWindow = api.staff().document(LIST).variable("filter", Map.of("customerId", customerId, "placedFrom", start.toString(),
                "placedTo", Instant.now().plusSeconds(60).toString())).execute().path("orders.edges").entityList(Object.class).get();
        assertThat(inWindow).hasSize(5);
        var before = api.staff().document(LIST).variable("filter", Map.of("customerId", customerId, "placedTo", start.toString())).execute()
                .path("orders.edges").entityList(Object.class).get();
        assertThat(before).isEmpty();
    }

    @Test
    void aForeignCursorIsAClearError() {
        api.staff().document(LIST).variable("after", "bm9wZQ").execute()
                .errors().satisfy(errors -> {
                    assertThat(errors).hasSize(1);
                    assertThat(errors.getFirst().getMessage()).contains("'after'");
                    assertThat(errors.getFirst().getExtensions()).containsEntry("code", "INVALID_INPUT").containsEntry("field", "after");
                });
    }

    @Test
    void customersAreFoundByNameDiscordIdOrOrderNumber() {
        String hoodie = api.physicalProduct(1000, 5);
        var shopper = shopper();
        String number = (String) api.placeOk(order(shopper, List.of(line(hoodie, 1)))).get("number");
        String search = "query($s: String) { customers(search: $s) { discordUserId username orders { number } } }";

        for (String term : List.of((String) shopper.get("discordUserId"), ((String) shopper.get("username")).toUpperCase(),
                "hopper " + ((String) shopper.get("discordUserId")).substring(0, 6), number.toLowerCase())) {
            api.staff().document(search).variable("s", term).execute()
                    .path("customers[*].discordUserId").entityList(String.class).contains((String) shopper.get("discordUserId"));
        }
        api.staff().document(search).variable("s", shopper.get("discordUserId")).execute()
                .path("customers[0].orders[0].number").entity(String.class).isEqualTo(number);
    }

    @Test
    void customerNotesAreKept() {
        String hoodie = api.physicalProduct(1000, 5);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 1)))).get("number");
        String customerId = api.admin().document("query($n: String!) { order(number: $n) { customer { id } } }").variable("n", number)
                .execute().path("order.customer.id").entity(String.class).get();
        api.staff().document("mutation($id: ID!) { setCustomerNotes(customerId: $id, notes: \"Prefers DMs\") { customer { notes } } }")
                .variable("id", customerId).execute().path("setCustomerNotes.customer.notes").entity(String.class).isEqualTo("Prefers DMs");
    }
}
