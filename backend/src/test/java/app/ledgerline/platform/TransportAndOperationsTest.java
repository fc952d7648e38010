package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/** GraphQL over WebSocket, the HTTP protocol details, Actuator and GraphiQL access. */
class TransportAndOperationsTest extends ApiTestBase {

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(api.url().replace("/graphql", "")).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void graphQlWorksOverWebSocketAtTheSamePath() {
        String product = api.physicalProduct(1234, 2);
        var tester = WebSocketGraphQlTester.builder(URI.create(api.url().replace("http:", "ws:")), new ReactorNettyWebSocketClient())
                .headers(headers -> headers.setBearerAuth(Api.ADMIN_TOKEN))
                .build();
        try {
            tester.document("query($id: ID!) { product(id: $id) { id price { amountMinor } stock { available } } }").variable("id", product)
                    .execute()
                    .path("product.price.amountMinor").entity(Long.class).isEqualTo(1234L)
                    .path("product.stock.available").entity(Integer.class).isEqualTo(2);
        } finally {
            tester.stop().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void aMalformedRequestGetsAGraphQlError() {
        api.admin().document("{ products { nosuchfield } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("nosuchfield")));
        api.admin().document("query($id: ID!) { product(id: $id) { id } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("id")));
    }

    @Test
    void healthIsOpenMetricsAreForAdmins() {
        http().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        http().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http().get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        http().get().uri("/actuator/metrics").header("Authorization", "Bearer " + Api.BOT_TOKEN).exchange().expectStatus().isForbidden();

        api.placeOk(Api.order(Api.shopper(), java.util.List.of(Api.line(api.physicalProduct(100, 1), 1))));
        for (String meter : new String[] {"ledgerline.orders.placed", "ledgerline.stock.reservations", "graphql.request"}) {
            http().get().uri("/actuator/metrics/" + meter).header("Authorization", "Bearer " + Api.ADMIN_TOKEN).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.measurements[0].value").value(v -> assertThat(((Number) v).doubleValue()).isPositive());
        }
    }

    @Test
    void graphiqlIsOnlyForAdmins() {
        http().get().uri("/graphiql").exchange().expectStatus().isUnauthorized();
        http().get().uri("/graphiql").header("Authorization", "Bearer " + Api.STAFF_TOKEN).exchange().expectStatus().isForbidden();
        http().get().uri("/graphiql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).exchange()
                .expectStatus().is3xxRedirection().expectHeader().value("Location", location -> assertThat(location).contains("/graphiql?path=/graphql"));
        http().get().uri("/graphiql?path=/graphql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).exchange()
                .expectStatus().isOk().expectBody(String.class).value(page -> assertThat(page).containsIgnoringCase("graphiql"));
        http().get().uri("/graphiql?path=/graphql").header("Authorization", "Bearer " + Api.BOT_TOKEN).exchange().expectStatus().isForbidden();
    }

    @Test
    void unknownPathsAreClosed() {
        http().get().uri("/anything").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).exchange().expectStatus().isForbidden();
        http().post().uri("/graphql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Content-Type", "application/json")
                .bodyValue(Map.of("query", "{ products { id } }")).exchange().expectStatus().isOk();
    }
}
