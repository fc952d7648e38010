package app.ledgerline.bot.support;

import static org.awaitility.Awaitility.await;

import app.ledgerline.LedgerlineApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The real backend, in this JVM, on a real PostgreSQL: the database named by {@code LEDGERLINE_TEST_DATABASE_URL}, else
 * an embedded PostgreSQL 17 in a temporary directory. One per test JVM. The backend's component scan covers
 * {@code app.ledgerline}, so the bot's own classes are excluded from it.
 */
public final class TestBackend {

    public static final String ADMIN_TOKEN = "test-admin-token-not-a-secret";
    public static final String BOT_TOKEN = "test-bot-token-not-a-secret";

    private static TestBackend instance;

    private final ConfigurableApplicationContext context;
    private final String graphqlUrl;
    private final HttpGraphQlClient admin;
    private final HttpGraphQlClient bot;
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private TestBackend(ConfigurableApplicationContext context) {
        this.context = context;
        this.graphqlUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/graphql";
        this.admin = HttpGraphQlClient.create(WebClient.builder().baseUrl(graphqlUrl)
                .defaultHeader("Authorization", "Bearer " + ADMIN_TOKEN).build());
        this.bot = HttpGraphQlClient.create(WebClient.builder().baseUrl(graphqlUrl)
                .defaultHeader("Authorization", "Bearer " + BOT_TOKEN).build());
    }

    public static synchronized TestBackend get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String graphqlUrl() {
        return graphqlUrl;
    }

    private static TestBackend start() {
        String[] db = database();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(LedgerlineApplication.class)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("excludeBotClasses", new ExcludeBot()))
                .run(
                        // Command-line arguments: they win over the backend's application.yml.
                        "--server.port=0",
                        "--LEDGERLINE_ADMIN_TOKEN=" + ADMIN_TOKEN,
                        "--LEDGERLINE_BOT_TOKEN=" + BOT_TOKEN,
                        "--ledgerline.database.url=" + db[0],
                        "--ledgerline.database.username=" + db[1],
                        "--ledgerline.database.password=" + db[2],
                        // The running placements (8) plus room for everything else: see holdAllPlacements.
                        "--ledgerline.database.pool-size=12",
                        "--ledgerline.shop.expiry-sweep-interval=1h",
                        // graphql-java's own "graphql/" package comes before the schema jar on this classpath: look in all.
                        "--spring.graphql.schema.locations=classpath*:graphql/");
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        return new TestBackend(context);
    }

    private static String[] database() {
        String configured = System.getenv("LEDGERLINE_TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return new String[] {configured, env("LEDGERLINE_TEST_DATABASE_USERNAME", "postgres"), env("LEDGERLINE_TEST_DATABASE_PASSWORD", "")};
        }
        try {
            Path dir = Files.createTempDirectory("ledgerline-bot-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
            return new String[] {"postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", ""};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** Keeps the bot's components out of the backend's {@code app.ledgerline} component scan. */
    static final class ExcludeBot extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getClassMetadata().getClassName().startsWith("app.ledgerline.bot.");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeBot;
        }

        @Override
        public int hashCode() {
            return ExcludeBot.class.hashCode();
        }
    }

    // -------------------------------------------------------------------------------------------- seeding as admin

    /** Creates a product and puts {@code stock} units on hand; returns its id. */
    public String createProduct(String sku, String name, long priceMinor, String kind, List<String> requiredRoleIds, int stock) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("sku", sku);
        input.put("name", name);
        input.put("description", "The " + name + ".");
        input.put("priceMinor", priceMinor);
        input.put("kind", kind);
        input.put("requiredRoleIds", requiredRoleIds);
        return createProduct(admin, input, stock);
    }

    /** A DIGITAL product that grants {@code roleId} when paid; returns its id. */
    public String createRoleProduct(String sku, String name, long priceMinor, String roleId, int stock) {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put("sku", sku);
        input.put("name", name);
        input.put("priceMinor", priceMinor);
        input.put("kind", "DIGITAL");
        input.put("grantedRoleIds", List.of(roleId));
        return createProduct(admin, input, stock);
    }

    /** Creates the product ({@code ProductInput}) through an admin client and puts {@code stock} units on hand. */
    public static String createProduct(HttpGraphQlClient admin, Map<String, Object> input, int stock) {
        String id = admin.document("""
                        mutation($input: ProductInput!) {
                          createProduct(input: $input) { product { id } problems { code field message } }
                        }""")
                .variable("input", input)
                .retrieve("createProduct.product.id").toEntity(String.class)
                .block(TIMEOUT);
        if (stock != 0) {
            admin.document("""
                            mutation($input: AdjustStockInput!) {
                              adjustStock(input: $input) { product { id } problems { code message } }
                            }""")
                    .variable("input", Map.of("productId", id, "delta", stock, "reason", "test stock"))
                    .retrieve("adjustStock.product.id").toEntity(String.class)
                    .block(TIMEOUT);
        }
        return id;
    }

    /** Enables Venmo with a handle (idempotent). */
    public void enableVenmo() {
        admin.document("""
                        mutation($input: PaymentMethodInput!) {
                          configurePaymentMethod(input: $input) { problems { code message } }
                        }""")
                .variable("input", Map.of("method", "VENMO", "enabled", true, "handle", "@ledgerline-test"))
                .retrieve("configurePaymentMethod.problems").toEntityList(Map.class)
                .doOnNext(problems -> {
                    if (!problems.isEmpty()) {
                        throw new IllegalStateException("configurePaymentMethod: " + problems);
                    }
                })
                .block(TIMEOUT);
    }

    public record PlacedOrder(String number, long totalMinor) {
    }

    /** Places a Venmo order for one unit of a product, as the bot principal does for a shopper in a DM. */
    public PlacedOrder placeVenmoOrder(long discordUserId, String username, String productId) {
        Map<String, Object> input = Map.of(
                "shopper", Map.of("discordUserId", Long.toUnsignedString(discordUserId), "username", username, "roleIds", List.of()),
                "lines", List.of(Map.of("productId", productId, "quantity", 1)),
                "paymentMethod", "VENMO",
                // Used only when the product ships.
                "shippingAddress", Map.of("name", "Test Buyer", "line1", "1 Test St", "city", "Austin", "postalCode", "73301", "country", "US"),
                "placement", Map.of("via", "DM"));
        Map<?, ?> order = bot.document("""
                        mutation($input: PlaceOrderInput!) {
                          placeOrder(input: $input) { order { number total { amountMinor } } problems { code field message } }
                        }""")
                .variable("input", input)
                .retrieve("placeOrder").toEntity(Map.class)
                .block(TIMEOUT);
        if (order == null || order.get("order") == null) {
            throw new IllegalStateException("placeOrder: " + order);
        }
        Map<?, ?> placed = (Map<?, ?>) order.get("order");
        return new PlacedOrder((String) placed.get("number"),
                ((Number) ((Map<?, ?>) placed.get("total")).get("amountMinor")).longValue());
    }

    /** An admin saw the money arrive. */
    public void confirmPayment(PlacedOrder order) {
        Map<?, ?> payload = admin.document("""
                        mutation($input: ConfirmPaymentInput!) {
                          confirmPayment(input: $input) { order { number status } problems { code field message } }
                        }""")
                .variable("input", Map.of("number", order.number(), "amountMinor", order.totalMinor(), "reference", "venmo-" + order.number()))
                .retrieve("confirmPayment").toEntity(Map.class)
                .block(TIMEOUT);
        if (payload == null || !((List<?>) payload.get("problems")).isEmpty()) {
            throw new IllegalStateException("confirmPayment: " + payload);
        }
    }

    /** The order's entitlement statuses, read as admin. */
    public List<String> entitlementStatuses(String orderNumber) {
        return admin.document("query($n: String!) { order(number: $n) { entitlements { status } } }")
                .variable("n", orderNumber)
                .retrieve("order.entitlements").toEntityList(Map.class)
                .map(list -> list.stream().map(e -> (String) e.get("status")).toList())
                .block(TIMEOUT);
    }

    /** The messages of the alerts of these kinds concerning the order, read as admin. */
    public List<String> alertMessages(String kind, String orderNumber) {
        return admin.document("""
                        query($kinds: [AlertKind!]) {
                          alerts(filter: {kinds: $kinds}, first: 100) { edges { node { kind message order { number } } } }
                        }""")
                .variable("kinds", List.of(kind))
                .retrieve("alerts.edges").toEntityList(Map.class)
                .map(edges -> edges.stream()
                        .map(edge -> (Map<?, ?>) edge.get("node"))
                        .filter(node -> node.get("order") != null && orderNumber.equals(((Map<?, ?>) node.get("order")).get("number")))
                        .map(node -> (String) node.get("message"))
                        .toList())
                .block(TIMEOUT);
    }

    /**
     * The order's bot tasks as {@code KIND[/template]=STATUS}, oldest first. No GraphQL query exposes tasks, so this
     * reads the backend's table directly (test only).
     */
    public List<String> taskStatuses(String orderNumber) {
        return context.getBean(DatabaseClient.class)
                .sql("""
                        select t.kind, t.status, t.payload->>'template' as template from bot_task t
                        join customer_order o on o.id = t.order_id
                        where o.number = :number order by t.id""")
                .bind("number", orderNumber)
                .map(row -> row.get("kind", String.class)
                        + (row.get("template", String.class) == null ? "" : "/" + row.get("template", String.class))
                        + "=" + row.get("status", String.class))
                .all().collectList()
                .block(TIMEOUT);
    }

    /** One task of the order as {@code status attempts last_error}, read from the backend's table (test only). */
    public String taskRow(String orderNumber, String kind) {
        return context.getBean(DatabaseClient.class)
                .sql("""
                        select t.status, t.attempts, t.last_error from bot_task t
                        join customer_order o on o.id = t.order_id
                        where o.number = :number and t.kind = :kind order by t.id limit 1""")
                .bind("number", orderNumber)
                .bind("kind", kind)
                .map(row -> row.get("status", String.class) + " " + row.get("attempts", Integer.class) + " " + row.get("last_error", String.class))
                .one()
                .block(TIMEOUT);
    }

    /** A code discount of {@code percentOff}% on everything. */
    public void createCodeDiscount(String code, int percentOff) {
        Map<?, ?> payload = admin.document("""
                        mutation($input: DiscountInput!) {
                          createDiscount(input: $input) { discount { id } problems { code field message } }
                        }""")
                .variable("input", Map.of("name", "Test " + code, "code", code, "kind", "PERCENTAGE", "percentOff", percentOff))
                .retrieve("createDiscount").toEntity(Map.class)
                .block(TIMEOUT);
        if (payload == null || !((List<?>) payload.get("problems")).isEmpty()) {
            throw new IllegalStateException("createDiscount: " + payload);
        }
    }

    /** An order as the dashboard sees it, as a JSON-like map. */
    public Map<?, ?> order(String number) {
        return admin.document("""
                        query($n: String!) {
                          order(number: $n) {
                            number status paymentMethod placedVia guildId channelId
                            customer { discordUserId }
                            lines { productId quantity }
                            discount { code amount { amountMinor } }
                            total { amountMinor }
                            shippingAddress { name line1 line2 city region postalCode country }
                          }
                        }""")
                .variable("n", number)
                .retrieve("order").toEntity(Map.class)
                .block(TIMEOUT);
    }

    /** Units of the product available now. */
    public int available(String productId) {
        return admin.document("query($id: ID!) { product(id: $id) { stock { available } } }")
                .variable("id", productId)
                .retrieve("product.stock.available").toEntity(Integer.class)
                .block(TIMEOUT);
    }

    // -------------------------------------------------------------------------------------------- orders and payments

    /** The order's payment status (AWAITING, CLAIMED, ...) and claimed reference, as {@code STATUS reference}, read as admin. */
    public String paymentState(String orderNumber) {
        Map<?, ?> payment = admin.document("query($n: String!) { order(number: $n) { payment { status claimedReference } } }")
                .variable("n", orderNumber)
                .retrieve("order.payment").toEntity(Map.class)
                .block(TIMEOUT);
        return payment == null ? null : payment.get("status") + " " + payment.get("claimedReference");
    }

    /** An admin cancels the pending order. */
    public void cancelOrder(String orderNumber) {
        Map<?, ?> payload = admin.document("""
                        mutation($n: String!) { cancelOrder(number: $n, reason: "test cancel") { order { status } problems { code message } } }""")
                .variable("n", orderNumber)
                .retrieve("cancelOrder").toEntity(Map.class)
                .block(TIMEOUT);
        if (payload == null || !((List<?>) payload.get("problems")).isEmpty()) {
            throw new IllegalStateException("cancelOrder: " + payload);
        }
    }

    /**
     * Makes the shop too busy to place orders: locks the product's stock row from a transaction of its own and starts
     * as many placements of the product as may run at once ({@code ledgerline.orders.admission.running}), which wait
     * on that lock while holding their turns; returns once they all hold one. Any other placement now waits for a turn
     * and is refused BUSY when none comes within the wait limit (5 s). Closing releases the lock; the held placements
     * then complete.
     */
    public AutoCloseable holdAllPlacements(String productId) {
        int running = context.getEnvironment().getProperty("ledgerline.orders.admission.running", Integer.class, 8);
        ConnectionFactory pool = context.getBean(DatabaseClient.class).getConnectionFactory();
        Connection lockHolder = Mono.from(pool.create()).block(TIMEOUT);
        Mono.from(lockHolder.beginTransaction()).block(TIMEOUT);
        Flux.from(lockHolder.createStatement("select product_id from stock_level where product_id = $1 for update")
                        .bind("$1", Long.parseLong(productId)).execute())
                .flatMap(result -> result.map((row, metadata) -> 1))
                .blockLast(TIMEOUT);
        // A thread each: the common pool may have a single thread on two cores.
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<PlacedOrder>> held = IntStream.range(0, running)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> placeVenmoOrder(1_300_000_000_000_000_000L + System.nanoTime() % 1_000_000_000L + i, "holder", productId), threads))
                .toList();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        await().atMost(TIMEOUT).until(() -> meters.get("ledgerline.orders.running").gauge().value() == running);
        return () -> {
            Mono.from(lockHolder.rollbackTransaction()).then(Mono.from(lockHolder.close())).block(TIMEOUT);
            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            threads.close();
        };
    }

    /** The order's payment hold runs out now and the expiry sweep runs: the order is cancelled unpaid, its payment EXPIRED. */
    public void expireOrder(String orderNumber) {
        context.getBean(DatabaseClient.class)
                .sql("update customer_order set expires_at = now() - interval '1 minute' where number = :number")
                .bind("number", orderNumber)
                .then()
                .block(TIMEOUT);
        context.getBean(app.ledgerline.orders.OrderService.class).expireDue(java.time.Instant.now()).block(TIMEOUT);
    }

    /** An admin changes the price of a product without role restrictions (the other fields as created here). */
    public void changePrice(String productId, String sku, String name, String kind, long priceMinor) {
        Map<?, ?> payload = admin.document("""
                        mutation($id: ID!, $input: ProductInput!) {
                          updateProduct(id: $id, input: $input) { product { id } problems { code field message } }
                        }""")
                .variable("id", productId)
                .variable("input", Map.of("sku", sku, "name", name, "description", "The " + name + ".", "priceMinor", priceMinor, "kind", kind))
                .retrieve("updateProduct").toEntity(Map.class)
                .block(TIMEOUT);
        if (payload == null || !((List<?>) payload.get("problems")).isEmpty()) {
            throw new IllegalStateException("updateProduct: " + payload);
        }
    }
}
