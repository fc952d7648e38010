package app.ledgerline.bot.orders;

import static app.ledgerline.bot.support.RunningBot.GUILD;
import static app.ledgerline.bot.support.RunningBot.OTHER_CHANNEL;
import static app.ledgerline.bot.support.RunningBot.SHOP_CHANNEL;
import static app.ledgerline.bot.support.Answers.optionValues;
import static app.ledgerline.bot.support.Answers.originalPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.support.Answers;
import app.ledgerline.bot.support.BotScenario;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.Interactions;
import app.ledgerline.bot.support.RunningBot;
import app.ledgerline.bot.support.TestBackend;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /orders}, {@code /order} and {@code /paid} end to end: the real bot (Spring + Discord4J) against the fake
 * Discord and the real backend on PostgreSQL. Every REST request the bot makes is checked against Discord's OpenAPI spec.
 */
class OrdersScenarioTest extends BotScenario {

    static String pin;

    @BeforeAll
    static void start() {
        startBot();
        backend.enableVenmo();
        pin = backend.createProduct("ORD-PIN", "Enamel Pin", 1500, "DIGITAL", List.of(), 100);
    }

    @Test
    void theOrderCommandsAreRegisteredWithTheirOptions() {
        List<FakeDiscord.Recorded> puts = discord.requests(r -> r.method().equals("PUT")
                && r.path().equals("/api/v10/applications/" + FakeDiscord.APPLICATION_ID + "/commands"));
        assertThat(puts).hasSize(1);
        Map<String, JsonNode> commands = new LinkedHashMap<>();
        puts.getFirst().json().forEach(command -> commands.put(command.get("name").asString(), command));
        assertThat(commands).containsKeys("orders", "order", "paid");
        assertThat(commands.get("orders").path("options").size()).isZero();
        assertThat(commands.get("order").at("/options/0/name").asString()).isEqualTo("number");
        JsonNode paid = commands.get("paid").get("options");
        assertThat(paid.get(0).get("name").asString()).isEqualTo("number");
        assertThat(paid.get(1).get("name").asString()).isEqualTo("reference");
        assertThat(paid.get(1).get("type").asInt()).isEqualTo(3);
        assertThat(paid.get(1).get("required").asBoolean()).isTrue();
        assertThat(paid.get(1).get("max_length").asInt()).isEqualTo(100);
        for (String name : List.of("orders", "order", "paid")) {
            assertThat(commands.get(name).get("integration_types").toString()).isEqualTo("[0,1]");
            assertThat(commands.get(name).get("contexts").toString()).isEqualTo("[0,1,2]");
        }
    }

    @Test
    void ordersListsTheShoppersOrdersNewestFirstWithWhereEachStands() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "olga");
        TestBackend.PlacedOrder paid = backend.placeVenmoOrder(userId, "olga", pin);
        backend.confirmPayment(paid);
        TestBackend.PlacedOrder expired = backend.placeVenmoOrder(userId, "olga", pin);
        backend.expireOrder(expired.number());
        TestBackend.PlacedOrder claimed = backend.placeVenmoOrder(userId, "olga", pin);
        TestBackend.PlacedOrder pending = backend.placeVenmoOrder(userId, "olga", pin);
        // Someone else's order never shows.
        TestBackend.PlacedOrder others = backend.placeVenmoOrder(discord.nextId(), "pete", pin);

        var claim = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", claimed.number(), "reference", "venmo-1"),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", claim.json());
        assertThat(original(claim).get("content").asString()).contains("Thanks!");

        var sent = Interactions.slashInGuild(discord, "orders", GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(5);
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        JsonNode reply = original(sent);
        String content = reply.get("content").asString();
        assertThat(content).contains("**Your orders**", "1 × Enamel Pin", "$15.00",
                        "**" + pending.number() + "**", "Awaiting payment — pay by <t:",
                        "**" + claimed.number() + "**", "Payment claimed, being checked",
                        "**" + expired.number() + "**", "Cancelled (expired unpaid)",
                        "**" + paid.number() + "**", "Paid")
                .doesNotContain(others.number());
        assertThat(content.indexOf(pending.number())).isLessThan(content.indexOf(claimed.number()));
        assertThat(content.indexOf(claimed.number())).isLessThan(content.indexOf(expired.number()));
        assertThat(content.indexOf(expired.number())).isLessThan(content.indexOf(paid.number()));
        JsonNode menu = reply.at("/components/0/components/0");
        assertThat(menu.get("type").asInt()).isEqualTo(3);
        assertThat(menu.get("custom_id").asString()).isEqualTo("orders:view");
        assertThat(optionValues(menu)).containsExactly(pending.number(), claimed.number(), expired.number(), paid.number());

        // Choosing one in the menu shows it in place, with the way to pay and a way back.
        var choose = Interactions.selectInGuild(discord, "orders:view", List.of(pending.number()), GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", choose.json());
        assertThat(callback(choose).get("type").asInt()).isEqualTo(6);
        JsonNode details = original(choose);
        assertThat(details.get("content").asString()).contains("**Order " + pending.number() + "**", "**How to pay**", "$15.00");
        assertThat(details.at("/components/0/components/0/custom_id").asString()).isEqualTo("orders:list");

        var back = Interactions.buttonInGuild(discord, "orders:list", GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", back.json());
        assertThat(original(back).get("content").asString()).contains("**Your orders**", pending.number());
    }

    @Test
    void ordersWithNoneSaysSoAndPointsToTheShop() {
        long userId = discord.nextId();
        var sent = Interactions.slashInDm(discord, "orders", userId, Interactions.user(userId, "nora"));
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(5);
        assertThat(callback.at("/data/flags").asInt(0) & 64).isZero();
        JsonNode reply = original(sent);
        assertThat(reply.get("content").asString()).contains("haven't placed any orders", "`/shop`");
        assertThat(reply.path("components").size()).isZero();
    }

    @Test
    void orderShowsHowToPayAPendingVenmoOrderWithTheExactAmount() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "vera");
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(userId, "vera", pin);
        assertThat(order.totalMinor()).isEqualTo(1500);

        var sent = Interactions.slashWithOptionsInDm(discord, "order", Map.of("number", order.number().toLowerCase()), userId, user);
        discord.dispatch("INTERACTION_CREATE", sent.json());
        assertThat(callback(sent).at("/data/flags").asInt(0) & 64).isZero();
        String content = original(sent).get("content").asString();
        assertThat(content).contains("**Order " + order.number() + "**", "Awaiting payment — pay by <t:",
                "• 1 × Enamel Pin — $15.00", "**Total: $15.00**", "**Payment:** Venmo · $15.00 · awaiting your payment",
                "**How to pay**", "Send exactly $15.00 on Venmo to @ledgerline\\-test with the note",
                "`/paid number:" + order.number() + " reference:<your transaction id>`");
        assertThat(content).containsPattern("<t:\\d+:f> — placed");
    }

    @Test
    void someoneElsesOrderIsAnsweredLikeAMissingOne() {
        TestBackend.PlacedOrder owned = backend.placeVenmoOrder(discord.nextId(), "owner", pin);
        long userId = discord.nextId();
        String user = Interactions.user(userId, "mallory");

        var theirs = Interactions.slashWithOptionsInGuild(discord, "order", Map.of("number", owned.number()), GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", theirs.json());
        String content = original(theirs).get("content").asString();
        assertThat(content).startsWith("I couldn't find order " + owned.number() + " among your orders.")
                .doesNotContain("Enamel Pin", "$15.00");

        var missing = Interactions.slashWithOptionsInGuild(discord, "order", Map.of("number", "LL-999999999"), GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", missing.json());
        assertThat(original(missing).get("content").asString()).startsWith("I couldn't find order LL-999999999 among your orders.");

        // Nor can they claim a payment for it.
        var claim = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", owned.number(), "reference", "steal"),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", claim.json());
        assertThat(original(claim).get("content").asString()).startsWith("I couldn't find order " + owned.number() + " among your orders.");
        assertThat(backend.paymentState(owned.number())).isEqualTo("AWAITING null");
    }

    @Test
    void paidRecordsTheClaimForTheShopToConfirm() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "paula");
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(userId, "paula", pin);

        var sent = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", order.number(), "reference", "  3141592653  "),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(5);
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        assertThat(original(sent).get("content").asString()).startsWith("✅ Thanks! We've noted your payment reference for order "
                + order.number() + "; the shop will confirm it shortly.");
        assertThat(backend.paymentState(order.number())).isEqualTo("CLAIMED 3141592653");

        var check = Interactions.slashWithOptionsInGuild(discord, "order", Map.of("number", order.number()), GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", check.json());
        assertThat(original(check).get("content").asString())
                .contains("Payment claimed, being checked", "you sent us the reference “3141592653”; the shop is checking it")
                .doesNotContain("How to pay");
    }

    @Test
    void paidOnAnExpiredOrderSaysItIsNoLongerAwaitingPayment() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "sam");
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(userId, "sam", pin);
        backend.expireOrder(order.number());

        var sent = Interactions.slashWithOptionsInDm(discord, "paid", Map.of("number", order.number(), "reference", "late-1"), userId, user);
        discord.dispatch("INTERACTION_CREATE", sent.json());
        assertThat(original(sent).get("content").asString()).startsWith("Order " + order.number()
                + " is no longer awaiting payment — it expired before the payment arrived, so nothing was recorded. Run `/shop` to order again.");
        assertThat(backend.paymentState(order.number())).isEqualTo("EXPIRED null");
    }

    @Test
    void paidOnACancelledOrAlreadyPaidOrderSaysSo() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "cal");
        TestBackend.PlacedOrder cancelled = backend.placeVenmoOrder(userId, "cal", pin);
        backend.cancelOrder(cancelled.number());
        TestBackend.PlacedOrder paid = backend.placeVenmoOrder(userId, "cal", pin);
        backend.confirmPayment(paid);

        var onCancelled = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", cancelled.number(), "reference", "x1"),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", onCancelled.json());
        assertThat(original(onCancelled).get("content").asString())
                .startsWith("Order " + cancelled.number() + " is no longer awaiting payment — it was cancelled")
                .contains("`/shop`");

        var onPaid = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", paid.number(), "reference", "x2"),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", onPaid.json());
        assertThat(original(onPaid).get("content").asString()).startsWith("Order " + paid.number() + " is already paid");
        assertThat(backend.paymentState(paid.number())).startsWith("CONFIRMED");
    }

    @Test
    void paidWithABlankReferenceAsksForOne() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "bea");
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(userId, "bea", pin);
        var sent = Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", order.number(), "reference", "   "),
                GUILD, SHOP_CHANNEL, user, List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        assertThat(original(sent).get("content").asString()).startsWith("Please give the reference of your payment");
        assertThat(backend.paymentState(order.number())).isEqualTo("AWAITING null");
    }

    @Test
    void theOrderCommandsInAnotherChannelPointToTheShopChannel() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "otto");
        TestBackend.PlacedOrder order = backend.placeVenmoOrder(userId, "otto", pin);
        List<Interactions.Sent> sent = new ArrayList<>();
        sent.add(Interactions.slashWithOptionsInGuild(discord, "paid", Map.of("number", order.number(), "reference", "r-1"),
                GUILD, OTHER_CHANNEL, user, List.of()));
        sent.add(Interactions.slashWithOptionsInGuild(discord, "order", Map.of("number", order.number()), GUILD, OTHER_CHANNEL, user, List.of()));
        sent.add(Interactions.slashInGuild(discord, "orders", GUILD, OTHER_CHANNEL, user, List.of()));
        for (Interactions.Sent one : sent) {
            discord.dispatch("INTERACTION_CREATE", one.json());
            JsonNode callback = callback(one);
            assertThat(callback.get("type").asInt()).isEqualTo(4);
            assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
            assertThat(callback.at("/data/content").asString()).contains("<#" + SHOP_CHANNEL + ">", "in a DM with me");
            assertThat(discord.requests(r -> r.path().contains(one.token() + "/messages"))).isEmpty();
        }
        assertThat(backend.paymentState(order.number())).isEqualTo("AWAITING null");
    }

    @Test
    void withTheBackendDownTheOrderCommandsAnswerClearly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FakeDiscord downDiscord = new FakeDiscord();
             RunningBot downBot = RunningBot.start(downDiscord, "http://127.0.0.1:" + closedPort + "/graphql", "unused-token")) {
            await().atMost(Duration.ofSeconds(30)).until(downDiscord::gatewayReady);
            long userId = downDiscord.nextId();
            String user = Interactions.user(userId, "dora");
            List<Interactions.Sent> sent = List.of(
                    Interactions.slashInGuild(downDiscord, "orders", GUILD, SHOP_CHANNEL, user, List.of()),
                    Interactions.slashWithOptionsInGuild(downDiscord, "order", Map.of("number", "LL-1"), GUILD, SHOP_CHANNEL, user, List.of()),
                    Interactions.slashWithOptionsInDm(downDiscord, "paid", Map.of("number", "LL-1", "reference", "r"), userId, user));
            for (Interactions.Sent one : sent) {
                downDiscord.dispatch("INTERACTION_CREATE", one.json());
                JsonNode reply = await().atMost(Duration.ofSeconds(30))
                        .until(() -> downDiscord.requests(r -> r.method().equals("PATCH") && r.path().equals(originalPath(one))), l -> !l.isEmpty())
                        .getFirst().json();
                assertThat(reply.get("content").asString()).isEqualTo(Replies.BACKEND_DOWN);
            }
            assertThat(downDiscord.specViolations()).isEmpty();
        }
    }

    private static JsonNode callback(Interactions.Sent sent) {
        return Answers.callback(discord, sent);
    }

    private static JsonNode original(Interactions.Sent sent) {
        return Answers.original(discord, sent);
    }
}
