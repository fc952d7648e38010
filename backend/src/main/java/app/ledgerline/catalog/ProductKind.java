package app.ledgerline.catalog;

public enum ProductKind {
    /** Shipped to the customer. */
    PHYSICAL,
    /** A Discord perk (roles): nothing to ship. */
    DIGITAL
}
