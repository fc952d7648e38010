package app.ledgerline.inventory;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryApiTest extends ApiTestBase {

    private static final String ADJUST = "mutation($input: AdjustStockInput!) { adjustStock(input: $input) { product { stock { onHand reserved available low } "
            + "movements { kind onHandDelta reservedDelta onHandAfter reservedAfter reason actor orderNumber } } " + PROBLEMS + " } }";

    private Map<?, ?> adjust(String productId, int delta, String reason) {
        return api.staff().document(ADJUST).variable("input", Map.of("productId", productId, "delta", delta, "reason", reason))
                .execute().path("adjustStock").entity(Map.class).get();
    }

    private String productWithThreshold(int threshold) {
        var input = Api.product("PHYSICAL", 1000);
        input.put("lowStockThreshold", threshold);
        return api.createProduct(input);
    }

    private long alerts(String productId, String kind) {
        return api.count("select count(*) from alert where product_id = :p and kind = :k", Map.of("p", Long.parseLong(productId), "k", kind));
    }

    @Test
    void adjustmentsAreRecordedWithReasonAndActor() {
        String product = productWithThreshold(0);
        adjust(product, 12, "Delivery from supplier");
        var payload = adjust(product, -2, "Two damaged in storage");

        Map<?, ?> result = (Map<?, ?>) payload.get("product");
        assertThat(Api.obj(result.get("stock"))).containsEntry("onHand", 10).containsEntry("available", 10);
        List<?> movements = (List<?>) result.get("movements");
        assertThat(Api.obj(movements.getFirst())).containsEntry("kind", "ADJUSTED").containsEntry("onHandDelta", -2)
                .containsEntry("onHandAfter", 10).containsEntry("reason", "Two damaged in storage").containsEntry("actor", "token:test-staff");
        assertThat(Api.obj(movements.get(1))).containsEntry("onHandDelta", 12).containsEntry("onHandAfter", 12);
    }

    @Test
    void onHandCannotDropBelowWhatIsReserved() {
        String product = productWithThreshold(0);
        adjust(product, 3, "Initial count");
        String number = (String) api.placeOk(order(shopper(), List.of(line(product, 2)))).get("number");

        var refused = adjust(product, -2, "Recount");
        assertThat(Api.problemCodes((Map<String, Object>) refused)).containsExactly("STOCK_CONFLICT");
        assertThat(api.stock(product)).containsEntry("on_hand", 3).containsEntry("reserved", 2);

        List<?> movements = (List<?>) ((Map<?, ?>) adjust(product, -1, "Recount").get("product")).get("movements");
        assertThat(Api.pluck(movements, "kind")).containsExactly("ADJUSTED", "RESERVED", "ADJUSTED");
        assertThat(Api.obj(movements.get(1))).containsEntry("orderNumber", number).containsEntry("reservedAfter", 2);
    }

    @Test
    void badAdjustmentsNameTheField() {
        String product = productWithThreshold(0);
        assertThat(Api.pluck(adjust(product, 0, "nothing").get("problems"), "field")).containsExactly("input.delta");
        assertThat(Api.pluck(adjust(product, 5, " ").get("problems"), "field")).containsExactly("input.reason");
        assertThat(Api.pluck(adjust("12345678901", 5, "x").get("problems"), "code")).containsExactly("NOT_FOUND");
    }

    @Test
    void aLowStockAlertFiresOncePerCrossingAndOutOfStockWhenNoneAreLeft() {
        String product = productWithThreshold(3);
        adjust(product, 6, "Initial count");
        assertThat(alerts(product, "LOW_STOCK")).isZero();

        api.placeOk(order(shopper(), List.of(line(product, 2))));   // 4 left: above the threshold
        assertThat(alerts(product, "LOW_STOCK")).isZero();
        api.placeOk(order(shopper(), List.of(line(product, 1))));   // 3 left: crosses
        assertThat(alerts(product, "LOW_STOCK")).isEqualTo(1);
        api.placeOk(order(shopper(), List.of(line(product, 1))));   // 2 left: still low, no new alert
        assertThat(alerts(product, "LOW_STOCK")).isEqualTo(1);

        adjust(product, 10, "Restock");                               // 12 available: re-armed
        adjust(product, -9, "Moved to the other shop");             // 3 available: crosses again
        assertThat(alerts(product, "LOW_STOCK")).isEqualTo(2);

        api.placeOk(order(shopper(), List.of(line(product, 3))));   // none left
        assertThat(alerts(product, "OUT_OF_STOCK")).isEqualTo(1);
        assertThat(alerts(product, "LOW_STOCK")).isEqualTo(2);
        assertThat(api.count("select count(*) from outbox_event where type = 'alert.raised' and payload->>'productId' = :p",
                Map.of("p", product))).isEqualTo(3);
    }
}
