package app.ledgerline.storefront;

import app.ledgerline.catalog.ProductKind;
import app.ledgerline.platform.Money;

/**
 * A product as one shopper sees it in Discord.
 *
 * @param available           null when the product never runs out
 * @param remainingForShopper null when there is no per-customer limit
 */
public record StorefrontProduct(long id, String sku, String name, String description, Money price, ProductKind kind,
                                String imageUrl, Integer available, Integer remainingForShopper) {

    public boolean inStock() {
        return (available == null || available > 0) && (remainingForShopper == null || remainingForShopper > 0);
    }
}
