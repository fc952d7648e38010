package app.ledgerline.bot.checkout;

import static app.ledgerline.bot.support.Answers.callback;
import static app.ledgerline.bot.support.Answers.component;
import static app.ledgerline.bot.support.Answers.customId;
import static app.ledgerline.bot.support.Answers.original;
import static app.ledgerline.bot.support.RunningBot.GUILD;
import static app.ledgerline.bot.support.RunningBot.SHOP_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.bot.support.BotScenario;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.Interactions;
import app.ledgerline.bot.support.Interactions.Actor;
import app.ledgerline.bot.support.RunningBot;
import app.ledgerline.bot.support.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Buying in Discord end to end: the real bot against the fake Discord and the real backend on PostgreSQL, through
 * the same buttons, menus and forms a customer uses. Every REST request is checked against Discord's OpenAPI spec.
 */
class CheckoutScenarioTest extends BotScenario {

    static final String MEMBER_ROLE = "1100000000000000020";

    static String hoodie;
    static String lastLamp;
    static String memberPass;
    static String secretItem;
    static String poster;

    @BeforeAll
    static void start() {
        startBot();
        backend.enableVenmo();
        backend.createCodeDiscount("CHECKOUT10", 10);
        hoodie = backend.createProduct("CO-HOODIE", "Checkout Hoodie", 4000, "PHYSICAL", List.of(), 20);
        lastLamp = backend.createProduct("CO-LAMP", "Last Lamp", 3000, "PHYSICAL", List.of(), 1);
        memberPass = backend.createRoleProduct("CO-PASS", "Member Pass", 500, MEMBER_ROLE, 50);
        poster = backend.createProduct("CO-POSTER", "Price Poster", 1000, "DIGITAL", List.of(), 10);
        secretItem = backend.createProduct("CO-SECRET", "Secret Item", 100, "PHYSICAL", List.of(MEMBER_ROLE), 5);
    }

    @Test
    void aFullPurchaseOfAPhysicalProductInTheShopChannel() {
        long userId = discord.nextId();
        Actor ann = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(userId, "ann"), List.of());

        // Browse and choose the hoodie: its details offer quantities.
        JsonNode details = answer(Interactions.select(discord, ann, "shop:pick:0", List.of(hoodie)));
        assertThat(details.get("content").asString()).contains("Checkout Hoodie", "$40.00");
        JsonNode quantities = component(details, "cart:add:" + hoodie + ":0");
        assertThat(quantities.path("options").size()).isEqualTo(20);

        // Two in the cart.
        JsonNode cart = answer(Interactions.select(discord, ann, "cart:add:" + hoodie + ":0", List.of("2")));
        assertThat(cart.get("content").asString()).contains("Your cart", "2 × Checkout Hoodie", "$80.00", "Total: $80.00");
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());

        // A discount code, through its form.
        var openCode = Interactions.button(discord, ann, "cart:code:" + cartId);
        discord.dispatch("INTERACTION_CREATE", openCode.json());
        JsonNode codeForm = callback(discord, openCode);
        assertThat(codeForm.get("type").asInt()).isEqualTo(9);
        assertThat(codeForm.at("/data/custom_id").asString()).isEqualTo("cart:codemodal:" + cartId);
        JsonNode withCode = answer(Interactions.modal(discord, ann, "cart:codemodal:" + cartId, Map.of("code", "checkout10")));
        assertThat(withCode.get("content").asString()).contains("CHECKOUT10", "−$8.00", "Total: $72.00");

        // Check out: no saved address yet, so the address form.
        JsonNode shipping = answer(Interactions.button(discord, ann, "cart:checkout:" + cartId));
        assertThat(shipping.get("content").asString()).contains("Where should we ship");
        var openAddress = Interactions.button(discord, ann, "cart:newaddress:" + cartId);
        discord.dispatch("INTERACTION_CREATE", openAddress.json());
        JsonNode addressForm = callback(discord, openAddress);
        assertThat(addressForm.get("type").asInt()).isEqualTo(9);
        assertThat(addressForm.at("/data/components").size()).isEqualTo(5);

        // A wrong postal code is explained, and nothing moves on.
        JsonNode refused = answer(Interactions.modal(discord, ann, "cart:addressmodal:" + cartId, Map.of(
                "name", "Ann Lee", "street", "1 Main St\nApt 4", "city", "Springfield, IL", "postal", "ABC", "country", "US")));
        assertThat(refused.get("content").asString()).contains("needs a fix", "postal code is not a valid postal code for US");

        JsonNode payment = answer(Interactions.modal(discord, ann, "cart:addressmodal:" + cartId, Map.of(
                "name", "Ann Lee", "street", "1 Main St\nApt 4", "city", "Springfield, IL", "postal", "62701", "country", "us")));
        assertThat(payment.get("content").asString()).contains("How would you like to pay?", "$72.00");
        assertThat(customId(payment, "cart:paywith:" + cartId + ":VENMO")).isNotNull();

        JsonNode summary = answer(Interactions.button(discord, ann, "cart:paywith:" + cartId + ":VENMO"));
        assertThat(summary.get("content").asString()).contains("Review your order", "2 × Checkout Hoodie", "CHECKOUT10",
                "Total: $72.00", "Ann Lee, 1 Main St, Apt 4, Springfield IL 62701, US", "Venmo");

        int before = backend.available(hoodie);
        JsonNode placed = answer(Interactions.button(discord, ann, "cart:place:" + cartId));
        String content = placed.get("content").asString();
        assertThat(content).contains("is placed", "$72.00", "Send exactly $72.00 on Venmo to @ledgerline-test", "/paid");
        String number = content.replaceAll("(?s).*Order (\\S+) is placed.*", "$1");

        Map<?, ?> order = backend.order(number);
        assertThat(order.get("status")).isEqualTo("PENDING");
        assertThat(order.get("paymentMethod")).isEqualTo("VENMO");
        assertThat(order.get("placedVia")).isEqualTo("GUILD");
        assertThat(order.get("channelId")).isEqualTo(Long.toString(SHOP_CHANNEL));
        assertThat(((Map<?, ?>) order.get("customer")).get("discordUserId")).isEqualTo(Long.toString(userId));
        assertThat(((Map<?, ?>) order.get("discount")).get("code")).isEqualTo("CHECKOUT10");
        assertThat((Map<String, Object>) order.get("shippingAddress")).containsEntry("line1", "1 Main St")
                .containsEntry("line2", "Apt 4").containsEntry("city", "Springfield").containsEntry("region", "IL")
                .containsEntry("postalCode", "62701").containsEntry("country", "US");
        assertThat(backend.available(hoodie)).isEqualTo(before - 2);

        // Pressing "Place order" again places nothing more.
        JsonNode again = answer(Interactions.button(discord, ann, "cart:place:" + cartId));
        assertThat(again.get("content").asString()).contains("already placed as order **" + number + "**");
        assertThat(backend.available(hoodie)).isEqualTo(before - 2);

        // The next checkout offers the saved address first.
        JsonNode nextCart = answer(Interactions.select(discord, ann, "cart:add:" + hoodie + ":0", List.of("1")));
        String nextId = customId(nextCart, "cart:checkout:").substring("cart:checkout:".length());
        assertThat(nextId).isNotEqualTo(cartId);
        JsonNode nextShipping = answer(Interactions.button(discord, ann, "cart:checkout:" + nextId));
        assertThat(nextShipping.get("content").asString()).contains("Ann Lee, 1 Main St, Apt 4, Springfield IL 62701, US", "default");
        assertThat(customId(nextShipping, "cart:shipto:" + nextId + ":")).isNotNull();
        JsonNode nextPayment = answer(Interactions.button(discord, ann, customId(nextShipping, "cart:shipto:" + nextId + ":")));
        assertThat(nextPayment.get("content").asString()).contains("How would you like to pay?", "$40.00");
    }

    @Test
    void aDigitalRoleProductBoughtInADm() {
        long userId = discord.nextId();
        String user = Interactions.user(userId, "dan");
        Actor dan = Actor.inDm(discord.nextId(), user);

        var shop = Interactions.slashInDm(discord, "shop", userId, user);
        discord.dispatch("INTERACTION_CREATE", shop.json());
        assertThat(callback(discord, shop).at("/data/flags").asInt(0) & 64).isZero();
        assertThat(original(discord, shop).get("content").asString()).contains("Member Pass").doesNotContain("Secret Item");

        JsonNode cart = answer(Interactions.select(discord, dan, "cart:add:" + memberPass + ":0", List.of("1")));
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());
        // Nothing ships: straight to the payment method.
        JsonNode payment = answer(Interactions.button(discord, dan, "cart:checkout:" + cartId));
        assertThat(payment.get("content").asString()).contains("How would you like to pay?", "$5.00");
        JsonNode summary = answer(Interactions.button(discord, dan, "cart:paywith:" + cartId + ":VENMO"));
        assertThat(summary.get("content").asString()).contains("1 × Member Pass").doesNotContain("Ship to");
        JsonNode placed = answer(Interactions.button(discord, dan, "cart:place:" + cartId));
        String number = placed.get("content").asString().replaceAll("(?s).*Order (\\S+) is placed.*", "$1");

        Map<?, ?> order = backend.order(number);
        assertThat(order.get("placedVia")).isEqualTo("DM");
        assertThat(order.get("shippingAddress")).isNull();
        assertThat(((Map<?, ?>) order.get("customer")).get("discordUserId")).isEqualTo(Long.toString(userId));

        // The shop confirms the payment: the bot grants the role and tells the customer.
        backend.confirmPayment(new TestBackend.PlacedOrder(number, 500));
        String rolePath = "/api/v10/guilds/" + GUILD + "/members/" + userId + "/roles/" + MEMBER_ROLE;
        await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.requests(r -> r.method().equals("PUT") && r.path().equals(rolePath)), list -> !list.isEmpty());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.dmsTo(userId), dms -> dms.stream().anyMatch(dm -> dm.contains(number) && dm.toLowerCase().contains("payment")));
    }

    @Test
    void aRestrictedProductCannotBeAddedWithoutTheRole() {
        Actor eve = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "eve"), List.of());
        // An old or forged menu naming the restricted product: the catalog is read again and it is not there.
        JsonNode answer = answer(Interactions.select(discord, eve, "cart:add:" + secretItem + ":0", List.of("1")));
        assertThat(answer.get("content").asString()).contains("no longer available").doesNotContain("Secret Item");

        Actor member = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "meg"), List.of(MEMBER_ROLE));
        JsonNode cart = answer(Interactions.select(discord, member, "cart:add:" + secretItem + ":0", List.of("1")));
        assertThat(cart.get("content").asString()).contains("1 × Secret Item");
    }

    @Test
    void theLastUnitSellsOutWhileTheCustomerIsCheckingOut() {
        long userId = discord.nextId();
        Actor otto = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(userId, "otto"), List.of());
        JsonNode cart = answer(Interactions.select(discord, otto, "cart:add:" + lastLamp + ":0", List.of("1")));
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());
        answer(Interactions.button(discord, otto, "cart:checkout:" + cartId));
        answer(Interactions.modal(discord, otto, "cart:addressmodal:" + cartId, Map.of(
                "name", "Otto Li", "street", "5 Elm Rd", "city", "Portland, OR", "postal", "97201", "country", "US")));
        JsonNode summary = answer(Interactions.button(discord, otto, "cart:paywith:" + cartId + ":VENMO"));
        assertThat(summary.get("content").asString()).contains("Review your order", "Last Lamp");

        // Someone else buys the last lamp first.
        backend.placeVenmoOrder(discord.nextId(), "quick", lastLamp);
        assertThat(backend.available(lastLamp)).isZero();

        JsonNode refused = answer(Interactions.button(discord, otto, "cart:place:" + cartId));
        assertThat(refused.get("content").asString()).contains("was not placed", "Last Lamp", "out of stock",
                "Nothing was reserved or charged");
        assertThat(component(refused, "cart:checkout:" + cartId).path("disabled").asBoolean()).isTrue();
        assertThat(backend.available(lastLamp)).isZero();
    }

    @Test
    void aPriceChangeAfterTheSummaryIsShownBeforeAnythingIsPlaced() {
        long userId = discord.nextId();
        Actor pia = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(userId, "pia"), List.of());
        JsonNode cart = answer(Interactions.select(discord, pia, "cart:add:" + poster + ":0", List.of("2")));
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());
        answer(Interactions.button(discord, pia, "cart:checkout:" + cartId));
        JsonNode summary = answer(Interactions.button(discord, pia, "cart:paywith:" + cartId + ":VENMO"));
        assertThat(summary.get("content").asString()).contains("Total: $20.00");

        backend.changePrice(poster, "CO-POSTER", "Price Poster", "DIGITAL", 1250);
        JsonNode changed = answer(Interactions.button(discord, pia, "cart:place:" + cartId));
        assertThat(changed.get("content").asString()).contains("The total changed", "Review your order", "Total: $25.00");
        assertThat(backend.available(poster)).isEqualTo(10);

        JsonNode placed = answer(Interactions.button(discord, pia, "cart:place:" + cartId));
        assertThat(placed.get("content").asString()).contains("is placed", "$25.00");
        assertThat(backend.available(poster)).isEqualTo(8);
    }

    @Test
    void whenTheShopIsTooBusyNothingIsPlacedAndPressingAgainLaterPlacesTheOrder() throws Exception {
        String giftCard = backend.createProduct("CO-GIFT", "Gift Card", 2500, "DIGITAL", List.of(), 5);
        String rush = backend.createProduct("CO-RUSH", "Rush Item", 100, "DIGITAL", List.of(), 50);
        Actor uma = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "uma"), List.of());
        JsonNode cart = answer(Interactions.select(discord, uma, "cart:add:" + giftCard + ":0", List.of("1")));
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());
        answer(Interactions.button(discord, uma, "cart:checkout:" + cartId));
        JsonNode summary = answer(Interactions.button(discord, uma, "cart:paywith:" + cartId + ":VENMO"));
        assertThat(summary.get("content").asString()).contains("Review your order", "Gift Card");

        try (AutoCloseable rushHour = backend.holdAllPlacements(rush)) {
            JsonNode busy = answer(Interactions.button(discord, uma, "cart:place:" + cartId));
            assertThat(busy.get("content").asString()).contains("very busy", "not placed yet", "Place order", "Gift Card");
            assertThat(component(busy, "cart:place:" + cartId).path("disabled").asBoolean()).isFalse();
            assertThat(backend.available(giftCard)).isEqualTo(5);
        }

        JsonNode placed = answer(Interactions.button(discord, uma, "cart:place:" + cartId));
        assertThat(placed.get("content").asString()).contains("is placed", "$25.00");
        assertThat(backend.available(giftCard)).isEqualTo(4);
    }

    @Test
    void aCartHoldsAtMostTwentyFiveProducts() {
        Actor kim = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "kim"), List.of());
        List<String> products = new java.util.ArrayList<>();
        for (int i = 0; i < 26; i++) {
            products.add(backend.createProduct("CO-MANY-" + i, "Sticker " + i, 100, "DIGITAL", List.of(), 5));
        }
        JsonNode cart = null;
        for (int i = 0; i < 25; i++) {
            cart = answer(Interactions.select(discord, kim, "cart:add:" + products.get(i) + ":0", List.of("1")));
        }
        assertThat(cart.get("content").asString()).contains("Total: $25.00");
        JsonNode full = answer(Interactions.select(discord, kim, "cart:add:" + products.get(25) + ":0", List.of("1")));
        assertThat(full.get("content").asString()).contains("at most 25 different products", "Total: $25.00")
                .doesNotContain("Sticker 25");
        // Changing the quantity of a product already in the cart still works.
        JsonNode changed = answer(Interactions.select(discord, kim, "cart:add:" + products.get(0) + ":0", List.of("3")));
        assertThat(changed.get("content").asString()).contains("3 × Sticker 0", "Total: $27.00");
    }

    @Test
    void aButtonOfAnOldCartSaysTheCartIsGone() {
        Actor pat = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "pat"), List.of());
        JsonNode cart = answer(Interactions.select(discord, pat, "cart:add:" + hoodie + ":0", List.of("1")));
        String cartId = customId(cart, "cart:checkout:").substring("cart:checkout:".length());
        JsonNode emptied = answer(Interactions.button(discord, pat, "cart:empty:" + cartId));
        assertThat(emptied.get("content").asString()).contains("Your cart is empty");

        JsonNode stale = answer(Interactions.button(discord, pat, "cart:checkout:" + cartId));
        assertThat(stale.get("content").asString()).contains("This cart is no longer open", "/shop");
        assertThat(stale.path("components").size()).isZero();
    }

    @Test
    void addressShowsAndChangesTheSavedAddress() {
        long userId = discord.nextId();
        Actor rae = Actor.inGuild(GUILD, SHOP_CHANNEL, Interactions.user(userId, "rae"), List.of());
        var command = Interactions.slashInGuild(discord, "address", GUILD, SHOP_CHANNEL, Interactions.user(userId, "rae"), List.of());
        discord.dispatch("INTERACTION_CREATE", command.json());
        assertThat(callback(discord, command).at("/data/flags").asInt()).isEqualTo(64);
        JsonNode none = original(discord, command);
        assertThat(none.get("content").asString()).contains("no saved shipping address");

        var open = Interactions.button(discord, rae, "addr:edit");
        discord.dispatch("INTERACTION_CREATE", open.json());
        assertThat(callback(discord, open).get("type").asInt()).isEqualTo(9);

        JsonNode saved = answer(Interactions.modal(discord, rae, "addr:save", Map.of(
                "name", "Rae Kim", "street", "9 Oak Ave", "city", "Toronto, ON", "postal", "M5V 2T6", "country", "CA")));
        assertThat(saved.get("content").asString()).contains("Saved", "Rae Kim, 9 Oak Ave, Toronto ON M5V 2T6, CA");

        // The form opens filled in with the saved address.
        var reopen = Interactions.button(discord, rae, "addr:edit");
        discord.dispatch("INTERACTION_CREATE", reopen.json());
        JsonNode form = callback(discord, reopen);
        assertThat(form.at("/data/components/0/components/0/value").asString()).isEqualTo("Rae Kim");
        assertThat(form.at("/data/components/2/components/0/value").asString()).isEqualTo("Toronto, ON");
    }

    /** Sends the interaction, checks it was acknowledged as an update of its message, and returns the new message. */
    private static JsonNode answer(Interactions.Sent sent) {
        discord.dispatch("INTERACTION_CREATE", sent.json());
        assertThat(callback(discord, sent).get("type").asInt()).isEqualTo(6);
        return original(discord, sent);
    }
}
