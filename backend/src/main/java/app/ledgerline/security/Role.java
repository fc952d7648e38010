package app.ledgerline.security;

/** Who a caller is. Spring Security authorities are {@code ROLE_<name>}. */
public enum Role {
    /** Runs the shop: everything, including products, discounts and tokens. */
    ADMIN,
    /** Works orders, stock and customers; cannot configure products, discounts or tokens. */
    STAFF,
    /** The Discord bot: storefront operations only, always on behalf of one Discord user. */
    BOT,
    /** A third-party integration: reads the catalog and orders. */
    INTEGRATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
