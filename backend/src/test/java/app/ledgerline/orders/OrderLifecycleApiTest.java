package app.ledgerline.orders;

import static app.ledgerline.support.Api.ORDER_FIELDS;
import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderLifecycleApiTest extends ApiTestBase {

    private static final String UPDATE = "mutation($input: UpdateOrderStatusInput!) { updateOrderStatus(input: $input) { order { "
            + ORDER_FIELDS + " } " + PROBLEMS + " } }";

    @Autowired
    OrderService orders;

    private Map<?, ?> update(String number, String status, String note) {
        return api.staff().document(UPDATE).variable("input", Map.of("number", number, "status", status, "note", note)).execute()
                .path("updateOrderStatus").entity(Map.class).get();
    }

    private static String status(Map<?, ?> payload) {
        return (String) ((Map<?, ?>) payload.get("order")).get("status");
    }

    private static String problem(Map<?, ?> payload) {
        return (String) ((Map<?, ?>) ((List<?>) payload.get("problems")).getFirst()).get("code");
    }

    @Test
    void aPhysicalOrderIsPaidShippedAndDeliveredWithEveryStepRecorded() {
        String hoodie = api.physicalProduct(2000, 5);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 2)))).get("number");

        assertThat(status(update(number, "PAID", "Venmo ref 123 seen"))).isEqualTo("PAID");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 3).containsEntry("reserved", 0);
        assertThat(status(update(number, "SHIPPED", "USPS"))).isEqualTo("SHIPPED");
        var delivered = update(number, "DELIVERED", "Signed for");
        assertThat(status(delivered)).isEqualTo("DELIVERED");

        List<?> history = (List<?>) ((Map<?, ?>) delivered.get("order")).get("history");
        assertThat(Api.pluck(history, "toStatus")).containsExactly("PENDING", "PAID", "SHIPPED", "DELIVERED");
        assertThat(Api.pluck(history, "actor")).endsWith("token:test-staff", "token:test-staff", "token:test-staff");
        assertThat(((Map<?, ?>) history.get(1)).get("note")).isEqualTo("Venmo ref 123 seen");
        long orderId = Long.parseLong((String) ((Map<?, ?>) delivered.get("order")).get("id"));
        assertThat(api.count("select count(*) from stock_movement where order_id = :id and kind = 'SOLD' and on_hand_delta = -2 and reserved_delta = -2",
                Map.of("id", orderId))).isEqualTo(1);
        assertThat(api.count("select count(*) from outbox_event where type = 'order.status_changed' and aggregate_id = :n", Map.of("n", number))).isEqualTo(3);
    }

    @Test
    void illegalTransitionsAreRefusedAndChangeNothing() {
        String hoodie = api.physicalProduct(2000, 5);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 1)))).get("number");

        assertThat(problem(update(number, "SHIPPED", "too early"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");
        assertThat(problem(update(number, "DELIVERED", "too early"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");
        assertThat(problem(update(number, "REFUNDED", "not like this"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");
        assertThat(problem(update(number, "PENDING", "same"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");
        assertThat(status(update(number, "CANCELLED", "customer asked"))).isEqualTo("CANCELLED");
        assertThat(problem(update(number, "PAID", "too late"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");

        assertThat(api.count("select count(*) from order_history h join customer_order o on o.id = h.order_id where o.number = :n",
                Map.of("n", number))).isEqualTo(2);
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 5).containsEntry("reserved", 0);
    }

    @Test
    void aDigitalOrderIsCompleteWhenPaidAndNeverShips() {
        var perk = Api.product("DIGITAL", 500);
        perk.put("trackInventory", false);
        perk.put("grantedRoleIds", List.of("800000000000000001"));
        String perkId = api.createProduct(perk);
        var input = order(shopper(), List.of(line(perkId, 1)));
        input.remove("shippingAddress");
        String number = (String) api.placeOk(input).get("number");

        assertThat(status(update(number, "PAID", "cash app"))).isEqualTo("PAID");
        assertThat(problem(update(number, "SHIPPED", "nothing to ship"))).isEqualTo("ILLEGAL_STATUS_TRANSITION");
        assertThat(api.count("select count(*) from order_line l join customer_order o on o.id = l.order_id where o.number = :n and l.granted_role_ids = '{800000000000000001}'",
                Map.of("n", number))).isEqualTo(1);
    }

    @Test
    void cancellingReleasesTheStockAndRecordsTheReason() {
        String hoodie = api.physicalProduct(2000, 3);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 3)))).get("number");
        assertThat(api.stock(hoodie)).containsEntry("reserved", 3);

        var cancelled = api.admin().document("mutation($n: String!) { cancelOrder(number: $n, reason: \"Changed mind\") { order { status history { note actor } } " + PROBLEMS + " } }")
                .variable("n", number).execute().path("cancelOrder").entity(Map.class).get();

        assertThat(status(cancelled)).isEqualTo("CANCELLED");
        List<?> history = (List<?>) ((Map<?, ?>) cancelled.get("order")).get("history");
        assertThat(((Map<?, ?>) history.getLast()).get("note")).isEqualTo("Changed mind");
        assertThat(((Map<?, ?>) history.getLast()).get("actor")).isEqualTo("bootstrap-admin");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 3).containsEntry("reserved", 0);
    }

    @Test
    void unpaidOrdersExpireAfterTheHoldAndReleaseTheirStock() {
        String hoodie = api.physicalProduct(2000, 4);
        var placed = api.placeOk(order(shopper(), List.of(line(hoodie, 4))));
        String number = (String) placed.get("number");
        Instant expiresAt = Instant.parse((String) placed.get("expiresAt"));
        assertThat(expiresAt).isAfter(Instant.now().plus(Duration.ofHours(47)));

        assertThat(orders.expireDue(expiresAt.minusSeconds(1)).block()).isNotNull();
        api.admin().document("query($n: String!) { order(number: $n) { status } }").variable("n", number).execute()
                .path("order.status").entity(String.class).isEqualTo("PENDING");

        orders.expireDue(expiresAt.plusSeconds(1)).block();
        api.admin().document("query($n: String!) { order(number: $n) { status history { actor note } } }").variable("n", number).execute()
                .path("order.status").entity(String.class).isEqualTo("CANCELLED")
                .path("order.history[1].actor").entity(String.class).isEqualTo("system:expiry");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 4).containsEntry("reserved", 0);
        assertThat(api.count("select count(*) from stock_movement where product_id = :p and kind = 'RELEASED'", Map.of("p", Long.parseLong(hoodie)))).isEqualTo(1);
    }

    @Test
    void notesAreAddedToTheHistory() {
        String hoodie = api.physicalProduct(2000, 1);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 1)))).get("number");
        api.staff().document("mutation($n: String!) { addOrderNote(number: $n, note: \"Asked for gift wrap\") { order { status history { fromStatus toStatus note actor } } } }")
                .variable("n", number).execute()
                .path("addOrderNote.order.status").entity(String.class).isEqualTo("PENDING")
                .path("addOrderNote.order.history[1].note").entity(String.class).isEqualTo("Asked for gift wrap")
                .path("addOrderNote.order.history[1].toStatus").valueIsNull();
    }

    @Test
    void anUnknownOrderIsNotFound() {
        assertThat(problem(update("LL-999999999", "PAID", "x"))).isEqualTo("NOT_FOUND");
        assertThat(problem(update("nonsense", "PAID", "x"))).isEqualTo("INVALID_INPUT");
    }
}
