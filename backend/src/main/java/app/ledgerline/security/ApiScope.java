package app.ledgerline.security;

import java.util.EnumSet;
import java.util.Set;

/** What an INTEGRATOR token may do; its authority is {@code SCOPE_<name>} (see {@link Access}). */
public enum ApiScope {
    CATALOG_READ,
    ORDERS_READ,
    INVENTORY_WRITE;

    /** Tokens made before scopes existed (scopes null) read the catalog and orders, as INTEGRATOR always did. */
    public static final Set<ApiScope> LEGACY_INTEGRATOR = EnumSet.of(CATALOG_READ, ORDERS_READ);

    public String authority() {
        return "SCOPE_" + name();
    }
}
