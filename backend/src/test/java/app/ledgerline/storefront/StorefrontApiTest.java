package app.ledgerline.storefront;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorefrontApiTest extends ApiTestBase {

    private static final String CATALOG = "query($shopper: ShopperInput!) { storefrontCatalog(shopper: $shopper) { id name available inStock remainingForShopper price { amountMinor } } }";
    private static final String QUOTE = """
            query($input: QuoteInput!) { quote(input: $input) { quote { subtotal { amountMinor } shipping { amountMinor }
              total { amountMinor } requiresShipping discount { name amount { amountMinor } }
              lines { productId quantity lineTotal { amountMinor } } } %s } }""".formatted(PROBLEMS);

    @Test
    void catalogShowsOnlyWhatTheShoppersRolesAllowWithAvailability() {
        String open = api.physicalProduct(1500, 4);
        var restrictedInput = Api.product("DIGITAL", 900);
        restrictedInput.put("requiredRoleIds", List.of("700000000000000001"));
        restrictedInput.put("trackInventory", false);
        String restricted = api.createProduct(restrictedInput);
        String archived = api.physicalProduct(100, 1);
        api.admin().document("mutation($id: ID!) { archiveProduct(id: $id) { product { id } } }").variable("id", archived).execute();

        List<Map> forGuest = api.bot().document(CATALOG).variable("shopper", shopper()).execute()
                .path("storefrontCatalog").entityList(Map.class).get();
        assertThat(forGuest).extracting(p -> p.get("id")).contains(open).doesNotContain(restricted, archived);
        Map<?, ?> openSeen = forGuest.stream().filter(p -> p.get("id").equals(open)).findFirst().orElseThrow();
        assertThat(openSeen.get("available")).isEqualTo(4);
        assertThat(openSeen.get("inStock")).isEqualTo(true);

        List<Map> forMember = api.bot().document(CATALOG).variable("shopper", shopper("700000000000000001", "700000000000000009")).execute()
                .path("storefrontCatalog").entityList(Map.class).get();
        Map<?, ?> perk = forMember.stream().filter(p -> p.get("id").equals(restricted)).findFirst().orElseThrow();
        assertThat(perk.get("available")).isNull();
        assertThat(perk.get("inStock")).isEqualTo(true);
    }

    @Test
    void quotePricesTheCartWithShippingWithoutReservingAnything() {
        String hoodie = api.physicalProduct(3000, 5);
        var quote = api.bot().document(QUOTE).variable("input", Map.of("shopper", shopper(), "lines", List.of(line(hoodie, 2))))
                .execute().path("quote").entity(Map.class).get();

        assertThat(problemCodes(quote)).isEmpty();
        Map<?, ?> priced = (Map<?, ?>) quote.get("quote");
        assertThat(((Map<?, ?>) priced.get("subtotal")).get("amountMinor")).isEqualTo(6000);
        assertThat(((Map<?, ?>) priced.get("shipping")).get("amountMinor")).isEqualTo(500);
        assertThat(((Map<?, ?>) priced.get("total")).get("amountMinor")).isEqualTo(6500);
        assertThat(priced.get("requiresShipping")).isEqualTo(true);
        assertThat(api.stock(hoodie)).containsEntry("reserved", 0);
    }

    @Test
    void quoteReportsWhatIsOutOfStock() {
        String scarce = api.physicalProduct(1000, 1);
        var quote = api.bot().document(QUOTE).variable("input", Map.of("shopper", shopper(), "lines", List.of(line(scarce, 2))))
                .execute().path("quote").entity(Map.class).get();
        assertThat(problemCodes(quote)).containsExactly("OUT_OF_STOCK");
    }

    @Test
    void placingAnOrderReservesStockAndRecordsEverythingInOneGo() {
        String hoodie = api.physicalProduct(2500, 5);
        var shopper = shopper("700000000000000002");
        var placed = api.placeOk(order(shopper, List.of(line(hoodie, 2))));

        assertThat((String) placed.get("number")).matches("LL-[0-9]+");
        assertThat(placed.get("status")).isEqualTo("PENDING");
        assertThat(((Map<?, ?>) placed.get("total")).get("amountMinor")).isEqualTo(5500);
        assertThat(placed.get("expiresAt")).isNotNull();
        assertThat(((Map<?, ?>) placed.get("shippingAddress")).get("country")).isEqualTo("US");
        assertThat(((Map<?, ?>) placed.get("customer")).get("discordUserId")).isEqualTo(shopper.get("discordUserId"));
        assertThat((List<?>) placed.get("history")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) placed.get("history")).getFirst()).get("actor")).isEqualTo("discord:" + shopper.get("discordUserId"));
        assertThat(api.stock(hoodie)).containsEntry("on_hand", 5).containsEntry("reserved", 2);

        long orderId = Long.parseLong((String) placed.get("id"));
        assertThat(api.count("select count(*) from stock_movement where order_id = :id and kind = 'RESERVED' and reserved_delta = 2", Map.of("id", orderId))).isEqualTo(1);
        assertThat(api.count("select count(*) from outbox_event where type = 'order.placed' and aggregate_id = :n", Map.of("n", placed.get("number")))).isEqualTo(1);
        assertThat(api.count("select count(*) from alert where kind = 'NEW_ORDER' and order_id = :id", Map.of("id", orderId))).isEqualTo(1);
    }

    @Test
    void invalidInputIsRefusedNamingTheFieldAndWritesNothing() {
        String hoodie = api.physicalProduct(2500, 5);
        var shopper = shopper();

        assertRefused(order(shopper, List.of(line(hoodie, 0))), "input.lines[0].quantity");
        assertRefused(order(shopper, List.of(line(hoodie, 100))), "input.lines[0].quantity");
        assertRefused(order(shopper, List.of(line("99999999999", 1))), "input.lines[0].productId");
        assertRefused(order(shopper, List.of()), "input.lines");

        var longName = new HashMap<>(shopper);
        longName.put("username", "u".repeat(101));
        assertRefused(order(longName, List.of(line(hoodie, 1))), "input.shopper.username");

        var badCountry = order(shopper, List.of(line(hoodie, 1)));
        var address = Api.address();
        address.put("country", "XX");
        badCountry.put("shippingAddress", address);
        assertRefused(badCountry, "input.shippingAddress.country");

        var badPostal = order(shopper, List.of(line(hoodie, 1)));
        var usAddress = Api.address();
        usAddress.put("postalCode", "ABC");
        badPostal.put("shippingAddress", usAddress);
        assertRefused(badPostal, "input.shippingAddress.postalCode");

        assertThat(api.stock(hoodie)).containsEntry("reserved", 0);
        assertThat(api.count("select count(*) from customer where discord_user_id = :id", Map.of("id", shopper.get("discordUserId")))).isZero();
    }

    private void assertRefused(Map<String, Object> input, String field) {
        var payload = api.place(input);
        assertThat(payload.get("order")).isNull();
        assertThat(problemCodes(payload)).contains("INVALID_INPUT");
        List<String> fields = ((List<?>) payload.get("problems")).stream().map(p -> (String) ((Map<?, ?>) p).get("field")).toList();
        assertThat(fields).contains(field);
    }

    @Test
    void aRestrictedProductCannotBeBoughtWithoutTheRole() {
        var input = Api.product("PHYSICAL", 1000);
        input.put("requiredRoleIds", List.of("700000000000000003"));
        String vip = api.createProduct(input);
        api.adjust(vip, 3);

        var payload = api.place(order(shopper("700000000000000004"), List.of(line(vip, 1))));
        assertThat(problemCodes(payload)).containsExactly("NOT_ALLOWED_FOR_ROLES");
        assertThat(api.stock(vip)).containsEntry("reserved", 0);

        api.placeOk(order(shopper("700000000000000003"), List.of(line(vip, 1))));
    }

    @Test
    void physicalProductsNeedAnAddressDigitalOnesDoNot() {
        String hoodie = api.physicalProduct(2500, 5);
        var noAddress = order(shopper(), List.of(line(hoodie, 1)));
        noAddress.remove("shippingAddress");
        assertThat(problemCodes(api.place(noAddress))).containsExactly("SHIPPING_ADDRESS_REQUIRED");

        var perk = Api.product("DIGITAL", 500);
        perk.put("trackInventory", false);
        String perkId = api.createProduct(perk);
        var digital = order(shopper(), List.of(line(perkId, 1)));
        digital.remove("shippingAddress");
        var placed = api.placeOk(digital);
        assertThat(placed.get("shippingAddress")).isNull();
        assertThat(((Map<?, ?>) placed.get("shipping")).get("amountMinor")).isEqualTo(0);
    }

    @Test
    void thePerCustomerLimitCountsEarlierOrders() {
        String limited = api.physicalProduct(1000, 10, Map.of("perCustomerLimit", 2));
        var shopper = shopper();

        api.placeOk(order(shopper, List.of(line(limited, 2))));
        var again = api.place(order(shopper, List.of(line(limited, 1))));
        assertThat(problemCodes(again)).containsExactly("PURCHASE_LIMIT_REACHED");
        assertThat(api.stock(limited)).containsEntry("reserved", 2);

        List<Map> catalog = api.bot().document(CATALOG).variable("shopper", shopper).execute().path("storefrontCatalog").entityList(Map.class).get();
        Map<?, ?> seen = catalog.stream().filter(p -> p.get("id").equals(limited)).findFirst().orElseThrow();
        assertThat(seen.get("remainingForShopper")).isEqualTo(0);
        assertThat(seen.get("inStock")).isEqualTo(false);
    }

    @Test
    void outOfStockNamesTheProductAndKeepsStockUntouched() {
        String scarce = api.physicalProduct(1000, 1);
        String plenty = api.physicalProduct(1000, 50);
        var payload = api.place(order(shopper(), List.of(line(plenty, 3), line(scarce, 2))));

        assertThat(problemCodes(payload)).containsExactly("OUT_OF_STOCK");
        assertThat(((Map<?, ?>) ((List<?>) payload.get("problems")).getFirst()).get("productId")).isEqualTo(scarce);
        assertThat(api.stock(plenty)).containsEntry("reserved", 0);
        assertThat(api.stock(scarce)).containsEntry("reserved", 0);
    }

    @Test
    void everyLineThatCannotBeCoveredIsNamed() {
        String scarce = api.physicalProduct(1000, 1);
        String plenty = api.physicalProduct(1000, 50);
        String gone = api.physicalProduct(1000, 0);
        var payload = api.place(order(shopper(), List.of(line(gone, 1), line(plenty, 3), line(scarce, 2))));

        assertThat(problemCodes(payload)).containsExactly("OUT_OF_STOCK", "OUT_OF_STOCK");
        assertThat(Api.pluck(payload.get("problems"), "productId")).containsExactlyInAnyOrder(scarce, gone);
        assertThat(api.stock(plenty)).containsEntry("reserved", 0);
        assertThat(api.count("select count(*) from stock_movement where product_id = any(:ids)",
                Map.of("ids", new Long[] {Long.parseLong(scarce), Long.parseLong(plenty), Long.parseLong(gone)}))).isEqualTo(2);
    }

    @Test
    void aShopperSeesOnlyTheirOwnOrders() {
        String hoodie = api.physicalProduct(1000, 5);
        var alice = shopper();
        var bob = shopper();
        String number = (String) api.placeOk(order(alice, List.of(line(hoodie, 1)))).get("number");

        String query = "query($s: ShopperInput!, $n: String!) { shopperOrder(shopper: $s, number: $n) { number } }";
        api.bot().document(query).variable("s", alice).variable("n", number).execute().path("shopperOrder.number").entity(String.class).isEqualTo(number);
        api.bot().document(query).variable("s", bob).variable("n", number).execute().path("shopperOrder").valueIsNull();
        api.bot().document("query($s: ShopperInput!) { shopperOrders(shopper: $s) { number } }").variable("s", bob).execute()
                .path("shopperOrders").entityList(Object.class).hasSize(0);
    }

    @Test
    void savedAddressesKeepOneDefault() {
        var shopper = shopper();
        String save = "mutation($s: ShopperInput!, $a: AddressInput!, $d: Boolean) { saveShopperAddress(shopper: $s, address: $a, makeDefault: $d) { address { id isDefault city } " + PROBLEMS + " } }";
        api.bot().document(save).variable("s", shopper).variable("a", Api.address()).variable("d", false).execute()
                .path("saveShopperAddress.address.isDefault").entity(Boolean.class).isEqualTo(true);
        var second = Api.address();
        second.put("city", "Dallas");
        second.put("postalCode", "75201");
        api.bot().document(save).variable("s", shopper).variable("a", second).variable("d", true).execute()
                .path("saveShopperAddress.address.isDefault").entity(Boolean.class).isEqualTo(true);

        api.bot().document("query($s: ShopperInput!) { shopperAddresses(shopper: $s) { city isDefault } }").variable("s", shopper).execute()
                .path("shopperAddresses[0].city").entity(String.class).isEqualTo("Dallas")
                .path("shopperAddresses[1].isDefault").entity(Boolean.class).isEqualTo(false);
    }
}
