package app.ledgerline.discounts;

import app.ledgerline.platform.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

public record DiscountInput(
        String name,
        String code,
        Discount.Kind kind,
        Integer percentOff,
        Long amountOffMinor,
        List<String> customerDiscordIds,
        List<String> productIds,
        Instant startsAt,
        Instant endsAt,
        Integer maxUsesTotal,
        Integer maxUsesPerCustomer) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{3,32}");

    public DiscountInput {
        customerDiscordIds = customerDiscordIds == null ? List.of() : List.copyOf(customerDiscordIds);
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        code = code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
    }

    public List<Long> validate() {
        var v = new Validator().text("input.name", name, 1, 100);
        if (code != null) {
            v.pattern("input.code", code, CODE, "3-32 letters, digits, '_' or '-'");
        }
        v.check(kind != null, "input.kind", "'input.kind' is required");
        if (kind == Discount.Kind.PERCENTAGE) {
            v.range("input.percentOff", percentOff == null ? null : percentOff.longValue(), 1, 100)
                    .check(amountOffMinor == null, "input.amountOffMinor", "'input.amountOffMinor' is only for FIXED_AMOUNT discounts");
        } else if (kind == Discount.Kind.FIXED_AMOUNT) {
            v.range("input.amountOffMinor", amountOffMinor, 1, 100_000_000)
                    .check(percentOff == null, "input.percentOff", "'input.percentOff' is only for PERCENTAGE discounts");
        }
        v.snowflakes("input.customerDiscordIds", customerDiscordIds, 1000)
                .check(productIds.size() <= 1000, "input.productIds", "'input.productIds' may hold at most 1000 ids")
                .check(startsAt == null || endsAt == null || startsAt.isBefore(endsAt), "input.endsAt", "'input.endsAt' must be after 'input.startsAt'")
                .optionalRange("input.maxUsesTotal", maxUsesTotal, 1, 10_000_000)
                .optionalRange("input.maxUsesPerCustomer", maxUsesPerCustomer, 1, 10_000);
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < productIds.size(); i++) {
            String id = productIds.get(i);
            boolean numeric = id != null && id.matches("[0-9]{1,18}");
            v.check(numeric, "input.productIds[" + i + "]", "'input.productIds[" + i + "]' is not a product id");
            if (numeric) {
                ids.add(Long.parseLong(id));
            }
        }
        v.orThrow();
        return ids;
    }
}
