package app.ledgerline.botlink;

import static app.ledgerline.botlink.BotLinkFixtures.kindAndTemplate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.botlink.BotLinkFixtures.Bot;
import app.ledgerline.support.Api;
import app.ledgerline.support.SubscriptionRefusals;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import reactor.test.StepVerifier;

/** The bot's task stream through the real WebSocket endpoint, with retries and ack timeouts made short. */
@TestPropertySource(properties = {
        "ledgerline.botlink.retry-base=200ms",
        "ledgerline.botlink.max-attempts=3",
        "ledgerline.botlink.poll-interval=300ms",
        "ledgerline.botlink.ack-timeout=4s"})
class BotTaskStreamTest extends ApiTestBase {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Value("${local.server.port}")
    private int port;

    private BotLinkFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BotLinkFixtures(api, db, port);
    }

    private static Map<String, Object> only(List<Map<String, Object>> tasks, Predicate<Map<String, Object>> which) {
        var matching = tasks.stream().filter(which).map(task -> task.get("id")).distinct().toList();
        assertThat(matching).hasSize(1);
        return tasks.stream().filter(task -> task.get("id").equals(matching.getFirst())).findFirst().orElseThrow();
    }

    private static Predicate<Map<String, Object>> kind(String kindAndTemplate) {
        return task -> kindAndTemplate.equals(kindAndTemplate(task));
    }

    private static Set<Object> ids(List<Map<String, Object>> tasks) {
        return tasks.stream().map(task -> task.get("id")).collect(Collectors.toSet());
    }

    private static Map<String, Object> task(Map<String, Object> ackPayload) {
        assertThat((List<?>) ackPayload.get("problems")).isEmpty();
        return Api.obj(ackPayload.get("task"));
    }

    @Test
    void paidOrderSendsGrantAndDmTasksAndASuccessfulGrantMakesTheEntitlementGranted() {
        try (Bot bot = fixtures.connectBot()) {
            var order = fixtures.paidRoleOrder();

            await().atMost(WAIT).untilAsserted(() -> assertThat(bot.forUser(order.discordUserId()))
                    .extracting(BotLinkFixtures::kindAndTemplate)
                    .containsExactlyInAnyOrder("SEND_DM:ORDER_RECEIVED", "GRANT_ROLE", "SEND_DM:PAYMENT_CONFIRMED"));
            var tasks = bot.forUser(order.discordUserId());
            var grant = only(tasks, kind("GRANT_ROLE"));
            assertThat(grant).containsEntry("roleId", order.roleId()).containsEntry("orderNumber", order.number())
                    .containsEntry("status", "PENDING").containsEntry("attempt", 1).containsEntry("text", null)
                    .containsEntry("reason", "Purchased in order " + order.number());
            var confirmed = only(tasks, kind("SEND_DM:PAYMENT_CONFIRMED"));
            assertThat((String) confirmed.get("text")).contains(order.number());
            assertThat(confirmed).containsEntry("roleId", null).containsEntry("channelId", null);

            long entitlementId = ((Number) fixtures.row("select entitlement_id from bot_task where id = :id",
                    Long.parseLong((String) grant.get("id"))).get("entitlement_id")).longValue();
            assertThat(fixtures.row("select status from entitlement where id = :id", entitlementId)).containsEntry("status", "GRANTING");

            var acked = task(fixtures.ackSuccess((String) grant.get("id")));
            assertThat(acked).containsEntry("status", "DONE");
            assertThat(acked.get("finishedAt")).isNotNull();
            var entitlement = fixtures.row("select status, granted_at from entitlement where id = :id", entitlementId);
            assertThat(entitlement).containsEntry("status", "GRANTED");
            assertThat(entitlement.get("granted_at")).isNotNull();
            // And through the API, on the order.
            assertThat(api.admin().document("query($n: String!) { order(number: $n) { entitlements { roleId status } } }")
                    .variable("n", order.number()).execute().path("order.entitlements").entityList(Map.class).get())
                    .containsExactly(Map.of("roleId", order.roleId(), "status", "GRANTED"));
        }
    }

    @Test
    void aSubscriberThatReconnectsReceivesExactlyTheUnacknowledgedTasks() {
        var shopper = Api.shopper();
        String user = (String) shopper.get("discordUserId");
        var first = fixtures.placeRoleOrder(Long.toString(Api.unique()), shopper);
        fixtures.confirm(first);
        var second = fixtures.placeRoleOrder(Long.toString(Api.unique()), shopper);
        fixtures.confirm(second);

        Set<Object> all;
        Set<Object> unacknowledged = new HashSet<>();
        try (Bot bot = fixtures.connectBot()) {
            await().atMost(WAIT).until(() -> bot.forUser(user).size() >= 6);
            // In flight: however often the subscription polls meanwhile, each task comes once.
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> bot.forUser(user).size() == 6 && ids(bot.forUser(user)).size() == 6);
            var tasks = bot.forUser(user);
            all = ids(tasks);

            // The bot performs and acknowledges some, then drops mid-stream.
            for (var task : tasks) {
                boolean ackIt = task.get("orderNumber").equals(first.get("number")) ? !"SEND_DM:PAYMENT_CONFIRMED".equals(kindAndTemplate(task))
                        : "SEND_DM:ORDER_RECEIVED".equals(kindAndTemplate(task));
                if (ackIt) {
                    assertThat(task(fixtures.ackSuccess((String) task.get("id")))).containsEntry("status", "DONE");
                } else {
                    unacknowledged.add(task.get("id"));
                }
            }
        }
        assertThat(unacknowledged).hasSize(3);

        try (Bot reconnected = fixtures.connectBot()) {
            await().atMost(WAIT).until(() -> ids(reconnected.forUser(user)).equals(unacknowledged));
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> reconnected.forUser(user).size() == 3 && ids(reconnected.forUser(user)).equals(unacknowledged));
            assertThat(all).containsAll(unacknowledged);
        }
    }

    @Test
    void aPermanentFailureGivesUpWithAnAlertAndATransientOneIsRetriedWithBackoff() {
        try (Bot bot = fixtures.connectBot()) {
            var order = fixtures.paidRoleOrder();
            await().atMost(WAIT).until(() -> ids(bot.forUser(order.discordUserId())).size() == 3);
            var tasks = bot.forUser(order.discordUserId());
            var dm = only(tasks, kind("SEND_DM:PAYMENT_CONFIRMED"));
            var grant = only(tasks, kind("GRANT_ROLE"));

            // The customer does not accept DMs: nothing will fix that.
            var failed = task(fixtures.ackFailure((String) dm.get("id"), 50007, 403, "Cannot send messages to this user"));
            assertThat(failed).containsEntry("status", "FAILED").containsEntry("lastErrorCode", 50007);
            assertThat(failed.get("finishedAt")).isNotNull();
            assertThat((String) failed.get("lastError")).contains("HTTP 403").contains("Cannot send messages to this user");
            assertThat(api.count("select count(*) from alert where kind = 'DM_FAILED' and order_id = :id", Map.of("id", order.orderId())))
                    .isEqualTo(1);

            // Discord had a bad moment: retried later.
            Instant before = Instant.now();
            var retrying = task(fixtures.ackFailure((String) grant.get("id"), 0, 500, "Internal Server Error"));
            assertThat(retrying).containsEntry("status", "PENDING").containsEntry("attempt", 2).containsEntry("lastErrorCode", 0);
            var row = fixtures.row("select attempts, next_attempt_at from bot_task where id = :id", Long.parseLong((String) grant.get("id")));
            assertThat(row).containsEntry("attempts", 1);
            assertThat(((OffsetDateTime) row.get("next_attempt_at")).toInstant()).isAfter(before.plusMillis(150));

            // Redelivered on the same subscription once due, as attempt 2; the failed DM is not.
            await().atMost(WAIT).until(() -> bot.byId((String) grant.get("id")).size() == 2);
            assertThat(bot.byId((String) grant.get("id")).getLast()).containsEntry("attempt", 2);
            assertThat(bot.byId((String) dm.get("id"))).hasSize(1);

            // A late failure report for attempt 1 (a stale delivery) changes nothing.
            var stale = new java.util.HashMap<String, Object>(Map.of("id", grant.get("id"), "success", false, "attempt", 1, "discordErrorCode", 0));
            assertThat(task(fixtures.ack(Api.BOT_TOKEN, stale))).containsEntry("status", "PENDING").containsEntry("attempt", 2);

            assertThat(task(fixtures.ackSuccess((String) grant.get("id")))).containsEntry("status", "DONE");
            assertThat(fixtures.row("select e.status from entitlement e join bot_task t on t.entitlement_id = e.id where t.id = :id",
                    Long.parseLong((String) grant.get("id")))).containsEntry("status", "GRANTED");
            assertThat(api.count("select count(*) from alert where kind = 'ROLE_GRANT_FAILED' and order_id = :id", Map.of("id", order.orderId())))
                    .isZero();
        }
    }

    @Test
    void aFailedGrantMarksTheEntitlementAndAlertsAndRepeatedFailuresGiveUp() {
        try (Bot bot = fixtures.connectBot()) {
            var order = fixtures.paidRoleOrder();
            await().atMost(WAIT).until(() -> ids(bot.forUser(order.discordUserId())).size() == 3);
            var tasks = bot.forUser(order.discordUserId());
            var grant = only(tasks, kind("GRANT_ROLE"));
            var received = only(tasks, kind("SEND_DM:ORDER_RECEIVED"));

            var failed = task(fixtures.ackFailure((String) grant.get("id"), 50013, 403, "Missing Permissions"));
            assertThat(failed).containsEntry("status", "FAILED");
            assertThat(fixtures.row("select e.status from entitlement e join bot_task t on t.entitlement_id = e.id where t.id = :id",
                    Long.parseLong((String) grant.get("id")))).containsEntry("status", "GRANT_FAILED");
            assertThat(api.count("select count(*) from alert where kind = 'ROLE_GRANT_FAILED' and order_id = :id and message like '%Missing Permissions%'",
                    Map.of("id", order.orderId()))).isEqualTo(1);

            // Transient failures until the last allowed attempt (3 in this test): then it is given up too.
            String dmId = (String) received.get("id");
            for (int attempt = 1; attempt <= 2; attempt++) {
                int expected = attempt + 1;
                assertThat(task(fixtures.ackFailure(dmId, null, 429, "rate limited"))).containsEntry("status", "PENDING")
                        .containsEntry("attempt", expected);
                await().atMost(WAIT).until(() -> bot.byId(dmId).size() == expected);
                assertThat(bot.byId(dmId).getLast()).containsEntry("attempt", expected);
            }
            var gaveUp = task(fixtures.ackFailure(dmId, null, 429, "rate limited"));
            assertThat(gaveUp).containsEntry("status", "FAILED");
            assertThat(fixtures.row("select attempts from bot_task where id = :id", Long.parseLong(dmId))).containsEntry("attempts", 3);
            assertThat(api.count("select count(*) from alert where kind = 'DM_FAILED' and order_id = :id and message like '%after 3 attempts%'",
                    Map.of("id", order.orderId()))).isEqualTo(1);
        }
    }

    @Test
    void repeatedAcknowledgementsChangeNothing() {
        try (Bot bot = fixtures.connectBot()) {
            var order = fixtures.paidRoleOrder();
            await().atMost(WAIT).until(() -> ids(bot.forUser(order.discordUserId())).size() == 3);
            var tasks = bot.forUser(order.discordUserId());
            String grant = (String) only(tasks, kind("GRANT_ROLE")).get("id");
            String dm = (String) only(tasks, kind("SEND_DM:PAYMENT_CONFIRMED")).get("id");

            var done = task(fixtures.ackSuccess(grant));
            var grantedAt = fixtures.row("select e.granted_at from entitlement e join bot_task t on t.entitlement_id = e.id where t.id = :id",
                    Long.parseLong(grant));
            for (int i = 0; i < 3; i++) {
                assertThat(task(fixtures.ackSuccess(grant))).isEqualTo(done);
                assertThat(task(fixtures.ackFailure(grant, 50013, 403, "late failure"))).isEqualTo(done);
            }
            assertThat(fixtures.row("select e.granted_at from entitlement e join bot_task t on t.entitlement_id = e.id where t.id = :id",
                    Long.parseLong(grant))).isEqualTo(grantedAt);

            var failed = task(fixtures.ackFailure(dm, 50007, 403, "Cannot send messages to this user"));
            assertThat(task(fixtures.ackFailure(dm, 50007, 403, "again"))).isEqualTo(failed);
            assertThat(task(fixtures.ackSuccess(dm))).isEqualTo(failed);
            assertThat(api.count("select count(*) from alert where order_id = :id and kind in ('DM_FAILED', 'ROLE_GRANT_FAILED')",
                    Map.of("id", order.orderId()))).isEqualTo(1);
        }
    }

    @Test
    void anUnacknowledgedTaskIsDeliveredAgainAfterTheAckTimeout() {
        try (Bot bot = fixtures.connectBot()) {
            var order = fixtures.paidRoleOrder();
            await().atMost(WAIT).until(() -> ids(bot.forUser(order.discordUserId())).size() == 3);
            String grant = (String) only(bot.forUser(order.discordUserId()), kind("GRANT_ROLE")).get("id");
            // Not before the 4 s timeout...
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> bot.byId(grant).size() == 1);
            // ...but after it, as the same attempt.
            await().atMost(WAIT).until(() -> bot.byId(grant).size() == 2);
            assertThat(bot.byId(grant)).extracting(task -> task.get("attempt")).containsExactly(1, 1);
        }
    }

    @Test
    void unknownTasksAreNotFound() {
        for (String id : List.of("987654321987", "not-an-id")) {
            var payload = fixtures.ackSuccess(id);
            assertThat(payload.get("task")).isNull();
            assertThat(Api.problemCodes(payload)).containsExactly("NOT_FOUND");
        }
    }

    @Test
    void onlyTheBotMaySubscribeOrAcknowledge() {
        var order = fixtures.paidRoleOrder();
        long grant = ((Number) api.count("select id from bot_task where kind = 'GRANT_ROLE' and order_id = :id", Map.of("id", order.orderId())))
                .longValue();
        for (String token : List.of(Api.ADMIN_TOKEN, Api.STAFF_TOKEN, Api.INTEGRATOR_TOKEN)) {
            var tester = fixtures.websocket(token);
            try {
                StepVerifier.create(tester.document("subscription { botTasks { id } }").executeSubscription().toFlux())
                        .expectErrorSatisfies(error -> SubscriptionRefusals.assertRefused(error, token))
                        .verify(WAIT);
            } finally {
                // An open WebSocket would hold up the server's graceful shutdown at the end of the test JVM.
                tester.stop().block(WAIT);
            }

            api.as(token).document("mutation($input: AcknowledgeBotTaskInput!) { acknowledgeBotTask(input: $input) { problems { code } } }")
                    .variable("input", Map.of("id", Long.toString(grant), "success", true))
                    .execute()
                    .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).containsExactly("FORBIDDEN"));
        }
        assertThat(fixtures.row("select status from bot_task where id = :id", grant)).containsEntry("status", "PENDING");
    }
}
