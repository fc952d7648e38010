package app.ledgerline.bot.tasks;

import static app.ledgerline.bot.support.RunningBot.GUILD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.bot.support.BotScenario;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.RunningBot;
import app.ledgerline.bot.support.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The backend's task stream end to end: the real bot consumes {@code botTasks} from the real backend (on PostgreSQL),
 * performs each task on the fake Discord (every request checked against Discord's OpenAPI spec), and acknowledges it.
 */
class TaskStreamScenarioTest extends BotScenario {

    static final String MEMBER_ROLE = "1100000000000000020";
    static final Duration WAIT = Duration.ofSeconds(30);

    static String roleProduct;

    @BeforeAll
    static void start() {
        startBot();
        backend.enableVenmo();
        roleProduct = backend.createRoleProduct("TASK-ROLE", "Members Pass", 1500, MEMBER_ROLE, 100);
    }

    @Test
    void aConfirmedPaymentGrantsTheRoleAndTellsTheCustomer() {
        long customer = discord.nextId();
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(customer, "ivy", roleProduct);
        await().atMost(WAIT).until(() -> discord.dmsTo(customer), dms -> dms.size() == 1);
        assertThat(discord.dmsTo(customer).getFirst()).contains(order.number());

        backend.confirmPayment(order);

        String rolePath = "/api/v10/guilds/" + GUILD + "/members/" + customer + "/roles/" + MEMBER_ROLE;
        FakeDiscord.Recorded grant = await().atMost(WAIT)
                .until(() -> discord.requests(r -> r.method().equals("PUT") && r.path().equals(rolePath)), l -> !l.isEmpty())
                .getFirst();
        assertThat(auditLogReason(grant)).isNotBlank();
        await().atMost(WAIT).until(() -> discord.dmsTo(customer), dms -> dms.size() == 2);
        assertThat(discord.dmsTo(customer).get(1)).contains(order.number());
        // The DM channel was opened with the customer, and nothing in a DM pings.
        assertThat(discord.requests(r -> r.path().equals("/api/v10/users/@me/channels")
                && r.json().path("recipient_id").asString().equals(Long.toString(customer)))).isNotEmpty();
        for (FakeDiscord.Recorded dm : discord.messagesIn(discord.dmChannelOf(customer))) {
            assertThat(dm.json().at("/allowed_mentions/parse").toString()).isEqualTo("[]");
        }

        await().atMost(WAIT).until(() -> backend.entitlementStatuses(order.number()), s -> s.equals(List.of("GRANTED")));
        await().atMost(WAIT).until(() -> backend.taskStatuses(order.number()), s -> s.size() == 3 && s.stream().allMatch(t -> t.endsWith("=DONE")));
        assertThat(backend.taskStatuses(order.number()))
                .containsExactlyInAnyOrder("SEND_DM/ORDER_RECEIVED=DONE", "GRANT_ROLE=DONE", "SEND_DM/PAYMENT_CONFIRMED=DONE");
    }

    @Test
    void aDmTheCustomerRefusesFailsAndAlertsTheShop() {
        long customer = discord.nextId();
        discord.failWith("POST", "/api/v10/channels/" + discord.dmChannelOf(customer) + "/messages",
                403, 50007, "Cannot send messages to this user");

        TestBackend.PlacedOrder order = backend.placeVenmoOrder(customer, "jon", roleProduct);

        await().atMost(WAIT).until(() -> backend.taskStatuses(order.number()),
                s -> s.equals(List.of("SEND_DM/ORDER_RECEIVED=FAILED")));
        assertThat(discord.dmsTo(customer)).hasSize(1); // tried once: 50007 is permanent
        List<String> alerts = backend.alertMessages("DM_FAILED", order.number());
        assertThat(alerts).hasSize(1);
        assertThat(alerts.getFirst()).contains("50007");
    }

    @Test
    void tasksCreatedWhileTheBotIsDownArePerformedWhenItComesBack() {
        long customer = discord.nextId();
        bot.close();
        bot = null;

        TestBackend.PlacedOrder order = backend.placeVenmoOrder(customer, "kim", roleProduct);
        backend.confirmPayment(order);
        assertThat(backend.taskStatuses(order.number())).hasSize(3).allMatch(t -> t.endsWith("=PENDING"));
        assertThat(discord.dmsTo(customer)).isEmpty();

        bot = RunningBot.start(discord, backend.graphqlUrl(), TestBackend.BOT_TOKEN);

        await().atMost(WAIT).until(() -> backend.taskStatuses(order.number()), s -> s.stream().allMatch(t -> t.endsWith("=DONE")));
        assertThat(discord.dmsTo(customer)).hasSize(2);
        assertThat(discord.requests(r -> r.method().equals("PUT")
                && r.path().equals("/api/v10/guilds/" + GUILD + "/members/" + customer + "/roles/" + MEMBER_ROLE))).hasSize(1);
        assertThat(backend.entitlementStatuses(order.number())).containsExactly("GRANTED");
    }

    @Test
    void aTransientDiscordErrorIsReportedAndTheTaskRetriedUntilItWorks() {
        long customer = discord.nextId();
        String rolePath = "/api/v10/guilds/" + GUILD + "/members/" + customer + "/roles/" + MEMBER_ROLE;
        discord.failWith("PUT", java.util.regex.Pattern.quote(rolePath), 400, 40333, "Something went wrong, try later");
        try {
            TestBackend.PlacedOrder order = backend.placeVenmoOrder(customer, "ned", roleProduct);
            backend.confirmPayment(order);

            // Acknowledged as a failure with Discord's status and code; not permanent, so still PENDING for a retry.
            String failed = await().atMost(WAIT).until(() -> backend.taskRow(order.number(), "GRANT_ROLE"), row -> !row.startsWith("PENDING 0"));
            assertThat(failed).startsWith("PENDING 1 ").contains("400", "40333", "Something went wrong");
            discord.clearFailures();

            await().atMost(WAIT).until(() -> backend.taskRow(order.number(), "GRANT_ROLE"), row -> row.startsWith("DONE 1 "));
            assertThat(backend.entitlementStatuses(order.number())).containsExactly("GRANTED");
            assertThat(discord.requests(r -> r.method().equals("PUT") && r.path().equals(rolePath))).hasSize(2);
        } finally {
            discord.clearFailures();
        }
    }

    @Test
    void stoppingTheBotLetsTheTaskInHandFinishFirst() {
        long customer = discord.nextId();
        String rolePath = "/api/v10/guilds/" + GUILD + "/members/" + customer + "/roles/" + MEMBER_ROLE;
        discord.delay("PUT", java.util.regex.Pattern.quote(rolePath), Duration.ofSeconds(2));
        try {
            TestBackend.PlacedOrder order = backend.placeVenmoOrder(customer, "ola", roleProduct);
            backend.confirmPayment(order);
            await().atMost(WAIT).until(() -> discord.requests(r -> r.method().equals("PUT") && r.path().equals(rolePath)), l -> !l.isEmpty());

            bot.close();
            bot = null;
            // The grant Discord was answering when the bot stopped was acknowledged before it stopped.
            assertThat(backend.taskRow(order.number(), "GRANT_ROLE")).startsWith("DONE ");
        } finally {
            discord.clearFailures();
            if (bot == null) {
                bot = RunningBot.start(discord, backend.graphqlUrl(), TestBackend.BOT_TOKEN);
            }
        }
    }

    @Test
    void announcementsPingEveryoneOnlyWhenAsked() {
        DiscordTasks tasks = bot.context().getBean(DiscordTasks.class);
        long channel = discord.nextId();
        StepVerifier.create(tasks.perform(new BotTask("t1", BotTask.Kind.POST_ANNOUNCEMENT, 1, null, null, null, null, null,
                        "@everyone Mug is almost gone", Long.toString(channel), true)))
                .verifyComplete();
        StepVerifier.create(tasks.perform(new BotTask("t2", BotTask.Kind.POST_ANNOUNCEMENT, 1, null, null, null, null, null,
                        "Quiet news", Long.toString(channel), false)))
                .verifyComplete();
        List<FakeDiscord.Recorded> posts = discord.messagesIn(channel);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).json().at("/allowed_mentions/parse").toString()).isEqualTo("[\"everyone\"]");
        assertThat(posts.get(0).json().path("content").asString()).isEqualTo("@everyone Mug is almost gone");
        assertThat(posts.get(1).json().at("/allowed_mentions/parse").toString()).isEqualTo("[]");
    }

    @Test
    void aRevokeRemovesTheRole() {
        DiscordTasks tasks = bot.context().getBean(DiscordTasks.class);
        long customer = discord.nextId();
        StepVerifier.create(tasks.perform(new BotTask("t3", BotTask.Kind.REVOKE_ROLE, 1, Long.toString(customer), MEMBER_ROLE,
                        "L-1", "Refund of L-1", null, null, null, null)))
                .verifyComplete();
        List<FakeDiscord.Recorded> deletes = discord.requests(r -> r.method().equals("DELETE")
                && r.path().equals("/api/v10/guilds/" + GUILD + "/members/" + customer + "/roles/" + MEMBER_ROLE));
        assertThat(deletes).hasSize(1);
        assertThat(auditLogReason(deletes.getFirst())).isNotBlank();
    }

    static String auditLogReason(FakeDiscord.Recorded request) {
        return request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("X-Audit-Log-Reason"))
                .map(Map.Entry::getValue).flatMap(List::stream)
                .findFirst().orElse("");
    }

}
