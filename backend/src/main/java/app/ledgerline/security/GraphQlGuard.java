package app.ledgerline.security;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.introspection.Introspection;
import graphql.parser.ParserOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * Every GraphQL request (HTTP and WebSocket) passes here first:
 * <ul>
 * <li>a document longer than {@code ledgerline.security.graphql.max-document-chars} is refused before it is parsed;</li>
 * <li>introspection ({@code __schema}, {@code __type}) is disabled unless the caller is ADMIN;</li>
 * <li>the caller and client address are put in the GraphQL context for field protection and the audit log;</li>
 * <li>WebSocket: {@code connection_init} authenticates ({@code Authorization: Bearer ...}, {@code authorization} or
 * {@code token} in its payload, else the handshake's session or header); none or a bad one closes with 4401, a valid
 * one whose role may not open a WebSocket closes with 4403; each later operation is rate limited per principal.</li>
 * </ul>
 */
@Component
class GraphQlGuard implements WebSocketGraphQlInterceptor {

    static final String CALLER = "ledgerline.caller";
    static final String CLIENT_IP = "ledgerline.clientIp";
    private static final String SESSION_CALLER = "ledgerline.ws.caller";
    private static final Logger log = LoggerFactory.getLogger(GraphQlGuard.class);

    static final class Unauthorized extends BadCredentialsException {
        Unauthorized(String message) {
            super(message);
        }
    }

    private final SecurityProperties properties;
    private final BearerTokenAuthentication bearer;
    private final RateLimiter rateLimiter;
    private final ParserOptions parserOptions;

    GraphQlGuard(SecurityProperties properties, BearerTokenAuthentication bearer, RateLimiter rateLimiter) {
        this.properties = properties;
        this.parserOptions = GraphQlLimits.parserOptions(properties);
        this.bearer = bearer;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        int max = properties.graphql().maxDocumentChars();
        if (request.getDocument().length() > max) {
            return Mono.just(refuse(request, "DOCUMENT_TOO_LARGE",
                    "The GraphQL document has " + request.getDocument().length() + " characters; the limit is " + max));
        }
        if (request instanceof WebSocketGraphQlRequest socket) {
            Authentication caller = (Authentication) socket.getSessionInfo().getAttributes().get(SESSION_CALLER);
            if (caller == null) {
                return Mono.error(new Unauthorized("WebSocket connection is not initialised"));
            }
            var decision = rateLimiter.forPrincipal(caller);
            if (!decision.allowed()) {
                return Mono.just(refuse(request, "RATE_LIMITED", "Too many requests; retry after " + decision.retryAfterSeconds() + " s",
                        Map.of("retryAfter", decision.retryAfterSeconds())));
            }
            return proceed(request, chain, caller).contextWrite(ReactiveSecurityContextHolder.withAuthentication(caller));
        }
        return ReactiveSecurityContextHolder.getContext().map(SecurityContext::getAuthentication)
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(caller -> proceed(request, chain, caller.orElse(null)));
    }

    private Mono<WebGraphQlResponse> proceed(WebGraphQlRequest request, Chain chain, Authentication caller) {
        Map<Object, Object> context = new HashMap<>();
        if (caller != null) {
            context.put(CALLER, caller);
        }
        context.put(CLIENT_IP, RequestGuards.clientIp(properties, request.getHeaders(), request.getRemoteAddress()));
        context.put(ParserOptions.class, parserOptions);
        if (!Callers.hasAny(caller, Role.ADMIN)) {
            context.put(Introspection.INTROSPECTION_DISABLED, true);
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context).build());
        return chain.next(request);
    }

    private static WebGraphQlResponse refuse(WebGraphQlRequest request, String code, String message) {
        return refuse(request, code, message, Map.of());
    }

    private static WebGraphQlResponse refuse(WebGraphQlRequest request, String code, String message, Map<String, Object> more) {
        Map<String, Object> extensions = new HashMap<>(more);
        extensions.put("code", code);
        ExecutionResult result = ExecutionResult.newExecutionResult()
                .addError(GraphqlErrorBuilder.newError().message(message).errorType(ErrorType.BAD_REQUEST).extensions(extensions).build())
                .build();
        return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo sessionInfo, Map<String, Object> payload) {
        String secret = secretFrom(payload);
        Mono<Authentication> caller = secret != null
                ? bearer.authenticateSecret(secret).onErrorMap(e -> new Unauthorized("Bad credential in connection_init"))
                : sessionInfo.getPrincipal().filter(Authentication.class::isInstance).cast(Authentication.class)
                        .filter(Authentication::isAuthenticated);
        return caller.switchIfEmpty(Mono.error(() -> new Unauthorized("No credential in connection_init or the handshake")))
                .flatMap(authentication -> {
                    Set<Role> roles = Callers.roles(authentication);
                    if (properties.websocketRoles().stream().noneMatch(roles::contains)) {
                        log.info("WebSocket refused for {}: role {} may not open one", authentication.getName(), roles);
                        Object session = sessionInfo.getAttributes().get(LedgerlineWebSocketHandler.SESSION);
                        Mono<Void> close = session instanceof WebSocketSession webSocket
                                ? webSocket.close(new CloseStatus(4403, "Forbidden")) : Mono.empty();
                        return close.then(Mono.error(new Unauthorized("Forbidden")));
                    }
                    sessionInfo.getAttributes().put(SESSION_CALLER, authentication);
                    return Mono.empty();
                });
    }

    /** {@code {"Authorization": "Bearer x"}}, {@code {"authorization": "Bearer x"}} or {@code {"token": "x"}}. */
    static String secretFrom(Map<String, Object> payload) {
        if (payload == null) {
            return null;
        }
        for (var entry : payload.entrySet()) {
            if (!(entry.getValue() instanceof String value) || value.isBlank()) {
                continue;
            }
            if (entry.getKey().equalsIgnoreCase("authorization")) {
                return value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : value.trim();
            }
            if (entry.getKey().equals("token")) {
                return value.trim();
            }
        }
        return null;
    }
}
