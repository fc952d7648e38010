package app.ledgerline.bot.backend;

/** One product of {@code storefrontCatalog}, as the shopper may see it. */
public record CatalogItem(String id, String sku, String name, String description, Money price, String kind,
                          Integer available, boolean inStock, Integer remainingForShopper) {

    public record Money(long amountMinor, String currency, String formatted) {
    }

    /** Whether the shopper can choose it now: in stock and within their purchase limit. */
    public boolean selectable() {
        return inStock && (available == null || available > 0) && (remainingForShopper == null || remainingForShopper > 0);
    }
}
