package app.ledgerline.security;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.HttpStatusReturningServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;
import reactor.core.publisher.Mono;

/**
 * Who gets in. Callers authenticate with a bearer token (bot, integrators, the bootstrap admin; stateless) or, for
 * admins and staff, a Discord login kept in a session cookie. Which GraphQL operations a role may call is decided per
 * operation with {@code @PreAuthorize} (see {@link Access}). Health is open for load balancers; other actuator
 * endpoints and GraphiQL are for admins. Cookie-authenticated state changes need the CSRF header; bearer requests are
 * exempt (a browser never adds that header by itself).
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class SecurityConfiguration {

    /** Discord login is on when {@code ledgerline.security.discord.client-id} is set. */
    static final class DiscordConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String id = context.getEnvironment().getProperty("ledgerline.security.discord.client-id");
            return id != null && !id.isBlank();
        }
    }

    @Bean
    @Conditional(DiscordConfigured.class)
    DiscordLogin discordLogin(SecurityProperties properties) {
        return new DiscordLogin(properties.discord(), WebClient.builder());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, BearerTokenAuthentication bearer, RequestGuards guards,
                                                  SecurityProperties properties, ObjectProvider<DiscordLogin> discordLogin) {
        var status401 = new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED);
        // A session cookie that turned out not to sign anyone in counts against the address, like a wrong token.
        org.springframework.security.web.server.ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            if (guards.hasCredential(exchange.getRequest()) && !RequestGuards.hasBearer(exchange.getRequest())) {
                guards.chargeFailedCredential(exchange);
            }
            return status401.commence(exchange, e);
        };
        var bearerFilter = new AuthenticationWebFilter(bearer);
        bearerFilter.setServerAuthenticationConverter(bearer);
        var rejectBearer = new ServerAuthenticationEntryPointFailureHandler(unauthorized);
        bearerFilter.setAuthenticationFailureHandler((exchange, exception) -> {
            guards.chargeFailedCredential(exchange.getExchange());
            return rejectBearer.onAuthenticationFailure(exchange, exception);
        });
        // Bearer tokens are sent with every request: nothing to keep in a session.
        bearerFilter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());

        var sessions = new WebSessionServerSecurityContextRepository();
        var csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").path("/"));
        String sessionCookie = properties.session().cookieName();
        // Only a request that carries the session cookie can ride a browser's ambient credential: those need the token.
        ServerWebExchangeMatcher needsCsrf = new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
                exchange -> RequestGuards.hasBearer(exchange.getRequest()) || !exchange.getRequest().getCookies().containsKey(sessionCookie)
                        ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match());

        http
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(sessions)
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(needsCsrf))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutHandler(new DelegatingServerLogoutHandler(new SecurityContextServerLogoutHandler(), new WebSessionServerLogoutHandler()))
                        .logoutSuccessHandler(new HttpStatusReturningServerLogoutSuccessHandler(HttpStatus.NO_CONTENT)))
                .addFilterAt(guards.ipLimit(), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(guards.webSocketOrigin(), SecurityWebFiltersOrder.FIRST)
                .addFilterAfter(guards.contentSecurityPolicy(), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .addFilterAt(bearerFilter, SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(guards.csrfCookie(), SecurityWebFiltersOrder.CSRF)
                .addFilterBefore(guards.principalLimit(), SecurityWebFiltersOrder.AUTHORIZATION)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .authorizeExchange(exchange -> exchange
                        .pathMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // Signed links: the signature in the URL is checked by the page itself.
                        .pathMatchers(org.springframework.http.HttpMethod.GET, "/invoices/*").permitAll()
                        .pathMatchers(org.springframework.http.HttpMethod.POST, "/webhooks/btcpay").permitAll()
                        .pathMatchers("/login", "/login/**", "/oauth2/**", "/logout").permitAll()
                        .pathMatchers("/actuator/**", "/graphiql", "/graphiql/**").hasRole(Role.ADMIN.name())
                        // The WebSocket handshake authenticates in connection_init (or by its session cookie).
                        .matchers(GraphQlUpgrade.MATCHER).permitAll()
                        .pathMatchers("/graphql").authenticated()
                        .anyExchange().denyAll());

        DiscordLogin discord = discordLogin.getIfAvailable();
        if (discord != null) {
            http.oauth2Login(login -> login
                            .clientRegistrationRepository(discord.registrations())
                            .authorizedClientRepository(discord.authorizedClients())
                            .authenticationManager(discord.authenticationManager())
                            .securityContextRepository(sessions)
                            .authenticationSuccessHandler(discord.successHandler())
                            .authenticationFailureHandler(DiscordLogin.failureHandler()))
                    .addFilterAfter(discord.roleRefresh(sessions), SecurityWebFiltersOrder.AUTHENTICATION);
        }
        return http.build();
    }

    /** GET /graphql with {@code Upgrade: websocket}. */
    static final class GraphQlUpgrade {
        static final ServerWebExchangeMatcher MATCHER = exchange -> {
            var request = exchange.getRequest();
            boolean upgrade = request.getMethod() == HttpMethod.GET && "/graphql".equals(request.getPath().pathWithinApplication().value())
                    && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
            return upgrade ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /** The refusal page a Discord sign-in ends on when it does not let the user in (403, with the reason). */
    @Bean
    RouterFunction<ServerResponse> loginRefusedPage() {
        return RouterFunctions.route().GET("/login/refused", request -> ServerResponse.status(HttpStatus.FORBIDDEN)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .bodyValue(DiscordLogin.refusedPage(request.queryParam("reason").orElse("")))).build();
    }

    /**
     * The session cookie: HttpOnly, SameSite (Lax by default, so the redirect back from Discord still carries it),
     * Secure when the request came over TLS (or always/never, per {@code ledgerline.security.session.secure-cookie}).
     */
    @Bean
    WebSessionIdResolver webSessionIdResolver(SecurityProperties properties) {
        var session = properties.session();
        return new WebSessionIdResolver() {
            @Override
            public List<String> resolveSessionIds(ServerWebExchange exchange) {
                var cookies = exchange.getRequest().getCookies().get(session.cookieName());
                return cookies == null ? List.of() : cookies.stream().map(c -> c.getValue()).toList();
            }

            @Override
            public void setSessionId(ServerWebExchange exchange, String id) {
                exchange.getResponse().getCookies().set(session.cookieName(), cookie(exchange, id, null));
            }

            @Override
            public void expireSession(ServerWebExchange exchange) {
                exchange.getResponse().getCookies().set(session.cookieName(), cookie(exchange, "", java.time.Duration.ZERO));
            }

            private ResponseCookie cookie(ServerWebExchange exchange, String value, java.time.Duration maxAge) {
                boolean tls = "https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme()) || exchange.getRequest().getSslInfo() != null;
                boolean secure = switch (session.secureCookie().toLowerCase()) {
                    case "always" -> true;
                    case "never" -> false;
                    default -> tls;
                };
                var builder = ResponseCookie.from(session.cookieName(), value).path("/").httpOnly(true).secure(secure).sameSite(session.sameSite());
                if (maxAge != null) {
                    builder.maxAge(maxAge);
                }
                return builder.build();
            }
        };
    }

}
