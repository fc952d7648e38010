package app.ledgerline.botlink;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;

/** Orders that produce bot tasks, a bot connected to the task stream over the real WebSocket endpoint, and acks. */
final class BotLinkFixtures {

    static final String TASK_FIELDS = """
            id kind status attempt createdAt nextAttemptAt lastError lastErrorCode finishedAt
            discordUserId roleId orderNumber reason template text channelId mentionEveryone""";

    /** A paid order of a product that grants {@code roleId}, bought by {@code discordUserId}. */
    record PaidOrder(String number, long orderId, String discordUserId, String roleId) {
    }

    private final Api api;
    private final DatabaseClient db;
    private final int port;

    BotLinkFixtures(Api api, DatabaseClient db, int port) {
        this.api = api;
        this.db = db;
        this.port = port;
    }

    /** An order of a role-granting product, placed by a new shopper; not paid yet. Returns it as the API does. */
    Map<String, Object> placeRoleOrder(String roleId, Map<String, Object> shopper) {
        var product = Api.product("DIGITAL", 1500);
        product.put("trackInventory", false);
        product.put("grantedRoleIds", List.of(roleId));
        String productId = api.createProduct(product);
        var input = Api.order(shopper, List.of(Api.line(productId, 1)));
        input.remove("shippingAddress");
        return api.placeOk(input);
    }

    void confirm(Map<String, Object> order) {
        long total = ((Number) Api.obj(order.get("total")).get("amountMinor")).longValue();
        api.admin().document("""
                        mutation($input: ConfirmPaymentInput!) { confirmPayment(input: $input) { order { status } %s } }""".formatted(Api.PROBLEMS))
                .variable("input", Map.of("number", order.get("number"), "amountMinor", total, "reference", "venmo-" + Api.unique()))
                .execute()
                .path("confirmPayment.problems").entityList(Object.class).hasSize(0)
                .path("confirmPayment.order.status").entity(String.class).isEqualTo("PAID");
    }

    PaidOrder paidRoleOrder() {
        String roleId = Long.toString(Api.unique());
        var shopper = Api.shopper();
        var order = placeRoleOrder(roleId, shopper);
        confirm(order);
        return new PaidOrder((String) order.get("number"), Long.parseLong((String) order.get("id")),
                (String) shopper.get("discordUserId"), roleId);
    }

    WebSocketGraphQlTester websocket(String token) {
        return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
                .headers(h -> h.setBearerAuth(token))
                .build();
    }

    /** A bot connection subscribed to {@code botTasks}, recording every task it receives in order. */
    Bot connectBot() {
        return new Bot(websocket(Api.BOT_TOKEN));
    }

    static final class Bot implements AutoCloseable {

        private final WebSocketGraphQlTester tester;
        private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private final Disposable subscription;

        @SuppressWarnings({"unchecked", "rawtypes"})
        private Bot(WebSocketGraphQlTester tester) {
            this.tester = tester;
            this.subscription = tester.document("subscription { botTasks { " + TASK_FIELDS + " } }")
                    .executeSubscription()
                    .toFlux("botTasks", Map.class)
                    .subscribe(task -> received.add((Map<String, Object>) task), error::set);
        }

        /** Every task received so far for this Discord user, in delivery order (repeats included). */
        List<Map<String, Object>> forUser(String discordUserId) {
            assertThat(error.get()).as("subscription error").isNull();
            return received.stream().filter(task -> discordUserId.equals(task.get("discordUserId"))).toList();
        }

        List<Map<String, Object>> byId(String id) {
            return received.stream().filter(task -> id.equals(task.get("id"))).toList();
        }

        /** Drops the WebSocket connection, as a bot that crashes or restarts. */
        @Override
        public void close() {
            subscription.dispose();
            tester.stop().block(Duration.ofSeconds(10));
        }
    }

    Map<String, Object> ack(String token, Map<String, Object> input) {
        return api.as(token).document("""
                        mutation($input: AcknowledgeBotTaskInput!) {
                          acknowledgeBotTask(input: $input) { task { %s } problems { code message field } } }""".formatted(TASK_FIELDS))
                .variable("input", input)
                .execute()
                .path("acknowledgeBotTask").entity(Map.class).get();
    }

    Map<String, Object> ackSuccess(String id) {
        return ack(Api.BOT_TOKEN, Map.of("id", id, "success", true));
    }

    Map<String, Object> ackFailure(String id, Integer discordErrorCode, Integer httpStatus, String message) {
        var input = new HashMap<String, Object>();
        input.put("id", id);
        input.put("success", false);
        input.put("discordErrorCode", discordErrorCode);
        input.put("httpStatus", httpStatus);
        input.put("message", message);
        return ack(Api.BOT_TOKEN, input);
    }

    Map<String, Object> row(String sql, long id) {
        return db.sql(sql).bind("id", id).fetch().one().block(Duration.ofSeconds(10));
    }

    static String kindAndTemplate(Map<String, Object> task) {
        return task.get("kind") + (task.get("template") == null ? "" : ":" + task.get("template"));
    }
}
