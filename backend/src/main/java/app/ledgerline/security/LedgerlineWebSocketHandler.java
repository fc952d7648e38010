package app.ledgerline.security;

import java.time.Duration;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The GraphQL WebSocket handler, made able to close a connection with 4403: it keeps the session in the session's
 * attributes, where {@link GraphQlGuard#handleConnectionInitialization} finds it.
 */
class LedgerlineWebSocketHandler extends GraphQlWebSocketHandler {

    static final String SESSION = "ledgerline.ws.session";

    LedgerlineWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs, Duration initTimeout, Duration keepAlive,
                               CorsConfiguration cors) {
        super(handler, codecs, initTimeout, keepAlive, cors);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        session.getAttributes().put(SESSION, session);
        return super.handle(session);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties, ServerCodecConfigurer codecs,
                                                        SecurityProperties security) {
            // Browsers may open the socket from the server's own origin or a configured one (the handshake's CORS check).
            var cors = new CorsConfiguration();
            cors.setAllowedOrigins(security.allowedOrigins());
            cors.setAllowedMethods(java.util.List.of("GET"));
            cors.setAllowCredentials(true);
            return new LedgerlineWebSocketHandler(handler, codecs, properties.getWebsocket().getConnectionInitTimeout(),
                    properties.getWebsocket().getKeepAlive(), cors);
        }
    }
}
