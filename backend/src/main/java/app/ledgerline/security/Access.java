package app.ledgerline.security;

/** The authorisation rules of GraphQL operations, as {@code @PreAuthorize} expressions. */
public final class Access {

    private Access() {
    }

    public static final String STOREFRONT = "hasRole('BOT')";
    public static final String SHOP_CONFIG = "hasRole('ADMIN')";
    public static final String OPERATIONS = "hasAnyRole('ADMIN', 'STAFF')";
    public static final String READ_CATALOG_AND_ORDERS = "hasAnyRole('ADMIN', 'STAFF', 'INTEGRATOR')";
}
