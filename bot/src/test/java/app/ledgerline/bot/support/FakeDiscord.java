package app.ledgerline.bot.support;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake Discord for the bot's tests: the REST API under {@code /api/v10} (recording every request and checking it
 * against Discord's OpenAPI spec) and the gateway at {@code /gateway} (zlib-stream: every payload through one
 * per-connection {@link Deflater} with SYNC_FLUSH, as binary frames; HELLO, heartbeat ACKs, READY after IDENTIFY,
 * then the dispatches a test sends).
 */
public final class FakeDiscord implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FakeDiscord.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static final long BOT_ID = 1_300_000_000_000_000_001L;
    public static final long APPLICATION_ID = BOT_ID;
    /** Discord4J reads the bot's id from the token: its first part is the id in base64. */
    public static final String TOKEN = Base64.getEncoder().withoutPadding()
            .encodeToString(Long.toString(BOT_ID).getBytes(StandardCharsets.US_ASCII)) + ".fake.not-a-secret";

    public record Recorded(String method, String path, Map<String, List<String>> query, Map<String, List<String>> headers,
                           String body, List<String> specProblems) {
        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.getNodeFactory().nullNode() : JSON.readTree(body);
        }
    }

    private final DisposableServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<GatewaySession> sessions = new CopyOnWriteArrayList<>();
    private final Map<String, String> members = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_400_000_000_000_000_000L);

    public FakeDiscord() {
        if (DiscordSpec.enabled()) {
            DiscordSpec.validator();
        }
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .ws("/gateway", this::gateway)
                        .route(request -> true, this::rest))
                .bindNow();
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v10";
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public List<Recorded> requests(Predicate<Recorded> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Every recorded request the spec rejected, with its problems: a test expects none. */
    public List<String> specViolations() {
        List<String> out = new ArrayList<>();
        requests.stream().filter(r -> !r.specProblems().isEmpty())
                .forEach(r -> out.add(r.method() + " " + r.path() + " " + r.body() + " -> " + r.specProblems()));
        return out;
    }

    /** Makes {@code GET /guilds/{guild}/members/{user}} answer this member (otherwise 404 Unknown Member). */
    public void addMember(long guildId, String userJson, List<String> roleIds) {
        ObjectNode member = JSON.createObjectNode();
        member.set("user", JSON.readTree(userJson));
        member.putNull("nick");
        member.putNull("avatar");
        ArrayNode roles = member.putArray("roles");
        roleIds.forEach(roles::add);
        member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
        member.putNull("premium_since");
        member.put("deaf", false);
        member.put("mute", false);
        member.put("flags", 0);
        member.put("pending", false);
        members.put(guildId + "/" + JSON.readTree(userJson).get("id").asString(), JSON.writeValueAsString(member));
    }

    public boolean gatewayReady() {
        return sessions.stream().anyMatch(s -> s.identified);
    }

    /**
     * Sends a dispatch to the newest identified gateway session, waiting for one while the bot reconnects (on a
     * loaded machine a late heartbeat acknowledgement makes Discord4J reconnect).
     */
    public void dispatch(String type, String dataJson) {
        GatewaySession session = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> sessions.reversed().stream().filter(s -> s.identified).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        session.dispatch(type, dataJson);
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public void close() {
        sessions.forEach(s -> s.outbound.tryEmitComplete());
        server.disposeNow();
    }

    // ---------------------------------------------------------------------------------------------------------- REST

    private static final Pattern COMMANDS = Pattern.compile("/api/v10/applications/(\\d+)/commands");
    private static final Pattern CALLBACK = Pattern.compile("/api/v10/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern ORIGINAL = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern FOLLOWUP = Pattern.compile("/api/v10/webhooks/(\\d+)/([^/]+)");
    private static final Pattern MEMBER = Pattern.compile("/api/v10/guilds/(\\d+)/members/(\\d+)");
    private static final Pattern MEMBER_ROLE = Pattern.compile("/api/v10/guilds/(\\d+)/members/(\\d+)/roles/(\\d+)");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/api/v10/channels/(\\d+)/messages");

    /** A Discord error a route answers with instead of succeeding. */
    private record Failure(String method, Pattern path, int status, String body) {
    }

    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Long> dmChannels = new ConcurrentHashMap<>();

    /**
     * Makes {@code method} on paths matching {@code pathRegex} (the whole path, e.g. {@code /api/v10/channels/1/messages})
     * answer a Discord error: {@code status} with {@code {"code": code, "message": message}}.
     */
    public void failWith(String method, String pathRegex, int status, int code, String message) {
        failures.add(new Failure(method, Pattern.compile(pathRegex), status,
                JSON.writeValueAsString(JSON.createObjectNode().put("code", code).put("message", message))));
    }

    /** Every route succeeds again, without delay. */
    public void clearFailures() {
        failures.clear();
        delays.clear();
    }

    private record Delay(String method, Pattern path, java.time.Duration delay) {
    }

    private final List<Delay> delays = new CopyOnWriteArrayList<>();

    /** Makes {@code method} on paths matching {@code pathRegex} answer only after {@code delay} (the request is recorded at once). */
    public void delay(String method, String pathRegex, java.time.Duration delay) {
        delays.add(new Delay(method, Pattern.compile(pathRegex), delay));
    }

    /** The id of the DM channel with this user ({@code POST /users/@me/channels} answers it). */
    public long dmChannelOf(long userId) {
        return dmChannels.computeIfAbsent(Long.toString(userId), u -> nextId());
    }

    /** The messages posted in a channel (DM or guild), in order. */
    public List<Recorded> messagesIn(long channelId) {
        String path = "/api/v10/channels/" + channelId + "/messages";
        return requests(r -> r.method().equals("POST") && r.path().equals(path));
    }

    /** The text of the DMs the bot sent to this user (requests, including refused ones). */
    public List<String> dmsTo(long userId) {
        return messagesIn(dmChannelOf(userId)).stream().map(r -> r.json().path("content").asString()).toList();
    }

    private Publisher<Void> rest(HttpServerRequest request, HttpServerResponse response) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String method = request.method().name();
        String path = uri.path();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.requestHeaders().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue()));
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .doOnNext(body -> arrived(method, path, body))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(body -> {
                    List<String> problems = DiscordSpec.problems(method, path, uri.parameters(), headers, body.isEmpty() ? null : body);
                    if (!problems.isEmpty()) {
                        log.error("Discord's spec rejects {} {} {}: {}", method, path, body, problems);
                    }
                    requests.add(new Recorded(method, path, uri.parameters(), headers, body, problems));
                    java.time.Duration delay = delays.stream()
                            .filter(d -> d.method().equals(method) && d.path().matcher(path).matches())
                            .map(Delay::delay).findFirst().orElse(java.time.Duration.ZERO);
                    return Mono.delay(delay).then(answer(method, path, body, response));
                });
    }

    private Mono<Void> answer(String method, String path, String body, HttpServerResponse response) {
        Matcher m;
        for (Failure failure : failures) {
            if (failure.method().equals(method) && failure.path().matcher(path).matches()) {
                return json(response, failure.status(), failure.body());
            }
        }
        if ((method.equals("PUT") || method.equals("DELETE")) && MEMBER_ROLE.matcher(path).matches()) {
            return response.status(HttpResponseStatus.NO_CONTENT).send();
        }
        if (method.equals("POST") && path.equals("/api/v10/users/@me/channels")) {
            String recipient = JSON.readTree(body).path("recipient_id").asString();
            long channel = dmChannelOf(Long.parseUnsignedLong(recipient));
            return json(response, 200, """
                    {"id":"%d","type":1,"last_message_id":null,"flags":0,
                     "recipients":[{"id":"%s","username":"customer","discriminator":"0","global_name":null,"avatar":null}]}"""
                    .formatted(channel, recipient));
        }
        if (method.equals("POST") && (m = CHANNEL_MESSAGES.matcher(path)).matches()) {
            return json(response, 200, message(body).replace("\"channel_id\":\"1\"", "\"channel_id\":\"" + m.group(1) + "\""));
        }
        if (method.equals("GET") && path.equals("/api/v10/gateway")) {
            return json(response, 200, "{\"url\":\"ws://127.0.0.1:" + server.port() + "/gateway\"}");
        }
        if (method.equals("GET") && path.equals("/api/v10/gateway/bot")) {
            return json(response, 200, "{\"url\":\"ws://127.0.0.1:" + server.port() + "/gateway\",\"shards\":1,"
                    + "\"session_start_limit\":{\"total\":1000,\"remaining\":999,\"reset_after\":0,\"max_concurrency\":1}}");
        }
        if (method.equals("GET") && path.equals("/api/v10/users/@me")) {
            return json(response, 200, botUser());
        }
        if (method.equals("GET") && (path.equals("/api/v10/oauth2/applications/@me") || path.equals("/api/v10/applications/@me"))) {
            return json(response, 200, """
                    {"id":"%d","name":"Ledgerline Test","icon":null,"description":"","summary":"","bot_public":false,
                     "bot_require_code_grant":false,"verify_key":"00","team":null,"flags":0,"bot":%s}"""
                    .formatted(APPLICATION_ID, botUser()));
        }
        if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
            ArrayNode commands = (ArrayNode) JSON.readTree(body);
            for (JsonNode command : commands) {
                ObjectNode c = (ObjectNode) command;
                c.put("id", Long.toString(nextId()));
                c.put("application_id", m.group(1));
                c.put("version", Long.toString(nextId()));
                if (!c.has("type")) {
                    c.put("type", 1);
                }
                if (!c.has("default_member_permissions")) {
                    c.putNull("default_member_permissions");
                }
            }
            return json(response, 200, JSON.writeValueAsString(commands));
        }
        if (method.equals("POST") && CALLBACK.matcher(path).matches()) {
            return response.status(HttpResponseStatus.NO_CONTENT).send();
        }
        if (method.equals("PATCH") && (m = ORIGINAL.matcher(path)).matches()) {
            return json(response, 200, message(body));
        }
        if (method.equals("POST") && (m = FOLLOWUP.matcher(path)).matches()) {
            return json(response, 200, message(body));
        }
        if (method.equals("GET") && (m = MEMBER.matcher(path)).matches()) {
            String member = members.get(m.group(1) + "/" + m.group(2));
            return member != null ? json(response, 200, member)
                    : json(response, 404, "{\"message\":\"Unknown Member\",\"code\":10007}");
        }
        log.error("Fake Discord has no answer for {} {}", method, path);
        return json(response, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
    }

    private static String botUser() {
        return "{\"id\":\"%d\",\"username\":\"ledgerline\",\"discriminator\":\"0\",\"global_name\":null,\"avatar\":null,\"bot\":true}"
                .formatted(BOT_ID);
    }

    /** The message Discord would answer a webhook edit or send with. */
    private String message(String requestBody) {
        ObjectNode message = JSON.createObjectNode();
        message.put("id", Long.toString(nextId()));
        message.put("channel_id", "1");
        message.set("author", JSON.readTree(botUser()));
        JsonNode sent = requestBody == null || requestBody.isBlank() ? JSON.createObjectNode() : JSON.readTree(requestBody);
        message.put("content", sent.path("content").asString(""));
        message.put("timestamp", "2025-01-01T00:00:00.000000+00:00");
        message.putNull("edited_timestamp");
        message.put("tts", false);
        message.put("mention_everyone", false);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.put("pinned", false);
        message.put("type", 0);
        message.put("flags", sent.path("flags").asInt(0));
        message.set("components", sent.has("components") ? sent.get("components") : JSON.createArrayNode());
        return JSON.writeValueAsString(message);
    }

    private static Mono<Void> json(HttpServerResponse response, int status, String body) {
        return response.status(status)
                .header("Content-Type", "application/json")
                .sendString(Mono.just(body), StandardCharsets.UTF_8)
                .then();
    }

    // ------------------------------------------------------------------------------------------------------- gateway

    private Publisher<Void> gateway(WebsocketInbound in, WebsocketOutbound out) {
        GatewaySession session = new GatewaySession();
        sessions.add(session);
        in.aggregateFrames().receive().asString(StandardCharsets.UTF_8)
                .doOnNext(session::onMessage)
                .doFinally(signal -> {
                    session.outbound.tryEmitComplete();
                    sessions.remove(session);
                })
                .subscribe();
        session.send("{\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatMillis + "},\"s\":null,\"t\":null}");
        return out.sendObject(session.outbound.asFlux()
                .map(bytes -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))));
    }

    private final class GatewaySession {
        final Sinks.Many<byte[]> outbound = Sinks.many().unicast().onBackpressureBuffer();
        final Deflater deflater = new Deflater();
        final AtomicInteger sequence = new AtomicInteger();
        volatile boolean identified;

        void onMessage(String text) {
            JsonNode payload = JSON.readTree(text);
            switch (payload.path("op").asInt(-1)) {
                case 1 -> send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
                case 2 -> {
                    String ready = """
                            {"v":10,"user":%s,"guilds":[],"session_id":"fake-session","resume_gateway_url":"ws://127.0.0.1:%d/gateway",
                             "shard":[0,1],"application":{"id":"%d","flags":0},"private_channels":[],"relationships":[]}"""
                            .formatted(botUser(), server.port(), APPLICATION_ID);
                    dispatch("READY", ready);
                    identified = true;
                }
                case 6 -> send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
                default -> {
                    // presence updates and the like need no answer
                }
            }
        }

        void dispatch(String type, String data) {
            send("{\"op\":0,\"t\":\"" + type + "\",\"s\":" + sequence.incrementAndGet() + ",\"d\":" + data + "}");
        }

        /** One message through the connection's zlib stream, flushed so the client can decode it alone. */
        synchronized void send(String json) {
            deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int length;
            do {
                length = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                compressed.write(buffer, 0, length);
            } while (length == buffer.length);
            outbound.emitNext(compressed.toByteArray(), Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofSeconds(1)));
        }
    }

    // ------------------------------------------------------------------------------------------ benchmark support

    /** Told of every REST request as soon as its body has arrived, before it is validated, recorded or answered. */
    @FunctionalInterface
    public interface RequestListener {
        void arrived(String method, String path, String body, long nanoTime);
    }

    private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();

    /** Calls {@code listener} (on a Netty thread: it must be quick) for every REST request from now on. */
    public void onRequest(RequestListener listener) {
        listeners.add(listener);
    }

    private volatile long heartbeatMillis = 5000;

    /**
     * The heartbeat interval HELLO asks for on later connections (default 5 s; Discord asks for about 41 s). A bot
     * that misses an ACK for longer reconnects, so a loaded test machine wants a few seconds.
     */
    public void heartbeatInterval(java.time.Duration interval) {
        heartbeatMillis = interval.toMillis();
    }

    /** Forgets the recorded requests (a long benchmark would otherwise keep them all). */
    public void clearRequests() {
        requests.clear();
    }

    private void arrived(String method, String path, String body) {
        if (!listeners.isEmpty()) {
            long now = System.nanoTime();
            listeners.forEach(listener -> listener.arrived(method, path, body, now));
        }
    }
}
