package app.ledgerline.security;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/** The web filters the security chain adds around authentication: rate limits, Origin check, CSRF cookie, CSP. */
@Component
class RequestGuards {

    private static final Logger log = LoggerFactory.getLogger(RequestGuards.class);
    private static final AntPathMatcher PATHS = new AntPathMatcher();
    /** Paths limited per client address. */
    private static final List<String> IP_LIMITED = List.of("/graphql", "/webhooks/**", "/login/**", "/oauth2/**", "/logout");

    private final RateLimiter limiter;
    private final SecurityProperties properties;

    RequestGuards(RateLimiter limiter, SecurityProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    String clientIp(ServerHttpRequest request) {
        return clientIp(properties, request.getHeaders(), request.getRemoteAddress());
    }

    /** The client's address: the connection's, or behind a trusted proxy the last X-Forwarded-For entry. */
    static String clientIp(SecurityProperties properties, HttpHeaders headers, InetSocketAddress remote) {
        if (properties.trustForwardedFor()) {
            String forwarded = headers.getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** A bearer token or the session cookie: whether it is good is known only after authentication. */
    boolean hasCredential(ServerHttpRequest request) {
        return hasBearer(request) || request.getCookies().containsKey(properties.session().cookieName());
    }

    static boolean hasBearer(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    private static boolean matches(List<String> patterns, String path) {
        return patterns.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    /**
     * Before authentication: a request without a credential (login, webhooks, anonymous calls) takes one from its
     * address's bucket; one with a bearer token or session cookie only needs the bucket not to be empty, and takes
     * one if the credential turns out wrong ({@link #chargeFailedCredential}). So guessing tokens exhausts the
     * guesser's address, while valid callers are counted per principal.
     */
    WebFilter ipLimit() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            if (!matches(IP_LIMITED, request.getPath().pathWithinApplication().value())) {
                return chain.filter(exchange);
            }
            String ip = clientIp(request);
            var decision = hasCredential(request) && !request.getPath().value().startsWith("/webhooks/")
                    ? limiter.peekIp(ip) : limiter.forIp(ip);
            return decision.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, decision, "address " + ip);
        };
    }

    void chargeFailedCredential(ServerWebExchange exchange) {
        limiter.forIp(clientIp(exchange.getRequest()));
    }

    /** After authentication: every signed-in caller's GraphQL requests over HTTP take one from its own bucket. */
    WebFilter principalLimit() {
        return (exchange, chain) -> {
            if (!"/graphql".equals(exchange.getRequest().getPath().pathWithinApplication().value())) {
                return chain.filter(exchange);
            }
            return exchange.getPrincipal()
                    .filter(p -> p instanceof Authentication a && a.isAuthenticated())
                    .map(p -> limiter.forPrincipal((Authentication) p))
                    .defaultIfEmpty(RateLimiter.Decision.ALLOWED)
                    .flatMap(decision -> decision.allowed() ? chain.filter(exchange) : tooManyRequests(exchange, decision, "principal"));
        };
    }

    private static Mono<Void> tooManyRequests(ServerWebExchange exchange, RateLimiter.Decision decision, String who) {
        log.debug("Rate limited ({}) on {}", who, exchange.getRequest().getPath());
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = ("{\"errors\":[{\"message\":\"Too many requests; retry after " + decision.retryAfterSeconds()
                + " s\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfter\":" + decision.retryAfterSeconds() + "}}]}")
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * A WebSocket handshake from a browser must come from an allowed origin (or the server's own), so another site
     * cannot ride a signed-in admin's session cookie (cross-site WebSocket hijacking). Clients that send no Origin
     * (the bot, integrations) present a token in connection_init instead.
     */
    WebFilter webSocketOrigin() {
        return (exchange, chain) -> {
            ServerHttpRequest request = exchange.getRequest();
            boolean upgrade = request.getMethod() == HttpMethod.GET
                    && "websocket".equalsIgnoreCase(request.getHeaders().getUpgrade());
            String origin = request.getHeaders().getOrigin();
            if (!upgrade || origin == null || originAllowed(origin, request)) {
                return chain.filter(exchange);
            }
            log.info("WebSocket handshake refused from origin {}", origin);
            exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
            return exchange.getResponse().setComplete();
        };
    }

    boolean originAllowed(String origin, ServerHttpRequest request) {
        if (properties.allowedOrigins().stream().anyMatch(allowed -> allowed.equalsIgnoreCase(origin))) {
            return true;
        }
        try {
            URI given = URI.create(origin);
            URI self = request.getURI();
            return given.getHost() != null && given.getHost().equalsIgnoreCase(self.getHost()) && port(given) == port(self)
                    && given.getScheme().equalsIgnoreCase(self.getScheme().replace("ws", "http"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().endsWith("s") ? 443 : 80;
    }

    /** Makes the CSRF token (and so the XSRF-TOKEN cookie) exist for cookie-based callers, as Angular expects. */
    WebFilter csrfCookie() {
        return (exchange, chain) -> {
            if (hasBearer(exchange.getRequest())) {
                return chain.filter(exchange);
            }
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    /** Content-Security-Policy: strict for the dashboard; GraphiQL loads its scripts from esm.sh. */
    WebFilter contentSecurityPolicy() {
        String graphiql = "default-src 'self'; script-src 'self' 'unsafe-inline' https://esm.sh; style-src 'self' 'unsafe-inline' https://esm.sh; "
                + "img-src 'self' data:; font-src 'self' https://esm.sh; connect-src 'self' https://esm.sh; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            exchange.getResponse().beforeCommit(() -> {
                exchange.getResponse().getHeaders().set("Content-Security-Policy",
                        path.startsWith("/graphiql") ? graphiql : properties.contentSecurityPolicy());
                return Mono.empty();
            });
            return chain.filter(exchange);
        };
    }
}
