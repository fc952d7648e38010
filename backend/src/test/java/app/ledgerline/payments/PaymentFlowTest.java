package app.ledgerline.payments;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.obj;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.orders.OrderService;
import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class PaymentFlowTest extends ApiTestBase {

    static final String PAYMENT = """
            payment { status method amount { amountMinor } received { amountMinor } claimedReference externalReference confirmedBy
              failureReason events { fromStatus toStatus actor note }
              instructions { method payTo note checkoutUrl invoiceNumber dueAt invoiceUrl text amount { amountMinor } } }""";
    private static final String PLACE = "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { number status total { amountMinor } "
            + PAYMENT + " } " + PROBLEMS + " } }";
    private static final String CLAIM = "mutation($s: ShopperInput!, $n: String!, $r: String!) { claimPayment(shopper: $s, number: $n, reference: $r) { order { status "
            + PAYMENT + " } " + PROBLEMS + " } }";
    private static final String CONFIRM = "mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { order { status entitlements { roleId status } "
            + PAYMENT + " } " + PROBLEMS + " } }";
    private static final String REJECT = "mutation($n: String!, $r: String!) { rejectPayment(number: $n, reason: $r) { order { status " + PAYMENT + " } " + PROBLEMS + " } }";

    @Autowired
    OrderService orders;

    private Map<String, Object> place(Map<String, Object> input) {
        return obj(api.bot().document(PLACE).variable("input", input).execute().path("placeOrder").entity(Map.class).get());
    }

    private static Map<String, Object> payment(Map<String, Object> payload) {
        return obj(obj(payload.get("order")).get("payment"));
    }

    private static Map<String, Object> instructions(Map<String, Object> payload) {
        return obj(payment(payload).get("instructions"));
    }

    private Map<String, Object> withMethod(Map<String, Object> shopper, String productId, String method) {
        var input = order(shopper, List.of(line(productId, 1)));
        input.put("paymentMethod", method);
        return input;
    }

    private long tasks(String number, String kind, String template) {
        return api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n and t.kind = :k"
                + (template == null ? "" : " and t.payload->>'template' = '" + template + "'"), Map.of("n", number, "k", kind));
    }

    @Test
    void venmoInstructionsNameTheHandleTheExactAmountAndTheNote() {
        String product = api.physicalProduct(1999, 3);
        var placed = place(withMethod(shopper(), product, "VENMO"));

        var instructions = instructions(placed);
        String number = (String) obj(placed.get("order")).get("number");
        assertThat(instructions).containsEntry("payTo", "@ledgerline-shop").containsEntry("note", number);
        assertThat((String) instructions.get("text")).contains("$24.99", "@ledgerline-shop", number);
        assertThat(payment(placed)).containsEntry("status", "AWAITING");
        assertThat(tasks(number, "SEND_DM", "ORDER_RECEIVED")).isEqualTo(1);
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n and t.payload->>'text' like '%@ledgerline-shop%'",
                Map.of("n", number))).isEqualTo(1);
    }

    @Test
    void invoiceOrdersGetANumberADueDateAndAPrintablePageBehindASignedLink() {
        String product = api.physicalProduct(5000, 3);
        var placed = place(withMethod(shopper(), product, "INVOICE"));
        var instructions = instructions(placed);

        assertThat((String) instructions.get("invoiceNumber")).matches("INV-[0-9]+");
        assertThat(Instant.parse((String) instructions.get("dueAt"))).isAfter(Instant.now().plus(Duration.ofDays(13)));
        String url = (String) instructions.get("invoiceUrl");
        assertThat(url).contains("/invoices/" + instructions.get("invoiceNumber") + "?t=");
        // The DM written with the payment names the same invoice and link.
        String number = (String) obj(placed.get("order")).get("number");
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n"
                + " and t.payload->>'template' = 'ORDER_RECEIVED' and t.payload->>'text' like :text",
                Map.of("n", number, "text", "%Invoice " + instructions.get("invoiceNumber") + " for $55.00%" + url + "%"))).isEqualTo(1);

        var http = WebTestClient.bindToServer().baseUrl(api.url().replace("/graphql", "")).build();
        String path = url.substring(url.indexOf("/invoices/"));
        http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains((String) instructions.get("invoiceNumber"), "$55.00", "Ada Lovelace", "Due"));
        http.get().uri(path.substring(0, path.indexOf('?'))).exchange().expectStatus().isNotFound();
        http.get().uri(path + "x").exchange().expectStatus().isNotFound();
    }

    @Test
    void manualBtcShowsTheShopAddress() {
        String product = api.physicalProduct(1000, 3);
        var instructions = instructions(place(withMethod(shopper(), product, "BTC")));
        assertThat(instructions).containsEntry("payTo", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq").containsEntry("checkoutUrl", null);
    }

    @Test
    void aDisabledMethodCannotBeChosenAndNothingIsWritten() {
        String product = api.physicalProduct(1000, 3);
        var shopper = shopper();
        String configure = "mutation($input: PaymentMethodInput!) { configurePaymentMethod(input: $input) { setting { enabled handle } " + PROBLEMS + " } }";
        try {
            api.admin().document(configure).variable("input", Map.of("method", "CASH_APP", "enabled", false, "handle", "$LedgerlineShop")).execute()
                    .path("configurePaymentMethod.setting.enabled").entity(Boolean.class).isEqualTo(false);
            assertThat(api.bot().document("{ enabledPaymentMethods }").execute().path("enabledPaymentMethods").entityList(String.class).get())
                    .doesNotContain("CASH_APP").contains("VENMO");

            var refused = place(withMethod(shopper, product, "CASH_APP"));
            assertThat(problemCodes(refused)).containsExactly("PAYMENT_METHOD_UNAVAILABLE");
            assertThat(api.stock(product)).containsEntry("reserved", 0);
            assertThat(api.count("select count(*) from customer_order o join customer c on c.id = o.customer_id where c.discord_user_id = :d",
                    Map.of("d", shopper.get("discordUserId")))).isZero();

            api.admin().document(configure).variable("input", Map.of("method", "VENMO", "enabled", true, "handle", "not a handle!")).execute()
                    .path("configurePaymentMethod.problems[0].field").entity(String.class).isEqualTo("input.handle");
        } finally {
            api.enableAllPaymentMethods();
        }
    }

    @Test
    void aMethodTurnedOffIsRefusedFromTheVeryNextOrderAndTurnedOnAcceptedAtOnce() {
        String product = api.physicalProduct(1000, 5);
        String configure = "mutation($input: PaymentMethodInput!) { configurePaymentMethod(input: $input) { " + PROBLEMS + " } }";
        // An order paid by Cash App first, so the backend has read the settings with Cash App on.
        assertThat(problemCodes(place(withMethod(shopper(), product, "CASH_APP")))).isEmpty();
        try {
            api.admin().document(configure).variable("input", Map.of("method", "CASH_APP", "enabled", false)).execute()
                    .path("configurePaymentMethod.problems").entityList(Object.class).hasSize(0);
            assertThat(problemCodes(place(withMethod(shopper(), product, "CASH_APP")))).containsExactly("PAYMENT_METHOD_UNAVAILABLE");
            assertThat(api.bot().document("{ enabledPaymentMethods }").execute().path("enabledPaymentMethods").entityList(String.class).get())
                    .doesNotContain("CASH_APP");

            api.admin().document(configure).variable("input", Map.of("method", "CASH_APP", "enabled", true, "handle", "$NewShopTag")).execute()
                    .path("configurePaymentMethod.problems").entityList(Object.class).hasSize(0);
            var placed = place(withMethod(shopper(), product, "CASH_APP"));
            assertThat(problemCodes(placed)).isEmpty();
            assertThat(instructions(placed)).containsEntry("payTo", "$NewShopTag");
            assertThat(api.stock(product)).containsEntry("reserved", 2);
        } finally {
            api.enableAllPaymentMethods();
        }
    }

    @Test
    void aClaimedPaymentIsConfirmedAndTheOrderIsPaidWithRolesAndNotifications() {
        var perk = Api.product("DIGITAL", 800);
        perk.put("trackInventory", false);
        perk.put("grantedRoleIds", List.of("810000000000000001", "810000000000000002"));
        String perkId = api.createProduct(perk);
        var shopper = shopper();
        var input = withMethod(shopper, perkId, "CASH_APP");
        input.remove("shippingAddress");
        String number = (String) obj(place(input).get("order")).get("number");

        var claimed = obj(api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "CASHAPP-TX-42").execute()
                .path("claimPayment").entity(Map.class).get());
        assertThat(payment(claimed)).containsEntry("status", "CLAIMED").containsEntry("claimedReference", "CASHAPP-TX-42");
        assertThat(api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n and a.kind = 'PAYMENT_CLAIMED'",
                Map.of("n", number))).isEqualTo(1);

        var short_ = obj(api.staff().document(CONFIRM).variable("input", Map.of("number", number, "amountMinor", 500, "reference", "TX-42")).execute()
                .path("confirmPayment").entity(Map.class).get());
        assertThat(problemCodes(short_)).containsExactly("PAYMENT_AMOUNT_SHORT");

        var confirmed = obj(api.staff().document(CONFIRM).variable("input", Map.of("number", number, "amountMinor", 800, "reference", "TX-42")).execute()
                .path("confirmPayment").entity(Map.class).get());
        assertThat(problemCodes(confirmed)).isEmpty();
        var order = obj(confirmed.get("order"));
        assertThat(order.get("status")).isEqualTo("PAID");
        assertThat(payment(confirmed)).containsEntry("status", "CONFIRMED").containsEntry("confirmedBy", "token:test-staff")
                .containsEntry("externalReference", "TX-42");
        assertThat(Api.pluck(payment(confirmed).get("events"), "toStatus")).containsExactly("AWAITING", "CLAIMED", "CONFIRMED");
        assertThat(Api.pluck(order.get("entitlements"), "roleId")).containsExactlyInAnyOrder("810000000000000001", "810000000000000002");
        assertThat(Api.pluck(order.get("entitlements"), "status")).containsOnly("GRANTING");
        assertThat(tasks(number, "GRANT_ROLE", null)).isEqualTo(2);
        assertThat(tasks(number, "SEND_DM", "PAYMENT_CONFIRMED")).isEqualTo(1);

        var again = obj(api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "again").execute()
                .path("claimPayment").entity(Map.class).get());
        assertThat(problemCodes(again)).containsExactly("PAYMENT_STATE");
    }

    @Test
    void nobodyClaimsSomeoneElsesOrder() {
        String product = api.physicalProduct(1000, 3);
        String number = (String) obj(place(withMethod(shopper(), product, "VENMO")).get("order")).get("number");
        var other = obj(api.bot().document(CLAIM).variable("s", shopper()).variable("n", number).variable("r", "ref").execute()
                .path("claimPayment").entity(Map.class).get());
        assertThat(problemCodes(other)).containsExactly("NOT_FOUND");
        assertThat(api.count("select count(*) from payment p join customer_order o on o.id = p.order_id where o.number = :n and p.status = 'AWAITING'",
                Map.of("n", number))).isEqualTo(1);
    }

    @Test
    void aRejectedPaymentTellsTheCustomerWhoMayClaimAgain() {
        String product = api.physicalProduct(1000, 3);
        var shopper = shopper();
        String number = (String) obj(place(withMethod(shopper, product, "VENMO")).get("order")).get("number");
        api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "wrong").execute();

        var rejected = obj(api.admin().document(REJECT).variable("n", number).variable("r", "No Venmo payment with that id").execute()
                .path("rejectPayment").entity(Map.class).get());
        assertThat(payment(rejected)).containsEntry("status", "FAILED").containsEntry("failureReason", "No Venmo payment with that id");
        assertThat(obj(rejected.get("order")).get("status")).isEqualTo("PENDING");
        assertThat(tasks(number, "SEND_DM", "PAYMENT_REJECTED")).isEqualTo(1);
        assertThat(api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n and a.kind = 'PAYMENT_REJECTED'",
                Map.of("n", number))).isEqualTo(1);

        var reclaimed = obj(api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "right").execute()
                .path("claimPayment").entity(Map.class).get());
        assertThat(payment(reclaimed)).containsEntry("status", "CLAIMED");
    }

    @Test
    void anInvoiceOrderKeepsItsStockUntilTheInvoiceIsDue() {
        String product = api.physicalProduct(2000, 3);
        var placed = place(withMethod(shopper(), product, "INVOICE"));
        String number = (String) obj(placed.get("order")).get("number");
        Instant dueAt = Instant.parse((String) instructions(placed).get("dueAt"));
        String expiresAt = api.admin().document("query($n: String!) { order(number: $n) { expiresAt } }").variable("n", number).execute()
                .path("order.expiresAt").entity(String.class).get();
        // One deadline: the invoice's due date is when the unpaid order lets its stock go.
        assertThat(Instant.parse(expiresAt)).isEqualTo(dueAt);
        assertThat(dueAt).isBetween(Instant.now().plus(Duration.ofDays(14)).minusSeconds(120), Instant.now().plus(Duration.ofDays(14)));

        // Past the shop's 48 h payment hold, the invoice is not due yet: the order stays.
        orders.expireDue(Instant.now().plus(Duration.ofDays(3))).block();
        api.admin().document("query($n: String!) { order(number: $n) { status } }").variable("n", number).execute()
                .path("order.status").entity(String.class).isEqualTo("PENDING");
        orders.expireDue(dueAt.plusSeconds(1)).block();
        api.admin().document("query($n: String!) { order(number: $n) { status payment { status } } }").variable("n", number).execute()
                .path("order.status").entity(String.class).isEqualTo("CANCELLED")
                .path("order.payment.status").entity(String.class).isEqualTo("EXPIRED");
    }

    @Test
    void anUnpaidOrderThatExpiresExpiresItsPayment() {
        String product = api.physicalProduct(1000, 3);
        var shopper = shopper();
        var placed = place(withMethod(shopper, product, "VENMO"));
        String number = (String) obj(placed.get("order")).get("number");
        api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "maybe").execute();

        orders.expireDue(Instant.now().plus(Duration.ofDays(3))).block();

        api.admin().document("query($n: String!) { order(number: $n) { status payment { status failureReason } } }").variable("n", number).execute()
                .path("order.status").entity(String.class).isEqualTo("CANCELLED")
                .path("order.payment.status").entity(String.class).isEqualTo("EXPIRED");
        assertThat(api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n and a.kind = 'PAYMENT_EXPIRED'",
                Map.of("n", number))).isEqualTo(1);
    }

    @Test
    void paymentsAreListedByStatusForTheDashboard() {
        String product = api.physicalProduct(1000, 3);
        var shopper = shopper();
        String number = (String) obj(place(withMethod(shopper, product, "VENMO")).get("order")).get("number");
        api.bot().document(CLAIM).variable("s", shopper).variable("n", number).variable("r", "ref-1").execute();
        api.staff().document("{ payments(status: [CLAIMED], first: 200) { orderNumber status } }").execute()
                .path("payments[*].orderNumber").entityList(String.class).contains(number);
    }
}
