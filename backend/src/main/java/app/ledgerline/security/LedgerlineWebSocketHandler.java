package app.ledgerline.security;

import java.time.Duration;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Mono;

/**
 * The GraphQL WebSocket handler, made able to close a connection with 4403: it keeps the session in the session's
 * attributes, where {@link GraphQlGuard#handleConnectionInitialization} finds it.
 */
class LedgerlineWebSocketHandler extends GraphQlWebSocketHandler {

    static final String SESSION = "ledgerline.ws.session";

    LedgerlineWebSocketHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs, Duration initTimeout, Duration keepAlive) {
        super(handler, codecs, initTimeout, keepAlive);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        session.getAttributes().put(SESSION, session);
        return super.handle(session);
    }

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        GraphQlWebSocketHandler graphQlWebSocketHandler(WebGraphQlHandler handler, GraphQlProperties properties, ServerCodecConfigurer codecs) {
            return new LedgerlineWebSocketHandler(handler, codecs, properties.getWebsocket().getConnectionInitTimeout(),
                    properties.getWebsocket().getKeepAlive());
        }
    }
}
