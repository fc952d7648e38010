package app.ledgerline.catalog;

import app.ledgerline.platform.Money;
import java.time.Instant;
import java.util.List;

public record Product(
        long id,
        String sku,
        String name,
        String description,
        long priceMinor,
        String currency,
        ProductKind kind,
        boolean trackInventory,
        List<String> requiredRoleIds,
        List<String> grantedRoleIds,
        Integer weightGrams,
        Integer lengthMm,
        Integer widthMm,
        Integer heightMm,
        String imageUrl,
        int lowStockThreshold,
        Integer perCustomerLimit,
        Instant archivedAt,
        Instant createdAt,
        Instant updatedAt) {

    public Money price() {
        return new Money(priceMinor, currency);
    }

    public boolean archived() {
        return archivedAt != null;
    }

    /** Empty required roles: everyone; otherwise any one of them. */
    public boolean allowedFor(List<String> roleIds) {
        return requiredRoleIds.isEmpty() || requiredRoleIds.stream().anyMatch(roleIds::contains);
    }
}
