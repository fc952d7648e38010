package app.ledgerline.catalog;

import app.ledgerline.platform.Validator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

public record ProductInput(
        String sku,
        String name,
        String description,
        Long priceMinor,
        ProductKind kind,
        Boolean trackInventory,
        List<String> requiredRoleIds,
        List<String> grantedRoleIds,
        Integer weightGrams,
        Integer lengthMm,
        Integer widthMm,
        Integer heightMm,
        String imageUrl,
        Integer lowStockThreshold,
        Integer perCustomerLimit) {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s]{1,2040}");

    public ProductInput {
        description = Objects.requireNonNullElse(description, "");
        trackInventory = Objects.requireNonNullElse(trackInventory, true);
        requiredRoleIds = requiredRoleIds == null ? List.of() : List.copyOf(requiredRoleIds);
        grantedRoleIds = grantedRoleIds == null ? List.of() : List.copyOf(grantedRoleIds);
        lowStockThreshold = Objects.requireNonNullElse(lowStockThreshold, 0);
    }

    /** Throws INVALID_INPUT problems naming each bad field. */
    public void validate() {
        var v = new Validator()
                .pattern("input.sku", sku, SKU, "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")
                // Discord select menu labels hold at most 100 characters.
                .text("input.name", name, 1, 100)
                .optionalText("input.description", description, 2000)
                .range("input.priceMinor", priceMinor, 0, 100_000_000)
                .check(kind != null, "input.kind", "'input.kind' is required")
                .snowflakes("input.requiredRoleIds", requiredRoleIds, 25)
                .snowflakes("input.grantedRoleIds", grantedRoleIds, 25)
                .optionalRange("input.weightGrams", weightGrams, 1, 1_000_000)
                .optionalRange("input.lengthMm", lengthMm, 1, 10_000)
                .optionalRange("input.widthMm", widthMm, 1, 10_000)
                .optionalRange("input.heightMm", heightMm, 1, 10_000)
                .optionalRange("input.lowStockThreshold", lowStockThreshold, 0, 1_000_000)
                .optionalRange("input.perCustomerLimit", perCustomerLimit, 1, 10_000);
        if (imageUrl != null && !imageUrl.isEmpty()) {
            v.pattern("input.imageUrl", imageUrl, HTTP_URL, "an http(s) URL of at most 2048 characters");
        }
        v.orThrow();
    }
}
