package app.ledgerline.security;

/**
 * The authorisation rules of GraphQL operations, as {@code @PreAuthorize} expressions. Integrator tokens carry
 * scopes as authorities {@code SCOPE_<ApiScope>}.
 */
public final class Access {

    private Access() {
    }

    public static final String STOREFRONT = "hasRole('BOT')";
    public static final String SHOP_CONFIG = "hasRole('ADMIN')";
    public static final String OPERATIONS = "hasAnyRole('ADMIN', 'STAFF')";
    /** Admins, staff and integrators with any read scope (kept for callers that read both). */
    public static final String READ_CATALOG_AND_ORDERS = "hasAnyRole('ADMIN', 'STAFF') or hasAnyAuthority('SCOPE_CATALOG_READ', 'SCOPE_ORDERS_READ')";
    public static final String READ_CATALOG = "hasAnyRole('ADMIN', 'STAFF') or hasAuthority('SCOPE_CATALOG_READ')";
    public static final String READ_ORDERS = "hasAnyRole('ADMIN', 'STAFF') or hasAuthority('SCOPE_ORDERS_READ')";
    public static final String WRITE_INVENTORY = "hasAnyRole('ADMIN', 'STAFF') or hasAuthority('SCOPE_INVENTORY_WRITE')";
    /** Saved addresses of a customer: admins, staff and the bot (which only reaches its own shopper's data). */
    public static final String PERSONAL_DATA = "hasAnyRole('ADMIN', 'STAFF', 'BOT')";
    /** Tokens and the audit log. */
    public static final String SECURITY_ADMIN = "hasRole('ADMIN')";
    public static final String SIGNED_IN = "isAuthenticated()";
}
