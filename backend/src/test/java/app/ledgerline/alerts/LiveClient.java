package app.ledgerline.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** A dashboard-like graphql-transport-ws client of one backend instance. */
final class LiveClient {

    static final String ALERT_EVENTS = """
            subscription { alertEvents { type alert { id kind severity message createdAt acknowledgedBy acknowledgedAt note
                product { id sku } order { number } } } }""";
    static final String ORDER_EVENTS = """
            subscription { orderEvents { type fromStatus toStatus order { id number status total { amountMinor } lines { sku quantity } } } }""";

    private LiveClient() {
    }

    static WebSocketGraphQlTester connect(int port, String token) {
        return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
                .headers(h -> h.setBearerAuth(token))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @SuppressWarnings("unchecked")
    static Flux<Map<String, Object>> subscribe(WebSocketGraphQlTester tester, String document, String field) {
        return tester.document(document).executeSubscription().toFlux(field, Map.class).map(m -> (Map<String, Object>) m);
    }

    /** Collects what one subscription delivers, on its own connection, until closed. */
    record Collected(List<Map<String, Object>> events, List<Throwable> errors, Disposable subscription, WebSocketGraphQlTester tester)
            implements AutoCloseable {

        static Collected of(int port, String token, String document, String field) {
            var tester = connect(port, token);
            var events = new CopyOnWriteArrayList<Map<String, Object>>();
            var errors = new CopyOnWriteArrayList<Throwable>();
            return new Collected(events, errors, subscribe(tester, document, field).subscribe(events::add, errors::add), tester);
        }

        @Override
        public void close() {
            subscription.dispose();
            tester.stop().block(Duration.ofSeconds(10));
        }
    }
}
