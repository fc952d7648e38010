package app.ledgerline.orders;

import app.ledgerline.catalog.ProductKind;
import app.ledgerline.discounts.AppliedDiscount;
import app.ledgerline.platform.Money;
import java.util.List;

/** A priced cart: what the shopper sees before placing, and what the order is written from. */
public record Quote(List<PriceLine> lines, Money subtotal, AppliedDiscount discount, Money shipping, Money total,
                    boolean requiresShipping) {

    public record PriceLine(long productId, String sku, String name, ProductKind kind, Money unitPrice, int quantity,
                            Money lineTotal, boolean trackInventory, List<String> grantedRoleIds) {
    }
}
