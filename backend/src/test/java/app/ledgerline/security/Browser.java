package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A browser as far as the login flow needs one: keeps cookies, follows nothing by itself, has its own address. */
final class Browser {

    final String base;
    final String ip = "10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);
    final Map<String, String> cookies = new LinkedHashMap<>();
    final Map<String, ResponseCookie> lastSetCookies = new LinkedHashMap<>();
    private final WebTestClient client;

    Browser(String graphqlUrl) {
        this.base = graphqlUrl.replace("/graphql", "");
        this.client = WebTestClient.bindToServer().baseUrl(base).responseTimeout(Duration.ofSeconds(20)).build();
    }

    String cookieHeader() {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private <T> EntityExchangeResult<T> keep(EntityExchangeResult<T> result) {
        result.getResponseCookies().forEach((name, values) -> values.forEach(cookie -> {
            lastSetCookies.put(name, cookie);
            if (cookie.getValue().isEmpty() || cookie.getMaxAge().isZero()) {
                cookies.remove(name);
            } else {
                cookies.put(name, cookie.getValue());
            }
        }));
        return result;
    }

    EntityExchangeResult<String> get(String pathOrUrl) {
        var spec = client.get().uri(pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(base + pathOrUrl)).header("X-Forwarded-For", ip);
        if (!cookies.isEmpty()) {
            spec = spec.header("Cookie", cookieHeader());
        }
        return keep(spec.exchange().expectBody(String.class).returnResult());
    }

    /** POSTs JSON; {@code csrf}: the header value to send, or null for none. */
    EntityExchangeResult<String> post(String path, Object body, String csrf) {
        var spec = client.post().uri(base + path).header("X-Forwarded-For", ip).header("Content-Type", "application/json");
        if (!cookies.isEmpty()) {
            spec = spec.header("Cookie", cookieHeader());
        }
        if (csrf != null) {
            spec = spec.header("X-XSRF-TOKEN", csrf);
        }
        return keep(spec.bodyValue(body).exchange().expectBody(String.class).returnResult());
    }

    EntityExchangeResult<String> graphql(String query) {
        return post("/graphql", Map.of("query", query), cookies.get("XSRF-TOKEN"));
    }

    /** Starts the flow: returns the URL of Discord's authorize page the backend redirected to. */
    URI startLogin() {
        var result = get("/oauth2/authorization/discord");
        assertThat(result.getStatus().value()).isEqualTo(302);
        return result.getResponseHeaders().getLocation();
    }

    /** What Discord's authorize page does when the user approves: redirects back with code and state. */
    static URI approve(URI authorize) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorize).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(response.statusCode()).isEqualTo(302);
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The whole code flow; returns where the backend sent the browser at the end. */
    URI login() {
        var callback = approve(startLogin());
        var result = get(callback.toString());
        assertThat(result.getStatus().value()).isEqualTo(302);
        return result.getResponseHeaders().getLocation();
    }
}
