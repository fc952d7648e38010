package app.ledgerline.support;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.security.TokenHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** Test access to a running backend's GraphQL API as each kind of caller, plus builders for test data. */
public final class Api {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String BOT_TOKEN = "test-bot-token-0123456789";
    public static final String STAFF_TOKEN = "test-staff-token-0123456789";
    public static final String INTEGRATOR_TOKEN = "test-integrator-token-0123456789";

    private static final AtomicLong UNIQUE = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L) * 1000);

    public static final String PRODUCT_FIELDS = """
            id sku name price { amountMinor currency formatted } kind trackInventory requiredRoleIds grantedRoleIds
            lowStockThreshold perCustomerLimit archived stock { onHand reserved available low }""";
    public static final String ORDER_FIELDS = """
            id number status subtotal { amountMinor } discount { id name code amount { amountMinor } }
            shipping { amountMinor } total { amountMinor currency } paymentMethod placedVia expiresAt
            shippingAddress { name line1 city postalCode country }
            lines { productId sku name quantity unitPrice { amountMinor } lineTotal { amountMinor } }
            history { fromStatus toStatus note actor at } customer { id discordUserId username }""";
    public static final String PROBLEMS = "problems { code message field productId }";

    private final String url;
    private final DatabaseClient db;

    public Api(int port, DatabaseClient db) {
        this.url = "http://localhost:" + port + "/graphql";
        this.db = db;
        ensureToken("test-staff", "STAFF", STAFF_TOKEN);
        ensureToken("test-integrator", "INTEGRATOR", INTEGRATOR_TOKEN);
        enableAllPaymentMethods();
    }

    /**
     * Every method on, as a shop that takes them all would configure it: through the admin mutation, as an admin
     * would, so the backend's cached settings follow at once. Nothing is sent when they are so already (contexts with
     * small rate limits build an Api for every test).
     */
    public void enableAllPaymentMethods() {
        long configured = db.sql("""
                        select count(*) from payment_method_setting where enabled and handle is not distinct from
                            case method when 'VENMO' then '@ledgerline-shop' when 'CASH_APP' then '$LedgerlineShop'
                                        when 'BTC' then 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' end
                            and instructions is null""")
                .map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
        if (configured == 4) {
            return;
        }
        admin().document("""
                        mutation {
                          venmo: configurePaymentMethod(input: {method: VENMO, enabled: true, handle: "@ledgerline-shop"}) { problems { code } }
                          cashApp: configurePaymentMethod(input: {method: CASH_APP, enabled: true, handle: "$LedgerlineShop"}) { problems { code } }
                          btc: configurePaymentMethod(input: {method: BTC, enabled: true, handle: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"}) { problems { code } }
                          invoice: configurePaymentMethod(input: {method: INVOICE, enabled: true}) { problems { code } }
                        }""")
                .execute()
                .path("venmo.problems").entityList(Object.class).hasSize(0)
                .path("cashApp.problems").entityList(Object.class).hasSize(0)
                .path("btc.problems").entityList(Object.class).hasSize(0)
                .path("invoice.problems").entityList(Object.class).hasSize(0);
    }

    public String url() {
        return url;
    }

    public HttpGraphQlTester as(String token) {
        var client = WebTestClient.bindToServer().baseUrl(url).responseTimeout(Duration.ofSeconds(30));
        if (token != null) {
            client.defaultHeader("Authorization", "Bearer " + token);
        }
        return HttpGraphQlTester.create(client.build());
    }

    public HttpGraphQlTester admin() {
        return as(ADMIN_TOKEN);
    }

    public HttpGraphQlTester staff() {
        return as(STAFF_TOKEN);
    }

    public HttpGraphQlTester bot() {
        return as(BOT_TOKEN);
    }

    /** A non-blocking client, for many requests in flight at once. */
    public HttpGraphQlClient client(String token) {
        return HttpGraphQlClient.builder(WebClient.builder().baseUrl(url)).header("Authorization", "Bearer " + token).build();
    }

    public static long unique() {
        return UNIQUE.incrementAndGet();
    }

    public static String sku(String prefix) {
        return prefix + "-" + unique();
    }

    /** A new Discord user with the given role ids. */
    public static Map<String, Object> shopper(String... roleIds) {
        long id = unique();
        var shopper = new LinkedHashMap<String, Object>();
        shopper.put("discordUserId", Long.toString(id));
        shopper.put("username", "shopper" + id);
        shopper.put("displayName", "Shopper " + id);
        shopper.put("roleIds", List.of(roleIds));
        return shopper;
    }

    public static Map<String, Object> address() {
        return new LinkedHashMap<>(Map.of("name", "Ada Lovelace", "line1", "1 Main St", "city", "Austin", "region", "TX",
                "postalCode", "78701", "country", "US"));
    }

    public static Map<String, Object> product(String kind, long priceMinor) {
        var input = new HashMap<String, Object>();
        input.put("sku", sku(kind.substring(0, 3)));
        input.put("name", kind.equals("PHYSICAL") ? "Hoodie " + unique() : "Supporter role " + unique());
        input.put("priceMinor", priceMinor);
        input.put("kind", kind);
        return input;
    }

    /** Creates a product as admin and returns its id. */
    public String createProduct(Map<String, Object> input) {
        return admin().document("mutation($input: ProductInput!) { createProduct(input: $input) { product { id } " + PROBLEMS + " } }")
                .variable("input", input).execute()
                .path("createProduct.problems").entityList(Object.class).hasSize(0)
                .path("createProduct.product.id").entity(String.class).get();
    }

    public String physicalProduct(long priceMinor, int stock) {
        return physicalProduct(priceMinor, stock, Map.of());
    }

    /** A physical product with this stock and these further settings (lowStockThreshold, perCustomerLimit, ...). */
    public String physicalProduct(long priceMinor, int stock, Map<String, Object> settings) {
        var input = product("PHYSICAL", priceMinor);
        input.putAll(settings);
        String id = createProduct(input);
        if (stock != 0) {
            adjust(id, stock);
        }
        return id;
    }

    public void adjust(String productId, int delta) {
        admin().document("mutation($input: AdjustStockInput!) { adjustStock(input: $input) { " + PROBLEMS + " } }")
                .variable("input", Map.of("productId", productId, "delta", delta, "reason", "test stock"))
                .execute().path("adjustStock.problems").entityList(Object.class).hasSize(0);
    }

    public static Map<String, Object> line(String productId, int quantity) {
        return Map.of("productId", productId, "quantity", quantity);
    }

    public static Map<String, Object> order(Map<String, Object> shopper, List<Map<String, Object>> lines) {
        var input = new LinkedHashMap<String, Object>();
        input.put("shopper", shopper);
        input.put("lines", lines);
        input.put("paymentMethod", "VENMO");
        input.put("shippingAddress", address());
        input.put("placement", Map.of("via", "GUILD", "guildId", "100000000000000001", "channelId", "100000000000000002"));
        return input;
    }

    /** Places an order as the bot; returns the whole payload (order and problems). */
    public Map<String, Object> place(Map<String, Object> input) {
        return bot().document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { " + ORDER_FIELDS + " } " + PROBLEMS + " } }")
                .variable("input", input).execute()
                .path("placeOrder").entity(Map.class).get();
    }

    /** Places an order that must succeed; returns the order. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> placeOk(Map<String, Object> input) {
        Map<String, Object> payload = place(input);
        assertThat((List<Object>) payload.get("problems")).isEmpty();
        return (Map<String, Object>) payload.get("order");
    }

    @SuppressWarnings("unchecked")
    public static List<String> problemCodes(Map<String, Object> payload) {
        List<String> codes = new ArrayList<>();
        for (Object problem : (List<Object>) payload.get("problems")) {
            codes.add((String) ((Map<String, Object>) problem).get("code"));
        }
        return codes;
    }

    /** A JSON object from a response, typed for assertions. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> obj(Object value) {
        return (Map<String, Object>) value;
    }

    /** The values of one key across a list of JSON objects. */
    public static List<Object> pluck(Object list, String key) {
        List<Object> values = new ArrayList<>();
        for (Object item : (List<?>) list) {
            values.add(((Map<?, ?>) item).get(key));
        }
        return values;
    }

    public Map<String, Object> stock(String productId) {
        return db.sql("select on_hand, reserved from stock_level where product_id = :id").bind("id", Long.parseLong(productId))
                .fetch().one().block(Duration.ofSeconds(10));
    }

    public long count(String sql, Map<String, Object> binds) {
        var spec = db.sql(sql);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(row -> ((Number) row.get(0)).longValue()).one().block(Duration.ofSeconds(10));
    }

    private void ensureToken(String name, String role, String token) {
        db.sql("insert into api_token (name, role, token_sha256) values (:name, :role, :hash) on conflict (token_sha256) do nothing")
                .bind("name", name).bind("role", role).bind("hash", TokenHash.sha256(token))
                .then().block(Duration.ofSeconds(10));
    }
}
