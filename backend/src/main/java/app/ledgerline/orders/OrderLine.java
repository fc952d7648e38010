package app.ledgerline.orders;

import app.ledgerline.catalog.ProductKind;
import app.ledgerline.platform.Money;
import java.util.List;

/** A snapshot of what was bought, at the price it was bought for. */
public record OrderLine(long orderId, long productId, String sku, String name, ProductKind kind, long unitPriceMinor,
                        int quantity, String currency, List<String> grantedRoleIds) {

    public Money unitPrice() {
        return new Money(unitPriceMinor, currency);
    }

    public Money lineTotal() {
        return new Money(Math.multiplyExact(unitPriceMinor, quantity), currency);
    }
}
