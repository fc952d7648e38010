package app.ledgerline.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Reads roles and scopes off any authenticated caller (a token or a Discord login). */
public final class Callers {

    private Callers() {
    }

    public static Set<Role> roles(Authentication caller) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (caller == null || !caller.isAuthenticated()) {
            return roles;
        }
        for (GrantedAuthority authority : caller.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    /** The most powerful role the caller holds (ADMIN, STAFF, BOT, INTEGRATOR in that order). */
    public static Optional<Role> primaryRole(Authentication caller) {
        return roles(caller).stream().findFirst();
    }

    public static boolean hasAny(Authentication caller, Role... wanted) {
        Set<Role> roles = roles(caller);
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public static Set<ApiScope> scopes(Authentication caller) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        if (caller != null) {
            for (GrantedAuthority authority : caller.getAuthorities()) {
                for (ApiScope scope : ApiScope.values()) {
                    if (scope.authority().equals(authority.getAuthority())) {
                        scopes.add(scope);
                    }
                }
            }
        }
        return scopes;
    }
}
