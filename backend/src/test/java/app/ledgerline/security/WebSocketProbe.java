package app.ledgerline.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;

/** Speaks graphql-transport-ws by hand: sends messages, collects what comes back and how the server closed. */
final class WebSocketProbe {

    record Result(List<String> received, CloseStatus close) {
    }

    private WebSocketProbe() {
    }

    /**
     * Sends connection_init with the payload; after the ack, sends the subscribe message (if any) and reads until its
     * complete. Returns everything received and the status the connection was closed with.
     */
    static Result run(String graphqlUrl, HttpHeaders headers, String initPayload, String subscribe) {
        List<String> received = new CopyOnWriteArrayList<>();
        CloseStatus[] close = new CloseStatus[1];
        WebSocketHandler handler = new WebSocketHandler() {
            @Override
            public List<String> getSubProtocols() {
                return List.of("graphql-transport-ws");
            }

            @Override
            public Mono<Void> handle(WebSocketSession session) {
                Mono<Void> status = session.closeStatus().doOnNext(s -> close[0] = s).then();
                Mono<Void> talk = session.send(Mono.just(session.textMessage(init(initPayload))))
                        .thenMany(session.receive().map(m -> m.getPayloadAsText()).doOnNext(received::add)
                                .concatMap(text -> text.contains("connection_ack") && subscribe != null
                                        ? session.send(Mono.just(session.textMessage(subscribe))).thenReturn(text) : Mono.just(text))
                                .takeUntil(text -> text.contains("\"complete\"") || (subscribe == null && text.contains("connection_ack"))))
                        .then(session.close());
                return talk.then(status);
            }
        };
        new ReactorNettyWebSocketClient().execute(URI.create(graphqlUrl.replace("http:", "ws:")), headers, handler)
                .block(Duration.ofSeconds(30));
        return new Result(received, close[0]);
    }

    static String init(String payloadJson) {
        return "{\"type\":\"connection_init\",\"payload\":" + payloadJson + "}";
    }

    static String subscribe(String id, String query) {
        return "{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"payload\":{\"query\":\"" + query.replace("\"", "\\\"") + "\"}}";
    }
}
