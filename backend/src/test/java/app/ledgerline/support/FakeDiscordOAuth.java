package app.ledgerline.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local fake of Discord's OAuth2 endpoints: authorize (redirects straight back with a code for the user set with
 * {@link #nextLogin}), token (checks the client's Basic credentials, the code and the redirect URI), {@code /users/@me}
 * and {@code /users/@me/guilds/{guildId}/member} (roles set per user; 404 for a non-member). One per test JVM.
 */
public final class FakeDiscordOAuth {

    public static final String CLIENT_ID = "123456789012345678";
    public static final String CLIENT_SECRET = "fake-discord-client-secret-Zx81";
    public static final String GUILD_ID = "900000000000000001";
    public static final String ADMIN_ROLE = "900000000000000011";
    public static final String STAFF_ROLE = "900000000000000012";

    private static FakeDiscordOAuth instance;

    private final HttpServer server;
    private final Map<String, List<String>> memberRoles = new ConcurrentHashMap<>();
    private final Map<String, String> codes = new ConcurrentHashMap<>();
    private final Map<String, String> redirectUris = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> memberReads = new ConcurrentHashMap<>();
    public final List<Map<String, String>> authorizeRequests = new CopyOnWriteArrayList<>();
    private volatile String nextUser;
    private volatile boolean failTokenExchange;

    public static synchronized FakeDiscordOAuth get() {
        if (instance == null) {
            instance = new FakeDiscordOAuth();
        }
        return instance;
    }

    private FakeDiscordOAuth() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "fake-discord");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/oauth2/authorize", this::authorize);
        server.createContext("/api/oauth2/token", this::token);
        server.createContext("/api/v10/users/@me", this::usersMe);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Spring properties pointing the backend at this fake. */
    public Map<String, String> properties() {
        return Map.of(
                "ledgerline.security.discord.client-id", CLIENT_ID,
                "ledgerline.security.discord.client-secret", CLIENT_SECRET,
                "ledgerline.security.discord.guild-id", GUILD_ID,
                "ledgerline.security.discord.admin-role-ids", ADMIN_ROLE,
                "ledgerline.security.discord.staff-role-ids", STAFF_ROLE,
                "ledgerline.security.discord.authorize-uri", baseUrl() + "/oauth2/authorize",
                "ledgerline.security.discord.token-uri", baseUrl() + "/api/oauth2/token",
                "ledgerline.security.discord.api-base-url", baseUrl() + "/api/v10");
    }

    /** The Discord user the next authorize request signs in, with the role ids they hold (null: not a guild member). */
    public void nextLogin(String userId, List<String> roles) {
        nextUser = userId;
        setRoles(userId, roles);
        failTokenExchange = false;
    }

    public void setRoles(String userId, List<String> roles) {
        if (roles == null) {
            memberRoles.remove(userId);
        } else {
            memberRoles.put(userId, List.copyOf(roles));
        }
    }

    public void failNextTokenExchange() {
        failTokenExchange = true;
    }

    public int memberReads(String userId) {
        return memberReads.computeIfAbsent(userId, k -> new AtomicInteger()).get();
    }

    public static String accessTokenOf(String userId) {
        return "fake-access-token-" + userId;
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
        authorizeRequests.add(query);
        String code = "code-" + System.nanoTime();
        codes.put(code, nextUser);
        redirectUris.put(code, query.get("redirect_uri"));
        String location = query.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String user = codes.remove(form.getOrDefault("code", ""));
        boolean valid = "POST".equals(exchange.getRequestMethod()) && expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))
                && "authorization_code".equals(form.get("grant_type")) && user != null
                && form.get("redirect_uri") != null && form.get("redirect_uri").equals(redirectUris.get(form.get("code")));
        if (!valid || failTokenExchange) {
            json(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid \\\"code\\\" in request.\"}");
            return;
        }
        json(exchange, 200, "{\"access_token\":\"" + accessTokenOf(user) + "\",\"token_type\":\"Bearer\",\"expires_in\":604800,"
                + "\"refresh_token\":\"fake-refresh-" + user + "\",\"scope\":\"identify guilds.members.read\"}");
    }

    private void usersMe(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String prefix = "Bearer " + "fake-access-token-";
        if (auth == null || !auth.startsWith(prefix)) {
            json(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}");
            return;
        }
        String user = auth.substring(prefix.length());
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v10/users/@me")) {
            json(exchange, 200, "{\"id\":\"" + user + "\",\"username\":\"user" + user + "\",\"global_name\":\"User " + user
                    + "\",\"avatar\":null,\"discriminator\":\"0\"}");
        } else if (path.equals("/api/v10/users/@me/guilds/" + GUILD_ID + "/member")) {
            memberReads.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
            List<String> roles = memberRoles.get(user);
            if (roles == null) {
                json(exchange, 404, "{\"message\":\"Unknown Guild\",\"code\":10004}");
                return;
            }
            json(exchange, 200, "{\"roles\":[" + roles.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "],"
                    + "\"user\":{\"id\":\"" + user + "\"},\"nick\":null,\"joined_at\":\"2025-01-01T00:00:00+00:00\"}");
        } else {
            json(exchange, 404, "{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
