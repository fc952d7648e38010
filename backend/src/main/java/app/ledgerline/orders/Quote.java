package app.ledgerline.orders;

import app.ledgerline.catalog.ProductKind;
import app.ledgerline.discounts.AppliedDiscount;
import app.ledgerline.platform.Money;
import java.util.List;

/**
 * A priced cart: what the shopper sees before placing, and what the order is written from.
 *
 * @param perCustomerLimits whether a product's purchase limit or the discount's uses per customer apply: placing it
 *                          must then see the customer's concurrent orders
 */
public record Quote(List<PriceLine> lines, Money subtotal, AppliedDiscount discount, Money shipping, Money total,
                    boolean requiresShipping, boolean perCustomerLimits) {

    public record PriceLine(long productId, String sku, String name, ProductKind kind, Money unitPrice, int quantity,
                            Money lineTotal, boolean trackInventory, List<String> grantedRoleIds) {
    }
}
