package app.ledgerline.payments.btcpay;

import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.obj;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.FakeBtcPay;
import app.ledgerline.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * BTC through BTCPay Server, against a local fake of the Greenfield API: the invoice created after placement, and
 * the signed webhook acting once on the invoice as BTCPay reports it now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "LEDGERLINE_ADMIN_TOKEN=" + Api.ADMIN_TOKEN,
        "LEDGERLINE_BOT_TOKEN=" + Api.BOT_TOKEN,
        "ledgerline.shop.expiry-sweep-interval=1h",
        "ledgerline.shop.flat-shipping-minor=500",
        "ledgerline.btcpay.store-id=" + BtcPayCheckoutTest.STORE,
        "ledgerline.btcpay.api-key=" + BtcPayCheckoutTest.KEY,
        "ledgerline.btcpay.webhook-secret=" + BtcPayCheckoutTest.SECRET})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
class BtcPayCheckoutTest {

    static final String STORE = "StoreFake7Kq2";
    static final String KEY = "fake-greenfield-key-4b1d";
    static final String SECRET = "fake-webhook-secret-9c3e";
    static final String SHOP_ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    static final FakeBtcPay BTCPAY = new FakeBtcPay(STORE, KEY);

    @DynamicPropertySource
    static void btcPay(DynamicPropertyRegistry registry) {
        registry.add("ledgerline.btcpay.url", BTCPAY::url);
    }

    @AfterAll
    static void stopFake() {
        BTCPAY.close();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    Environment environment;

    @Autowired
    app.ledgerline.orders.OrderService orders;

    Api api;
    WebTestClient web;

    @BeforeEach
    void connect() {
        int port = environment.getRequiredProperty("local.server.port", Integer.class);
        api = new Api(port, db);
        web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterEach
    void healFake() {
        BTCPAY.failCreates(0);
        BTCPAY.failReads(0);
    }

    // --- placement ---

    @Test
    void aBtcOrderGetsAnInvoiceForItsAmountAndHoldAndShowsTheCheckoutLink() {
        String perk = digitalProduct(1250, null);
        Instant before = Instant.now();
        var order = placeBtc(perk, 1);
        String number = (String) order.get("number");

        String invoiceId = invoiceOf(number);
        assertThat(invoiceId).isNotNull();
        var instructions = obj(obj(order.get("payment")).get("instructions"));
        assertThat(instructions.get("checkoutUrl")).isEqualTo(BTCPAY.url() + "/i/" + invoiceId);
        assertThat((String) instructions.get("text")).contains(BTCPAY.url() + "/i/" + invoiceId).contains("$12.50");
        assertThat(instructions.get("payTo")).isNull();

        var creates = BTCPAY.createsFor(number);
        assertThat(creates).hasSize(1);
        var sent = creates.getFirst();
        assertThat(sent.path()).isEqualTo("/api/v1/stores/" + STORE + "/invoices");
        assertThat(sent.authorization()).isEqualTo("token " + KEY);
        assertThat(sent.json().get("amount").isString()).as("amount is a decimal string").isTrue();
        assertThat(sent.json().get("amount").asString()).isEqualTo("12.50");
        assertThat(sent.json().get("currency").asString()).isEqualTo("USD");
        assertThat(sent.json().path("metadata").path("orderId").asString()).isEqualTo(number);
        // The invoice expires with the order's 48 h hold, never after it.
        long minutes = sent.json().path("checkout").path("expirationMinutes").asLong();
        Instant expiresAt = Instant.parse((String) order.get("expiresAt"));
        assertThat(minutes).isBetween(Duration.between(Instant.now(), expiresAt).toMinutes() - 1, Duration.between(before, expiresAt).toMinutes());
        assertThat(minutes).isBetween(2870L, 2880L);

        // The customer is sent the link too.
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n"
                + " and t.kind = 'SEND_DM' and t.payload->>'text' like :link", Map.of("n", number, "link", "%/i/" + invoiceId + "%"))).isEqualTo(1);
        assertThat(paymentStatus(number)).isEqualTo("AWAITING");
    }

    @Test
    void whenBtcPayIsDownTheOrderIsStillPlacedAndAdminsAreAlerted() {
        BTCPAY.failCreates(503);
        String perk = digitalProduct(900, null);

        var order = placeBtc(perk, 1);
        String number = (String) order.get("number");
        assertThat(order.get("status")).isEqualTo("PENDING");
        var instructions = obj(obj(order.get("payment")).get("instructions"));
        assertThat(instructions.get("checkoutUrl")).isNull();
        // The shop has a manual address: the customer can pay there and claim, as with manual BTC.
        assertThat(instructions.get("payTo")).isEqualTo(SHOP_ADDRESS);
        assertThat((String) instructions.get("text")).contains(SHOP_ADDRESS).contains("$9.00");
        assertThat(invoiceOf(number)).isNull();
        assertThat(api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n"
                + " and a.kind = 'PAYMENT_INVALID' and a.message like '%could not be created%'", Map.of("n", number))).isEqualTo(1);

        // Without a manual address, the customer is told a link will come.
        api.admin().document("mutation { configurePaymentMethod(input: {method: BTC, enabled: true}) { problems { code } } }")
                .execute().path("configurePaymentMethod.problems").entityList(Object.class).hasSize(0);
        try {
            var second = placeBtc(perk, 1);
            var text = (String) obj(obj(second.get("payment")).get("instructions")).get("text");
            assertThat(text).contains("the shop will send you a payment link").doesNotContain("null");
            assertThat(second.get("status")).isEqualTo("PENDING");
        } finally {
            api.enableAllPaymentMethods();
        }
    }

    // --- webhook: signature ---

    @Test
    void anUnsignedOrWronglySignedDeliveryIsRefusedAndChangesNothing() {
        String number = (String) placeBtc(digitalProduct(1000, null), 1).get("number");
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Settled", "None");
        byte[] body = delivery("bad-sig-" + Api.unique(), null, false, "InvoiceSettled", invoiceId, STORE);
        byte[] other = delivery("bad-sig-" + Api.unique(), null, false, "InvoiceSettled", invoiceId, STORE);

        post(body, null).expectStatus(401);
        post(body, "sha256=" + hmac("not-the-secret", body)).expectStatus(401);
        post(body, "sha256=" + hmac(SECRET, other)).expectStatus(401);
        post(body, hmac(SECRET, body)).expectStatus(401);
        post(body, "sha1=" + hmac(SECRET, body)).expectStatus(401);
        post(body, "sha256=zz" + hmac(SECRET, body).substring(2)).expectStatus(401);
        post(body, "sha256=").expectStatus(401);
        // Re-serialised JSON is not the body that was signed.
        post(new String(body, StandardCharsets.UTF_8).replace(",", ", ").getBytes(StandardCharsets.UTF_8), signature(body))
                .expectStatus(401);

        assertThat(orderStatus(number)).isEqualTo("PENDING");
        assertThat(BTCPAY.readsOf(invoiceId)).isZero();
        assertThat(api.count("select count(*) from webhook_delivery where provider = 'btcpay' and event_type = 'InvoiceSettled'"
                + " and delivery_id like 'bad-sig-%' ", Map.of())).isZero();

        // The same body correctly signed is accepted (upper-case hex too).
        post(body, "sha256=" + hmac(SECRET, body).toUpperCase()).expectStatus(200);
        assertThat(orderStatus(number)).isEqualTo("PAID");
    }

    // --- webhook: effects ---

    @Test
    void aSettledInvoicePaysTheOrderConfirmsThePaymentAndGrantsTheRole() {
        String role = "800000000000" + (100000 + Api.unique() % 900000);
        String number = (String) placeBtc(digitalProduct(1250, role), 2).get("number");
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Settled", "None");

        deliver("InvoiceSettled", invoiceId).expectStatus(200).expectBody("paid");

        var order = adminOrder(number);
        assertThat(order.get("status")).isEqualTo("PAID");
        var history = (List<?>) order.get("history");
        assertThat(obj(history.getLast()).get("actor")).isEqualTo("btcpay");
        assertThat((String) obj(history.getLast()).get("note")).contains(invoiceId).contains("settled");
        var payment = obj(order.get("payment"));
        assertThat(payment.get("status")).isEqualTo("CONFIRMED");
        assertThat(payment.get("externalReference")).isEqualTo(invoiceId);
        assertThat(obj(payment.get("received")).get("amountMinor")).isEqualTo(2500);
        assertThat(payment.get("confirmedBy")).isEqualTo("btcpay");
        assertThat(api.count("select count(*) from entitlement e join customer_order o on o.id = e.order_id where o.number = :n and e.role_id = :r",
                Map.of("n", number, "r", role))).isEqualTo(1);
        assertThat(api.count("select count(*) from bot_task t join customer_order o on o.id = t.order_id where o.number = :n"
                + " and t.kind = 'GRANT_ROLE' and t.payload->>'roleId' = :r", Map.of("n", number, "r", role))).isEqualTo(1);
    }

    @Test
    void theSameDeliveryFiveTimesMovesTheOrderOnce() {
        String product = api.physicalProduct(1500, 5);
        String number = (String) placeBtc(product, 1).get("number");
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Settled", "None");
        String deliveryId = "dup-" + Api.unique();
        byte[] body = delivery(deliveryId, deliveryId, false, "InvoiceSettled", invoiceId, STORE);

        // Five copies at once: BTCPay retries while the first is still being handled.
        var client = WebClient.create(api.url().replace("/graphql", ""));
        StepVerifier.create(Flux.range(0, 5).flatMap(i -> client.post().uri(BtcPayWebhook.PATH).header("BTCPay-Sig", signature(body))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().bodyToMono(String.class)))
                .recordWith(ArrayList::new)
                .expectNextCount(5)
                .consumeRecordedWith(outcomes -> assertThat(outcomes).containsOnly("paid", "duplicate").containsOnlyOnce("paid"))
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        // A redelivery from BTCPay's UI: a new delivery id naming the original.
        post(delivery("redo-" + Api.unique(), deliveryId, true, "InvoiceSettled", invoiceId, STORE)).expectStatus(200)
                .expectBody("duplicate");

        assertThat(orderStatus(number)).isEqualTo("PAID");
        assertThat(api.count("select count(*) from order_history h join customer_order o on o.id = h.order_id"
                + " where o.number = :n and h.to_status = 'PAID'", Map.of("n", number))).isEqualTo(1);
        assertThat(api.count("select count(*) from payment_event e join payment p on p.id = e.payment_id join customer_order o on o.id = p.order_id"
                + " where o.number = :n and e.to_status = 'CONFIRMED'", Map.of("n", number))).isEqualTo(1);
        assertThat(api.count("select count(*) from webhook_delivery where provider = 'btcpay' and delivery_id = :d", Map.of("d", deliveryId)))
                .isEqualTo(1);
        assertThat(api.count("select count(*) from stock_movement where product_id = :p and kind = 'SOLD'", Map.of("p", Long.parseLong(product))))
                .isEqualTo(1);
        assertThat(api.stock(product)).containsEntry("on_hand", 4).containsEntry("reserved", 0);
    }

    @Test
    void outOfOrderDeliveriesActOnWhatBtcPayReportsNow() {
        String number = (String) placeBtc(digitalProduct(700, null), 1).get("number");
        String invoiceId = invoiceOf(number);

        // Payment seen but not yet confirmed: nothing to do.
        BTCPAY.setState(invoiceId, "Processing", "None");
        deliver("InvoiceReceivedPayment", invoiceId).expectStatus(200);
        assertThat(orderStatus(number)).isEqualTo("PENDING");

        // An InvoiceProcessing event arriving after settlement re-reads Settled: it pays the order once.
        BTCPAY.setState(invoiceId, "Settled", "None");
        deliver("InvoiceProcessing", invoiceId).expectStatus(200);
        assertThat(orderStatus(number)).isEqualTo("PAID");
        long history = historyCount(number);
        long events = paymentEventCount(number);

        // The late InvoiceSettled, and stale events of other types, change nothing and are not errors.
        deliver("InvoiceSettled", invoiceId).expectStatus(200).expectBody("nothing: order already PAID");
        deliver("InvoiceReceivedPayment", invoiceId).expectStatus(200);
        deliver("InvoiceExpired", invoiceId).expectStatus(200);

        assertThat(orderStatus(number)).isEqualTo("PAID");
        assertThat(historyCount(number)).isEqualTo(history);
        assertThat(paymentEventCount(number)).isEqualTo(events);
        assertThat(paymentStatus(number)).isEqualTo("CONFIRMED");
    }

    @Test
    void anExpiredUnpaidInvoiceCancelsTheOrderAndReleasesItsStock() {
        String hoodie = api.physicalProduct(2000, 3);
        String number = (String) placeBtc(hoodie, 2).get("number");
        assertThat(api.stock(hoodie)).containsEntry("reserved", 2);
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Expired", "None");

        deliver("InvoiceExpired", invoiceId).expectStatus(200).expectBody("cancelled");

        var order = adminOrder(number);
        assertThat(order.get("status")).isEqualTo("CANCELLED");
        assertThat(obj(((List<?>) order.get("history")).getLast()).get("actor")).isEqualTo("system:expiry");
        assertThat(obj(order.get("payment")).get("status")).isEqualTo("EXPIRED");
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 3).containsEntry("reserved", 0);

        // Another expiry delivery finds the order cancelled already.
        deliver("InvoiceExpired", invoiceId).expectStatus(200);
        assertThat(api.count("select count(*) from stock_movement where product_id = :p and kind = 'RELEASED'", Map.of("p", Long.parseLong(hoodie))))
                .isEqualTo(1);
    }

    @Test
    void theSweeperLeavesABtcPayOrderToItsWebhookForADay() {
        String hoodie = api.physicalProduct(2000, 3);
        var placed = placeBtc(hoodie, 1);
        String number = (String) placed.get("number");
        java.time.Instant expiresAt = java.time.Instant.parse((String) placed.get("expiresAt"));

        orders.expireDue(expiresAt.plusSeconds(60)).block(Duration.ofSeconds(30));
        assertThat(orderStatus(number)).isEqualTo("PENDING");

        orders.expireDue(expiresAt.plus(Duration.ofHours(25))).block(Duration.ofSeconds(30));
        assertThat(orderStatus(number)).isEqualTo("CANCELLED");
        assertThat(api.stock(hoodie)).containsEntry("reserved", 0);
    }

    @Test
    void partlyPaidAndInvalidInvoicesRaiseAlertsOnce() {
        String perk = digitalProduct(1100, null);
        String partial = (String) placeBtc(perk, 1).get("number");
        BTCPAY.setState(invoiceOf(partial), "Expired", "PaidPartial");
        deliver("InvoiceReceivedPayment", invoiceOf(partial)).expectStatus(200);
        deliver("InvoiceExpired", invoiceOf(partial)).expectStatus(200);
        assertThat(alerts(partial, "PAYMENT_PARTIAL")).isEqualTo(1);
        // The admin decides: the order is not cancelled or paid by the webhook.
        assertThat(orderStatus(partial)).isEqualTo("PENDING");

        String invalid = (String) placeBtc(perk, 1).get("number");
        BTCPAY.setState(invoiceOf(invalid), "Invalid", "Marked");
        deliver("InvoiceInvalid", invoiceOf(invalid)).expectStatus(200).expectBody("invalid");
        assertThat(alerts(invalid, "PAYMENT_INVALID")).isEqualTo(1);
        assertThat(orderStatus(invalid)).isEqualTo("PENDING");
    }

    @Test
    void aPaymentAfterTheOrderExpiredIsAnAlertNotAPaidOrder() {
        String number = (String) placeBtc(digitalProduct(1300, null), 1).get("number");
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Expired", "None");
        deliver("InvoiceExpired", invoiceId).expectStatus(200);
        assertThat(orderStatus(number)).isEqualTo("CANCELLED");

        BTCPAY.setState(invoiceId, "Settled", "PaidLate");
        deliver("InvoiceSettled", invoiceId).expectStatus(200).expectBody("paid late");

        assertThat(orderStatus(number)).isEqualTo("CANCELLED");
        assertThat(api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n"
                + " and a.kind = 'PAYMENT_INVALID' and a.message like '%paid after expiry: refund or re-open by hand%'", Map.of("n", number)))
                .isEqualTo(1);
        assertThat(paymentStatus(number)).isEqualTo("EXPIRED");
    }

    @Test
    void otherStoresUnknownInvoicesAndAnUnreachableBtcPayChangeNothing() {
        String number = (String) placeBtc(digitalProduct(600, null), 1).get("number");
        String invoiceId = invoiceOf(number);
        BTCPAY.setState(invoiceId, "Settled", "None");

        post(delivery("other-" + Api.unique(), null, false, "InvoiceSettled", invoiceId, "SomeOtherStore")).expectStatus(200);
        String foreign = BTCPAY.createForeignInvoice("6.00", "USD");
        BTCPAY.setState(foreign, "Settled", "None");
        deliver("InvoiceSettled", foreign).expectStatus(200).expectBody("ignored: not a Ledgerline invoice");
        deliver("InvoiceSettled", "NoSuchInvoice42").expectStatus(200).expectBody("ignored: no such invoice at BTCPay");
        assertThat(orderStatus(number)).isEqualTo("PENDING");

        // BTCPay cannot be asked: 503 and the delivery is not recorded, so BTCPay's retry is acted on.
        BTCPAY.failReads(502);
        String deliveryId = "retry-" + Api.unique();
        byte[] body = delivery(deliveryId, null, false, "InvoiceSettled", invoiceId, STORE);
        post(body).expectStatus(503);
        assertThat(orderStatus(number)).isEqualTo("PENDING");
        BTCPAY.failReads(0);
        post(body).expectStatus(200).expectBody("paid");
        assertThat(orderStatus(number)).isEqualTo("PAID");
    }

    // --- helpers ---

    private String digitalProduct(long priceMinor, String grantedRole) {
        var input = Api.product("DIGITAL", priceMinor);
        input.put("trackInventory", false);
        if (grantedRole != null) {
            input.put("grantedRoleIds", List.of(grantedRole));
        }
        return api.createProduct(input);
    }

    private Map<String, Object> placeBtc(String productId, int quantity) {
        var input = Api.order(shopper(), List.of(line(productId, quantity)));
        input.put("paymentMethod", "BTC");
        var payload = api.bot().document("""
                        mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
                            order { number status expiresAt payment { status instructions { checkoutUrl payTo text } } }
                            problems { code message } } }""")
                .variable("input", input).execute().path("placeOrder").entity(Map.class).get();
        assertThat((List<?>) payload.get("problems")).isEmpty();
        return obj(payload.get("order"));
    }

    private Map<String, Object> adminOrder(String number) {
        return obj(api.admin().document("""
                        query($n: String!) { order(number: $n) { status history { toStatus note actor }
                            payment { status externalReference received { amountMinor } confirmedBy } } }""")
                .variable("n", number).execute().path("order").entity(Map.class).get());
    }

    private String orderStatus(String number) {
        return db.sql("select status from customer_order where number = :n").bind("n", number)
                .map(row -> row.get("status", String.class)).one().block(Duration.ofSeconds(10));
    }

    private String paymentStatus(String number) {
        return db.sql("select p.status from payment p join customer_order o on o.id = p.order_id where o.number = :n").bind("n", number)
                .map(row -> row.get("status", String.class)).one().block(Duration.ofSeconds(10));
    }

    private String invoiceOf(String number) {
        return db.sql("select p.provider_invoice_id from payment p join customer_order o on o.id = p.order_id where o.number = :n")
                .bind("n", number).map(row -> java.util.Optional.ofNullable(row.get("provider_invoice_id", String.class)))
                .one().block(Duration.ofSeconds(10)).orElse(null);
    }

    private long historyCount(String number) {
        return api.count("select count(*) from order_history h join customer_order o on o.id = h.order_id where o.number = :n", Map.of("n", number));
    }

    private long paymentEventCount(String number) {
        return api.count("select count(*) from payment_event e join payment p on p.id = e.payment_id join customer_order o on o.id = p.order_id"
                + " where o.number = :n", Map.of("n", number));
    }

    private long alerts(String number, String kind) {
        return api.count("select count(*) from alert a join customer_order o on o.id = a.order_id where o.number = :n and a.kind = :k",
                Map.of("n", number, "k", kind));
    }

    /** A delivery of BTCPay's shape, as its raw bytes (spacing kept, as BTCPay's signature covers the exact body). */
    static byte[] delivery(String deliveryId, String originalDeliveryId, boolean redelivery, String type, String invoiceId, String storeId) {
        String json = """
                {
                  "deliveryId": "%s",
                  "webhookId": "Wh7aQ",
                  "originalDeliveryId": %s,
                  "isRedelivery": %s,
                  "type": "%s",
                  "timestamp": %d,
                  "storeId": "%s",
                  "invoiceId": "%s",
                  "metadata": {"orderId": "ignored-here"}
                }""".formatted(deliveryId, originalDeliveryId == null ? "null" : "\"" + originalDeliveryId + "\"", redelivery, type,
                Instant.now().getEpochSecond(), storeId, invoiceId);
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private Reply deliver(String type, String invoiceId) {
        String id = "dlv-" + Api.unique();
        return post(delivery(id, id, false, type, invoiceId, STORE));
    }

    private Reply post(byte[] body) {
        return post(body, signature(body));
    }

    private Reply post(byte[] body, String signatureHeader) {
        var request = web.post().uri(BtcPayWebhook.PATH).contentType(MediaType.APPLICATION_JSON);
        if (signatureHeader != null) {
            request = request.header("BTCPay-Sig", signatureHeader);
        }
        // Always read the whole response, so no response buffer is left unreleased.
        var result = request.bodyValue(body).exchange().expectBody(String.class).returnResult();
        return new Reply(result.getStatus().value(), result.getResponseBody());
    }

    /** A webhook response, read whole. */
    record Reply(int status, String body) {

        Reply expectStatus(int expected) {
            assertThat(status).as("HTTP status (body %s)", body).isEqualTo(expected);
            return this;
        }

        void expectBody(String expected) {
            assertThat(body).isEqualTo(expected);
        }
    }

    static String signature(byte[] body) {
        return "sha256=" + hmac(SECRET, body);
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
