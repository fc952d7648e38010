package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Per-address and per-principal token buckets (8 at once, one more every 10 s in this context), answered with 429. */
class RateLimitTest extends SessionContextTestBase {

    private static String newIp() {
        return "172.16." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(1, 255);
    }

    private EntityExchangeResult<String> post(String path, String ip, String token) {
        var spec = WebTestClient.bindToServer().baseUrl(api.url().replace("/graphql", "")).responseTimeout(Duration.ofSeconds(10)).build()
                .post().uri(path).header("X-Forwarded-For", ip).header("Content-Type", "application/json");
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.bodyValue(Map.of("query", "{ viewer { name } }")).exchange().expectBody(String.class).returnResult();
    }

    private static void assertTooManyRequests(EntityExchangeResult<String> result) {
        assertThat(result.getStatus().value()).isEqualTo(429);
        assertThat(Long.parseLong(result.getResponseHeaders().getFirst("Retry-After"))).isBetween(1L, 10L);
        assertThat(result.getResponseBody()).contains("RATE_LIMITED");
    }

    @Test
    void anonymousRequestsAreLimitedPerAddress() {
        String ip = newIp();
        for (int i = 0; i < 8; i++) {
            assertThat(post("/graphql", ip, null).getStatus().value()).isEqualTo(401);
        }
        assertTooManyRequests(post("/graphql", ip, null));
        assertThat(post("/graphql", newIp(), null).getStatus().value()).as("another address").isEqualTo(401);
        Awaitility.await().atMost(Duration.ofSeconds(25)).pollInterval(Duration.ofMillis(500))
                .until(() -> post("/graphql", ip, null).getStatus().value() == 401);
    }

    @Test
    void webhooksAreLimitedPerAddress() {
        String ip = newIp();
        for (int i = 0; i < 8; i++) {
            assertThat(post("/webhooks/btcpay", ip, null).getStatus().value()).isNotEqualTo(429);
        }
        assertTooManyRequests(post("/webhooks/btcpay", ip, null));
    }

    @Test
    void guessingTokensExhaustsTheGuessersAddress() {
        String ip = newIp();
        for (int i = 0; i < 8; i++) {
            assertThat(post("/graphql", ip, "guess-" + i).getStatus().value()).isEqualTo(401);
        }
        assertTooManyRequests(post("/graphql", ip, Api.ADMIN_TOKEN));
        assertThat(post("/graphql", newIp(), Api.ADMIN_TOKEN).getStatus().value()).isEqualTo(200);
    }

    @Test
    void signedInCallersAreLimitedPerPrincipalWhateverTheirAddress() {
        String token = "rate-limited-" + Api.unique();
        db.sql("insert into api_token (name, role, token_sha256) values (:n, 'STAFF', :h)")
                .bind("n", "rate-" + Api.unique()).bind("h", TokenHash.sha256(token)).then().block();
        for (int i = 0; i < 8; i++) {
            assertThat(post("/graphql", newIp(), token).getStatus().value()).isEqualTo(200);
        }
        assertTooManyRequests(post("/graphql", newIp(), token));
        assertThat(post("/graphql", newIp(), Api.STAFF_TOKEN).getStatus().value()).as("another principal").isEqualTo(200);
    }
}
