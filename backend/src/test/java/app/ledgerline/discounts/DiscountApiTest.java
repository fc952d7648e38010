package app.ledgerline.discounts;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.line;
import static app.ledgerline.support.Api.order;
import static app.ledgerline.support.Api.problemCodes;
import static app.ledgerline.support.Api.shopper;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscountApiTest extends ApiTestBase {

    private static final String CREATE = "mutation($input: DiscountInput!) { createDiscount(input: $input) { discount { id code uses active } " + PROBLEMS + " } }";
    private static final String QUOTE = "query($input: QuoteInput!) { quote(input: $input) { quote { total { amountMinor } discount { id name code amount { amountMinor } } } " + PROBLEMS + " } }";

    private String createDiscount(Map<String, Object> input) {
        return api.admin().document(CREATE).variable("input", input).execute()
                .path("createDiscount.problems").entityList(Object.class).hasSize(0)
                .path("createDiscount.discount.id").entity(String.class).get();
    }

    private static Map<String, Object> percent(String name, int percent, String code) {
        var input = new HashMap<String, Object>(Map.of("name", name, "kind", "PERCENTAGE", "percentOff", percent));
        if (code != null) {
            input.put("code", code);
        }
        return input;
    }

    private static Map<String, Object> fixed(String name, long amount, String code) {
        var input = new HashMap<String, Object>(Map.of("name", name, "kind", "FIXED_AMOUNT", "amountOffMinor", amount));
        if (code != null) {
            input.put("code", code);
        }
        return input;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> quote(Map<String, Object> shopper, String productId, int quantity, String code) {
        var input = new HashMap<String, Object>(Map.of("shopper", shopper, "lines", List.of(line(productId, quantity))));
        if (code != null) {
            input.put("discountCode", code);
        }
        return (Map<String, Object>) api.bot().document(QUOTE).variable("input", input).execute().path("quote").entity(Map.class).get();
    }

    private static Map<?, ?> applied(Map<?, ?> quote) {
        return (Map<?, ?>) ((Map<?, ?>) quote.get("quote")).get("discount");
    }

    private static long amount(Map<?, ?> applied) {
        return ((Number) ((Map<?, ?>) applied.get("amount")).get("amountMinor")).longValue();
    }

    private static Map<String, Object> withCode(Map<String, Object> order, String code) {
        order.put("discountCode", code);
        return order;
    }

    private static String code(String prefix) {
        return prefix + Api.unique();
    }

    private static List<String> only(String productId) {
        return List.of(productId);
    }

    @Test
    void theBestOfCodeAndScopedAutomaticDiscountsIsApplied() {
        String product = api.physicalProduct(10_000, 10);
        var autoInput = percent("Store-wide 10%", 10, null);
        autoInput.put("productIds", only(product));
        String automatic = createDiscount(autoInput);
        String twenty = code("TWENTY");
        createDiscount(fixed("$20 off", 2_000, twenty));
        String five = code("FIVE");
        createDiscount(fixed("$5 off", 500, five));

        Map<?, ?> withoutCode = applied(quote(shopper(), product, 1, null));
        assertThat(withoutCode.get("id")).isEqualTo(automatic);
        assertThat(amount(withoutCode)).isEqualTo(1_000);

        Map<?, ?> better = applied(quote(shopper(), product, 1, twenty.toLowerCase()));
        assertThat(better.get("code")).isEqualTo(twenty);
        assertThat(amount(better)).isEqualTo(2_000);

        Map<?, ?> worse = applied(quote(shopper(), product, 1, five));
        assertThat(worse.get("id")).isEqualTo(automatic);

        var placed = api.placeOk(withCode(order(shopper(), List.of(line(product, 1))), twenty));
        assertThat(((Map<?, ?>) placed.get("total")).get("amountMinor")).isEqualTo(10_000 - 2_000 + 500);
        assertThat(((Map<?, ?>) placed.get("discount")).get("code")).isEqualTo(twenty);
    }

    @Test
    void unusableCodesSayWhy() {
        String product = api.physicalProduct(1_000, 10);
        String other = api.physicalProduct(1_000, 10);
        String expired = code("OLD");
        var expiredInput = percent("Expired", 10, expired);
        expiredInput.put("startsAt", Instant.now().minusSeconds(7200).toString());
        expiredInput.put("endsAt", Instant.now().minusSeconds(3600).toString());
        createDiscount(expiredInput);
        String personal = code("VIP");
        var personalInput = percent("For one member", 10, personal);
        personalInput.put("customerDiscordIds", List.of("900000000000000001"));
        createDiscount(personalInput);
        String scoped = code("SCOPED");
        var scopedInput = percent("Other product", 10, scoped);
        scopedInput.put("productIds", only(other));
        createDiscount(scopedInput);

        assertThat(problemCodes(quote(shopper(), product, 1, "NOSUCHCODE"))).containsExactly("DISCOUNT_CODE_INVALID");
        assertThat(problemCodes(quote(shopper(), product, 1, expired))).containsExactly("DISCOUNT_CODE_EXPIRED");
        assertThat(problemCodes(quote(shopper(), product, 1, personal))).containsExactly("DISCOUNT_NOT_FOR_CUSTOMER");
        assertThat(problemCodes(quote(shopper(), product, 1, scoped))).containsExactly("DISCOUNT_NOT_APPLICABLE");

        var member = shopper();
        member.put("discordUserId", "900000000000000001");
        assertThat(amount(applied(quote(member, product, 1, personal)))).isEqualTo(100);

        var refused = api.place(withCode(order(shopper(), List.of(line(product, 1))), expired));
        assertThat(problemCodes(refused)).containsExactly("DISCOUNT_CODE_EXPIRED");
        assertThat(api.stock(product)).containsEntry("reserved", 0);
    }

    @Test
    void usesAreCountedOnlyForPlacedOrdersAndLimitsHold() {
        String product = api.physicalProduct(1_000, 20);
        String limited = code("TWICE");
        var input = percent("Twice in all, once each", 50, limited);
        input.put("maxUsesTotal", 2);
        input.put("maxUsesPerCustomer", 1);
        String id = createDiscount(input);
        var alice = shopper();

        quote(alice, product, 1, limited);
        quote(alice, product, 1, limited);
        assertThat(uses(id)).isZero();

        String first = (String) api.placeOk(withCode(order(alice, List.of(line(product, 1))), limited)).get("number");
        assertThat(uses(id)).isEqualTo(1);
        assertThat(problemCodes(api.place(withCode(order(alice, List.of(line(product, 1))), limited))))
                .containsExactly("DISCOUNT_LIMIT_REACHED");

        api.placeOk(withCode(order(shopper(), List.of(line(product, 1))), limited));
        assertThat(problemCodes(api.place(withCode(order(shopper(), List.of(line(product, 1))), limited))))
                .containsExactly("DISCOUNT_LIMIT_REACHED");

        // A cancelled order gives its use back.
        api.admin().document("mutation($n: String!) { cancelOrder(number: $n) { order { status } } }").variable("n", first).execute();
        assertThat(uses(id)).isEqualTo(1);
        api.placeOk(withCode(order(alice, List.of(line(product, 1))), limited));
        assertThat(uses(id)).isEqualTo(2);
    }

    @Test
    void anAutomaticDiscountCreatedChangedOrTurnedOffAppliesFromTheVeryNextOrder() {
        String product = api.physicalProduct(10_000, 10);
        // Priced once first, so the backend has read the automatic discounts as they were before.
        assertThat(applied(quote(shopper(), product, 1, null))).isNull();

        var input = percent("Flash sale", 25, null);
        input.put("productIds", only(product));
        String id = createDiscount(input);
        var first = api.placeOk(order(shopper(), List.of(line(product, 1))));
        assertThat(Api.obj(first.get("discount"))).containsEntry("id", id);
        assertThat(((Map<?, ?>) first.get("total")).get("amountMinor")).isEqualTo(10_000 - 2_500 + 500);

        input.put("percentOff", 40);
        api.admin().document("mutation($id: ID!, $input: DiscountInput!) { updateDiscount(id: $id, input: $input) { " + PROBLEMS + " } }")
                .variable("id", id).variable("input", input).execute()
                .path("updateDiscount.problems").entityList(Object.class).hasSize(0);
        var second = api.placeOk(order(shopper(), List.of(line(product, 1))));
        assertThat(((Map<?, ?>) second.get("total")).get("amountMinor")).isEqualTo(10_000 - 4_000 + 500);

        api.admin().document("mutation($id: ID!) { setDiscountActive(id: $id, active: false) { " + PROBLEMS + " } }")
                .variable("id", id).execute()
                .path("setDiscountActive.problems").entityList(Object.class).hasSize(0);
        var third = api.placeOk(order(shopper(), List.of(line(product, 1))));
        assertThat(third.get("discount")).isNull();
        assertThat(((Map<?, ?>) third.get("total")).get("amountMinor")).isEqualTo(10_000 + 500);
        assertThat(uses(id)).isEqualTo(2);
    }

    @Test
    void anAutomaticDiscountUsedUpIsLeftOutOfTheNextOrderWhichIsStillPlaced() {
        String product = api.physicalProduct(1_000, 10);
        var input = fixed("First two orders", 100, null);
        input.put("productIds", only(product));
        input.put("maxUsesTotal", 2);
        String id = createDiscount(input);

        for (int i = 0; i < 2; i++) {
            var placed = api.placeOk(order(shopper(), List.of(line(product, 1))));
            assertThat(Api.obj(placed.get("discount"))).containsEntry("id", id);
        }
        var third = api.placeOk(order(shopper(), List.of(line(product, 1))));
        assertThat(third.get("discount")).isNull();
        assertThat(uses(id)).isEqualTo(2);
    }

    private long uses(String id) {
        return api.count("select uses from discount where id = :id", Map.of("id", Long.parseLong(id)));
    }

    @Test
    void aCustomerSpecificAutomaticDiscountAppliesOnlyToThatCustomer() {
        String product = api.physicalProduct(2_000, 10);
        var member = shopper();
        var input = fixed("Thank-you credit", 300, null);
        input.put("customerDiscordIds", List.of(member.get("discordUserId")));
        input.put("productIds", only(product));
        createDiscount(input);

        assertThat(amount(applied(quote(member, product, 1, null)))).isEqualTo(300);
        assertThat(applied(quote(shopper(), product, 1, null))).isNull();
    }

    @Test
    void discountInputIsValidatedAndCodesAreUnique() {
        String code = code("DUP");
        createDiscount(percent("First", 10, code));
        api.admin().document(CREATE).variable("input", percent("Second", 10, code.toLowerCase())).execute()
                .path("createDiscount.problems[0].code").entity(String.class).isEqualTo("DUPLICATE");

        var bad = percent("Too much", 150, "BAD CODE!");
        bad.put("amountOffMinor", 100);
        bad.put("startsAt", "2026-02-01T00:00:00Z");
        bad.put("endsAt", "2026-01-01T00:00:00Z");
        var fields = api.admin().document(CREATE).variable("input", bad).execute()
                .path("createDiscount.problems[*].field").entityList(String.class).get();
        assertThat(fields).contains("input.code", "input.percentOff", "input.amountOffMinor", "input.endsAt");
    }

    @Test
    void staffCanSeeButNotConfigureDiscounts() {
        api.staff().document("{ discounts { id } }").execute().path("discounts").entityList(Object.class).get();
        api.staff().document(CREATE).variable("input", percent("Nope", 10, null)).execute()
                .errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).containsExactly("FORBIDDEN"));
    }
}
