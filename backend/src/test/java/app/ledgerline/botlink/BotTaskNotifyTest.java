package app.ledgerline.botlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.botlink.BotLinkFixtures.Bot;
import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * New tasks reach a connected bot through PostgreSQL NOTIFY alone: polling for due tasks is effectively off here, so
 * a task committed after the subscription started can only arrive through the LISTEN connection.
 */
@TestPropertySource(properties = "ledgerline.botlink.poll-interval=1h")
class BotTaskNotifyTest extends ApiTestBase {

    /** Well below any polling, a few times the NOTIFY round trip on a busy 2-core machine. */
    private static final Duration NOTIFY_DEADLINE = Duration.ofSeconds(3);

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private BotTaskNotifications notifications;

    private BotLinkFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BotLinkFixtures(api, db, port);
        await().atMost(Duration.ofSeconds(30)).until(notifications::connected);
    }

    /** Places an order (its ORDER_RECEIVED DM proves the subscription is live), then pays it while subscribed. */
    private void paymentTasksArriveThroughNotify(Bot bot) {
        String roleId = Long.toString(Api.unique());
        var shopper = Api.shopper();
        String user = (String) shopper.get("discordUserId");
        var order = fixtures.placeRoleOrder(roleId, shopper);
        await().atMost(NOTIFY_DEADLINE).untilAsserted(() -> assertThat(bot.forUser(user))
                .extracting(BotLinkFixtures::kindAndTemplate).containsExactly("SEND_DM:ORDER_RECEIVED"));

        fixtures.confirm(order);
        await().atMost(NOTIFY_DEADLINE).untilAsserted(() -> assertThat(bot.forUser(user))
                .extracting(BotLinkFixtures::kindAndTemplate)
                .containsExactlyInAnyOrder("SEND_DM:ORDER_RECEIVED", "GRANT_ROLE", "SEND_DM:PAYMENT_CONFIRMED"));
        assertThat(bot.forUser(user)).filteredOn(task -> "GRANT_ROLE".equals(task.get("kind")))
                .extracting(task -> task.get("roleId")).containsExactly(roleId);
    }

    @Test
    void newTasksArriveAsSoonAsTheyAreCommitted() {
        try (Bot bot = fixtures.connectBot()) {
            paymentTasksArriveThroughNotify(bot);
        }
    }

    @Test
    void theListenerReconnectsWhenItsConnectionDies() {
        List<Integer> before = listenerPids();
        assertThat(before).isNotEmpty();
        db.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = :name")
                .bind("name", BotTaskNotifications.APPLICATION_NAME).then().block(Duration.ofSeconds(10));

        // Every backend instance in this JVM re-opens its listener; this one is connected again.
        await().atMost(Duration.ofSeconds(20)).until(() -> notifications.connected()
                && listenerPids().size() >= before.size() && listenerPids().stream().noneMatch(before::contains));
        try (Bot bot = fixtures.connectBot()) {
            paymentTasksArriveThroughNotify(bot);
        }
    }

    private List<Integer> listenerPids() {
        return db.sql("select pid from pg_stat_activity where application_name = :name")
                .bind("name", BotTaskNotifications.APPLICATION_NAME)
                .map(row -> row.get("pid", Integer.class)).all().collectList().block(Duration.ofSeconds(10));
    }
}
