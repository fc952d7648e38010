package app.ledgerline.bot.browse;

import static app.ledgerline.bot.support.RunningBot.GUILD;
import static app.ledgerline.bot.support.RunningBot.OTHER_CHANNEL;
import static app.ledgerline.bot.support.RunningBot.SHOP_CHANNEL;
import static app.ledgerline.bot.support.Answers.optionValues;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.bot.support.Answers;
import app.ledgerline.bot.support.BotScenario;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.Interactions;
import app.ledgerline.bot.support.RunningBot;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /shop} end to end: the real bot (Spring + Discord4J) against the fake Discord and the real backend on
 * PostgreSQL. Every REST request the bot makes is checked against Discord's OpenAPI spec.
 */
class ShopScenarioTest extends BotScenario {

    static final String VIP_ROLE = "1100000000000000010";

    static String tee;
    static String soldOut;
    static String vipPass;

    @BeforeAll
    static void start() {
        startBot();
        tee = backend.createProduct("SHOP-TEE", "Shop Tee", 2500, "PHYSICAL", List.of(), 5);
        soldOut = backend.createProduct("SHOP-MUG", "Sold-out Mug", 1200, "PHYSICAL", List.of(), 0);
        vipPass = backend.createProduct("SHOP-VIP", "VIP Pass", 999, "DIGITAL", List.of(VIP_ROLE), 3);
    }

    @Test
    void registersTheGlobalCommandsForGuildsAndDms() {
        List<FakeDiscord.Recorded> puts = discord.requests(r -> r.method().equals("PUT")
                && r.path().equals("/api/v10/applications/" + FakeDiscord.APPLICATION_ID + "/commands"));
        assertThat(puts).hasSize(1);
        Set<String> names = new TreeSet<>();
        for (JsonNode command : puts.getFirst().json()) {
            names.add(command.get("name").asString());
            assertThat(command.get("integration_types").toString()).isEqualTo("[0,1]");
            assertThat(command.get("contexts").toString()).isEqualTo("[0,1,2]");
        }
        assertThat(names).containsExactly("address", "help", "order", "orders", "paid", "shop");
    }

    @Test
    void shopInTheShopChannelShowsTheVisibleProductsPrivately() {
        long userId = discord.nextId();
        var sent = Interactions.slashInGuild(discord, "shop", GUILD, SHOP_CHANNEL, Interactions.user(userId, "ann"), List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());

        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(5);
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        JsonNode reply = original(sent);
        String content = reply.get("content").asString();
        assertThat(content).contains("Shop Tee", "$25.00", "5 in stock", "Sold\\-out Mug", "out of stock")
                .doesNotContain("VIP Pass");
        JsonNode menu = reply.at("/components/0/components/0");
        assertThat(menu.get("type").asInt()).isEqualTo(3);
        assertThat(menu.get("custom_id").asString()).isEqualTo("shop:pick:0");
        assertThat(optionValues(menu)).contains(tee).doesNotContain(soldOut, vipPass);
        // The roles came with the interaction: no member lookup.
        assertThat(discord.requests(r -> r.path().contains("/members/" + userId))).isEmpty();
    }

    @Test
    void aRestrictedProductIsVisibleOnlyWithItsRole() {
        var withRole = Interactions.slashInGuild(discord, "shop", GUILD, SHOP_CHANNEL,
                Interactions.user(discord.nextId(), "vip"), List.of(VIP_ROLE));
        discord.dispatch("INTERACTION_CREATE", withRole.json());
        JsonNode reply = original(withRole);
        assertThat(reply.get("content").asString()).contains("VIP Pass", "$9.99");
        assertThat(optionValues(reply.at("/components/0/components/0"))).contains(tee, vipPass);
    }

    @Test
    void shopInAnotherChannelPointsToTheShopChannel() {
        var sent = Interactions.slashInGuild(discord, "shop", GUILD, OTHER_CHANNEL, Interactions.user(discord.nextId(), "bob"), List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        assertThat(callback.at("/data/content").asString()).contains("<#" + SHOP_CHANNEL + ">");
        assertThat(discord.requests(r -> r.path().contains(sent.token() + "/messages"))).isEmpty();
    }

    @Test
    void shopInADmLooksTheRolesUpInTheShopGuildAndRepliesNormally() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "dee");
        discord.addMember(GUILD, user, List.of(VIP_ROLE));
        var sent = Interactions.slashInDm(discord, "shop", userId, user);
        discord.dispatch("INTERACTION_CREATE", sent.json());

        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(5);
        assertThat(callback.at("/data/flags").asInt(0) & 64).isZero();
        JsonNode reply = original(sent);
        assertThat(reply.get("content").asString()).contains("VIP Pass", "Shop Tee");
        assertThat(discord.requests(r -> r.method().equals("GET") && r.path().equals("/api/v10/guilds/" + GUILD + "/members/" + userId)))
                .hasSize(1);
    }

    @Test
    void aDmUserWhoIsNotAMemberSeesOnlyUnrestrictedProducts() {
        long userId = discord.nextId();
        var sent = Interactions.slashInDm(discord, "shop", userId, Interactions.user(userId, "eve"));
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode reply = original(sent);
        assertThat(reply.get("content").asString()).contains("Shop Tee").doesNotContain("VIP Pass");
    }

    @Test
    void choosingAProductShowsItsDetailsInPlace() {
        var sent = Interactions.selectInGuild(discord, "shop:pick:0", List.of(tee), GUILD, SHOP_CHANNEL,
                Interactions.user(discord.nextId(), "fay"), List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        assertThat(callback(sent).get("type").asInt()).isEqualTo(6);
        JsonNode reply = original(sent);
        assertThat(reply.get("content").asString()).contains("Shop Tee", "$25.00", "The Shop Tee.");
        JsonNode quantities = reply.at("/components/0/components/0");
        assertThat(quantities.get("custom_id").asString()).isEqualTo("cart:add:" + tee + ":0");
        assertThat(optionValues(quantities)).containsExactly("1", "2", "3", "4", "5");
        assertThat(reply.at("/components/1/components/0/custom_id").asString()).isEqualTo("shop:page:0");
    }

    @Test
    void helpAnswersAtOnce() {
        var sent = Interactions.slashInGuild(discord, "help", GUILD, OTHER_CHANNEL, Interactions.user(discord.nextId(), "gus"), List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        JsonNode callback = callback(sent);
        assertThat(callback.get("type").asInt()).isEqualTo(4);
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        assertThat(callback.at("/data/content").asString()).contains("/shop", "<#" + SHOP_CHANNEL + ">");
    }

    private static JsonNode callback(Interactions.Sent sent) {
        return Answers.callback(discord, sent);
    }

    private static JsonNode original(Interactions.Sent sent) {
        return Answers.original(discord, sent);
    }
}
