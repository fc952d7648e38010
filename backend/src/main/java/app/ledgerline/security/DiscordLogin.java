package app.ledgerline.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginReactiveAuthenticationManager;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * Admins and staff sign in with Discord (OAuth2 code flow, scopes {@code identify guilds.members.read}). After the
 * code exchange the user is read from {@code /users/@me} and their roles in the shop guild from
 * {@code /users/@me/guilds/{guildId}/member}; configured role ids map to ADMIN and STAFF, and a user with neither is
 * refused with a page saying why. Roles are re-read at every login and, during a session, when they are older than
 * {@code role-recheck-interval}: a removed Discord role removes access within that interval.
 */
class DiscordLogin {

    static final String REGISTRATION_ID = "discord";
    static final String ROLES_CHECKED_AT = "ledgerline.discord.rolesCheckedAt";
    private static final Logger log = LoggerFactory.getLogger(DiscordLogin.class);

    private final SecurityProperties.Discord discord;
    private final WebClient api;
    private final ReactiveClientRegistrationRepository registrations;
    private final ServerOAuth2AuthorizedClientRepository authorizedClients;
    private volatile Clock clock = Clock.systemUTC();

    DiscordLogin(SecurityProperties.Discord discord, WebClient.Builder webClients) {
        this.discord = discord;
        this.api = webClients.baseUrl(discord.apiBaseUrl()).build();
        this.registrations = new InMemoryReactiveClientRegistrationRepository(registration(discord));
        this.authorizedClients = new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(
                new InMemoryReactiveOAuth2AuthorizedClientService(registrations));
    }

    /** For tests: the time role checks are measured against. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    static ClientRegistration registration(SecurityProperties.Discord discord) {
        return ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientName("Discord")
                .clientId(discord.clientId())
                .clientSecret(discord.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(discord.redirectUri())
                .scope("identify", "guilds.members.read")
                .authorizationUri(discord.authorizeUri())
                .tokenUri(discord.tokenUri())
                .userInfoUri(discord.apiBaseUrl() + "/users/@me")
                .userNameAttributeName("id")
                .build();
    }

    ReactiveClientRegistrationRepository registrations() {
        return registrations;
    }

    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return authorizedClients;
    }

    OAuth2LoginReactiveAuthenticationManager authenticationManager() {
        return new OAuth2LoginReactiveAuthenticationManager(new WebClientReactiveAuthorizationCodeTokenResponseClient(), userService());
    }

    /** The shop roles for the holder of this access token; empty when they hold none (or are not in the guild). */
    Mono<Set<Role>> shopRoles(String accessToken) {
        return api.get().uri("/users/@me/guilds/{guildId}/member", discord.guildId())
                .headers(headers -> headers.setBearerAuth(accessToken))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
                })
                .map(member -> rolesFor(member.get("roles")))
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(Set.of()))
                .onErrorResume(WebClientResponseException.Unauthorized.class, e -> Mono.just(Set.of()));
    }

    Set<Role> rolesFor(Object discordRoles) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (discordRoles instanceof List<?> ids) {
            for (Object id : ids) {
                if (discord.adminRoleIds().contains(String.valueOf(id))) {
                    roles.add(Role.ADMIN);
                }
                if (discord.staffRoleIds().contains(String.valueOf(id))) {
                    roles.add(Role.STAFF);
                }
            }
        }
        return roles;
    }

    static List<GrantedAuthority> authorities(Set<Role> roles) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        return authorities;
    }

    ReactiveOAuth2UserService<OAuth2UserRequest, OAuth2User> userService() {
        var users = new DefaultReactiveOAuth2UserService();
        return request -> users.loadUser(request).flatMap(user -> shopRoles(request.getAccessToken().getTokenValue())
                .flatMap(roles -> {
                    String id = String.valueOf(user.getAttributes().get("id"));
                    if (roles.isEmpty()) {
                        log.info("Discord user {} signed in without an admin or staff role in the shop guild: refused", id);
                        return Mono.error(new OAuth2AuthenticationException(new OAuth2Error("not_shop_staff",
                                "This Discord account holds neither the admin nor the staff role in the shop's server", null)));
                    }
                    Map<String, Object> attributes = new LinkedHashMap<>();
                    attributes.put("actor", "discord:" + id);
                    attributes.put("id", id);
                    attributes.put("username", String.valueOf(user.getAttributes().get("username")));
                    Object globalName = user.getAttributes().get("global_name");
                    if (globalName != null) {
                        attributes.put("globalName", globalName.toString());
                    }
                    log.info("Discord user {} signed in with roles {}", id, roles);
                    return Mono.just((OAuth2User) new DefaultOAuth2User(authorities(roles), attributes, "actor"));
                }));
    }

    ServerAuthenticationSuccessHandler successHandler() {
        var redirect = new RedirectServerAuthenticationSuccessHandler(discord.successUrl());
        return (WebFilterExchange exchange, Authentication authentication) -> exchange.getExchange().getSession()
                .doOnNext(session -> session.getAttributes().put(ROLES_CHECKED_AT, clock.instant()))
                .then(redirect.onAuthenticationSuccess(exchange, authentication));
    }

    static ServerAuthenticationFailureHandler failureHandler() {
        return (exchange, exception) -> {
            String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "error";
            String reason = switch (code) {
                case "not_shop_staff" -> "no_role";
                case "authorization_request_not_found", "invalid_state_parameter" -> "state";
                case "invalid_token_response", "invalid_grant" -> "token";
                case "access_denied" -> "denied";
                default -> "error";
            };
            log.info("Discord sign-in failed: {} ({})", reason, code);
            return new RedirectServerAuthenticationFailureHandler("/login/refused?reason=" + reason).onAuthenticationFailure(exchange, exception);
        };
    }

    /**
     * Re-reads a signed-in user's guild roles when the session's last check is older than the interval; updates the
     * session's authorities, or ends the session with 401 when no shop role is left.
     */
    WebFilter roleRefresh(ServerSecurityContextRepository contexts) {
        Duration interval = discord.roleRecheckInterval();
        return (exchange, chain) -> ReactiveSecurityContextHolder.getContext().mapNotNull(context -> context.getAuthentication())
                .filter(OAuth2AuthenticationToken.class::isInstance).cast(OAuth2AuthenticationToken.class)
                .flatMap(current -> exchange.getSession().flatMap(session -> {
                    Instant checked = session.getAttribute(ROLES_CHECKED_AT);
                    Instant now = clock.instant();
                    if (checked != null && now.isBefore(checked.plus(interval))) {
                        return Mono.just(Optional.<Authentication>of(current));
                    }
                    return authorizedClients.loadAuthorizedClient(REGISTRATION_ID, current, exchange)
                            .flatMap(client -> shopRoles(client.getAccessToken().getTokenValue()))
                            .defaultIfEmpty(Set.of())
                            .flatMap(roles -> {
                                session.getAttributes().put(ROLES_CHECKED_AT, now);
                                if (roles.isEmpty()) {
                                    log.info("{} no longer holds a shop role: session ended", current.getName());
                                    return session.invalidate().thenReturn(Optional.<Authentication>empty());
                                }
                                if (roles.equals(Callers.roles(current))) {
                                    return Mono.just(Optional.<Authentication>of(current));
                                }
                                log.info("{} now has roles {}", current.getName(), roles);
                                var updated = new OAuth2AuthenticationToken(current.getPrincipal() instanceof DefaultOAuth2User user
                                        ? new DefaultOAuth2User(authorities(roles), user.getAttributes(), "actor") : current.getPrincipal(),
                                        authorities(roles), current.getAuthorizedClientRegistrationId());
                                return contexts.save(exchange, new SecurityContextImpl(updated)).thenReturn(Optional.<Authentication>of(updated));
                            })
                            // Discord unreachable or failing: keep the roles read last, check again after the interval.
                            .onErrorResume(e -> {
                                log.warn("Could not re-read Discord roles of {}: {}", current.getName(), e.toString());
                                session.getAttributes().put(ROLES_CHECKED_AT, now);
                                return Mono.just(Optional.<Authentication>of(current));
                            });
                }))
                .flatMap(result -> {
                    if (result.isEmpty()) {
                        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
                        return exchange.getResponse().setComplete().thenReturn(true);
                    }
                    return chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder.withAuthentication(result.get())).thenReturn(true);
                })
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange).thenReturn(true)))
                .then();
    }

    static String refusedPage(String reason) {
        String message = switch (reason == null ? "" : reason) {
            case "no_role" -> "Your Discord account holds neither the admin nor the staff role in the shop's Discord server, "
                    + "so it cannot open the dashboard. If you should have access, ask an admin to give you the role, then sign in again.";
            case "state" -> "This sign-in could not be verified: it expired or was started in another browser or tab. Please sign in again.";
            case "token" -> "Discord did not confirm this sign-in. Please try again in a moment.";
            case "denied" -> "You cancelled the sign-in on Discord.";
            default -> "The sign-in with Discord did not complete. Please try again.";
        };
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Sign-in refused - Ledgerline</title></head>
                <body><main><h1>Sign-in refused</h1><p id="reason">%s</p><p><a href="/oauth2/authorization/discord">Sign in with Discord</a></p></main></body></html>
                """.formatted(message);
    }

}
