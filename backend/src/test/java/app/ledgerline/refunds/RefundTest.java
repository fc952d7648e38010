package app.ledgerline.refunds;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.obj;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundTest extends ApiTestBase {

    private static final String REFUND = """
            mutation($input: RefundInput!) { refundOrder(input: $input) { order { status refundable { amountMinor }
              payment { status } entitlements { roleId status } refunds { amount { amountMinor } reason reference actor lines { productId quantity restocked } } }
              %s } }""".formatted(PROBLEMS);

    private Map<String, Object> refund(String number, long amount, List<Map<String, Object>> lines) {
        var input = new HashMap<String, Object>(Map.of("number", number, "amountMinor", amount, "reason", "Customer returned it",
                "reference", "VENMO-REFUND-1", "lines", lines));
        return obj(api.admin().document(REFUND).variable("input", input).execute().path("refundOrder").entity(Map.class).get());
    }

    /** A paid order of one physical product (qty 2) and one role perk; returns its number. */
    private String paidOrder(String physical, String perk) {
        String number = (String) api.placeOk(order(shopper(), List.of(line(physical, 2), line(perk, 1)))).get("number");
        api.admin().document("mutation($i: ConfirmPaymentInput!) { confirmPayment(input: $i) { problems { code } } }")
                .variable("i", Map.of("number", number, "amountMinor", 2 * 1500 + 700 + 500, "reference", "ref")).execute()
                .path("confirmPayment.problems").entityList(Object.class).hasSize(0);
        return number;
    }

    private String perk(String roleId) {
        var perk = Api.product("DIGITAL", 700);
        perk.put("trackInventory", false);
        perk.put("grantedRoleIds", List.of(roleId));
        return api.createProduct(perk);
    }

    @Test
    void aFullRefundRestocksWhatWasAskedRevokesRolesAndTellsTheCustomer() {
        String hoodie = api.physicalProduct(1500, 5);
        String perk = perk("820000000000000001");
        String number = paidOrder(hoodie, perk);
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 3).containsEntry("reserved", 0);

        var refunded = refund(number, 4200, List.of(Map.of("productId", hoodie, "quantity", 2, "restock", true)));

        assertThat(problemCodes(refunded)).isEmpty();
        var order = obj(refunded.get("order"));
        assertThat(order.get("status")).isEqualTo("REFUNDED");
        assertThat(obj(order.get("payment")).get("status")).isEqualTo("REFUNDED");
        assertThat(obj(order.get("refundable")).get("amountMinor")).isEqualTo(0);
        assertThat(Api.pluck(order.get("entitlements"), "status")).containsExactly("REVOKING");
        var recorded = obj(((List<?>) order.get("refunds")).getFirst());
        assertThat(recorded).containsEntry("reason", "Customer returned it").containsEntry("reference", "VENMO-REFUND-1")
                .containsEntry("actor", "bootstrap-admin");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 5);
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n and t.kind = 'REVOKE_ROLE'",
                Map.of("n", number))).isEqualTo(1);
        // The grant the bot had not done yet is cancelled, so it cannot land after the revoke.
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n and t.kind = 'GRANT_ROLE'"
                + " and t.status = 'FAILED' and t.last_error like 'Superseded%'", Map.of("n", number))).isEqualTo(1);
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n and t.payload->>'template' = 'REFUNDED'",
                Map.of("n", number))).isEqualTo(1);
    }

    @Test
    void partialRefundsAddUpAndNeverExceedWhatWasPaid() {
        String hoodie = api.physicalProduct(1500, 5);
        String perk = perk("820000000000000002");
        String number = paidOrder(hoodie, perk);

        var first = refund(number, 1500, List.of(Map.of("productId", hoodie, "quantity", 1)));
        assertThat(obj(first.get("order"))).containsEntry("status", "PARTIALLY_REFUNDED");
        assertThat(obj(obj(first.get("order")).get("refundable")).get("amountMinor")).isEqualTo(2700);
        assertThat(Api.pluck(obj(first.get("order")).get("entitlements"), "status")).containsExactly("GRANTING");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 3);

        var tooMuch = refund(number, 2701, List.of());
        assertThat(problemCodes(tooMuch)).containsExactly("REFUND_EXCEEDS_PAID");
        var tooMany = refund(number, 100, List.of(Map.of("productId", hoodie, "quantity", 2)));
        assertThat(problemCodes(tooMany)).containsExactly("INVALID_INPUT");
        assertThat(api.count("select count(*) from refund r join customer_order o on o.id = r.order_id where o.number = :n", Map.of("n", number))).isEqualTo(1);

        var perkRefund = refund(number, 700, List.of(Map.of("productId", perk, "quantity", 1)));
        assertThat(obj(perkRefund.get("order"))).containsEntry("status", "PARTIALLY_REFUNDED");
        assertThat(Api.pluck(obj(perkRefund.get("order")).get("entitlements"), "status")).containsExactly("REVOKING");

        var rest = refund(number, 2000, List.of());
        assertThat(obj(rest.get("order"))).containsEntry("status", "REFUNDED");
        assertThat(problemCodes(refund(number, 1, List.of()))).containsExactly("ILLEGAL_STATUS_TRANSITION");
    }

    @Test
    void unpaidOrdersAndStrangersLinesCannotBeRefunded() {
        String hoodie = api.physicalProduct(1500, 5);
        String number = (String) api.placeOk(order(shopper(), List.of(line(hoodie, 1)))).get("number");
        assertThat(problemCodes(refund(number, 100, List.of()))).containsExactly("ILLEGAL_STATUS_TRANSITION");

        String perk = perk("820000000000000003");
        String paid = paidOrder(hoodie, perk);
        String stranger = api.physicalProduct(100, 1);
        assertThat(problemCodes(refund(paid, 100, List.of(Map.of("productId", stranger, "quantity", 1))))).containsExactly("INVALID_INPUT");
    }

    @Test
    void staffCannotRefund() {
        api.staff().document(REFUND).variable("input", Map.of("number", "LL-1", "amountMinor", 1, "reason", "x")).execute()
                .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).containsExactly("FORBIDDEN"));
    }
}
