package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Admins create, list and revoke API tokens; only hashes are stored; scopes decide what an integrator may do. */
class ApiTokenTest extends ApiTestBase {

    private static final String CREATE = """
            mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) {
              secret token { id name role scopes createdBy expiresAt revokedAt active } problems { code field } } }""";

    private Map<String, Object> create(String name, String role, List<String> scopes, Instant expiresAt) {
        var input = new java.util.HashMap<String, Object>(Map.of("name", name, "role", role, "scopes", scopes));
        if (expiresAt != null) {
            input.put("expiresAt", expiresAt.toString());
        }
        return api.admin().document(CREATE).variable("input", input).execute().path("createApiToken").entity(Map.class).get();
    }

    private int status(String token, String query) {
        return WebTestClient.bindToServer().baseUrl(api.url()).responseTimeout(Duration.ofSeconds(10)).build()
                .post().header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .bodyValue(Map.of("query", query)).exchange().returnResult(String.class).getStatus().value();
    }

    private static boolean forbidden(List<ResponseError> errors) {
        return errors.stream().anyMatch(e -> "FORBIDDEN".equals(e.getErrorType().toString()));
    }

    private List<ResponseError> errorsOf(String token, String document) {
        List<ResponseError> errors = new ArrayList<>();
        api.as(token).document(document).execute().errors().satisfy(errors::addAll);
        return errors;
    }

    @Test
    void theSecretIsShownOnceAndOnlyItsHashIsStored() {
        String name = "shipping-sync-" + Api.unique();
        Map<String, Object> payload = create(name, "INTEGRATOR", List.of("ORDERS_READ"), null);
        assertThat((List<?>) payload.get("problems")).isEmpty();
        String secret = (String) payload.get("secret");
        Map<String, Object> token = Api.obj(payload.get("token"));
        assertThat(secret).startsWith("llt_").hasSizeGreaterThan(40);
        assertThat(token).containsEntry("name", name).containsEntry("role", "INTEGRATOR").containsEntry("createdBy", "bootstrap-admin")
                .containsEntry("active", true);
        assertThat(token.get("scopes")).isEqualTo(List.of("ORDERS_READ"));

        // Stored as a hash only; the list never shows a secret (the type has no such field).
        assertThat(api.count("select count(*) from api_token where token_sha256 = :h", Map.of("h", TokenHash.sha256(secret)))).isEqualTo(1);
        assertThat(api.count("select count(*) from api_token where position(convert_to(:s, 'UTF8') in token_sha256) > 0 or name = :s",
                Map.of("s", secret))).isZero();
        List<Map<String, Object>> listed = api.admin().document("{ apiTokens { id name scopes } }").execute()
                .path("apiTokens").entityList(Map.class).get().stream().map(Api::obj).toList();
        assertThat(listed).anySatisfy(t -> assertThat(t).containsEntry("name", name));
        api.admin().document("{ apiTokens { secret } }").execute().errors()
                .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("secret")));

        assertThat(status(secret, "{ orders(first: 1) { edges { cursor } } }")).isEqualTo(200);
    }

    @Test
    void scopesDecideWhatAnIntegratorMayCall() {
        String ordersOnly = (String) create("orders-only-" + Api.unique(), "INTEGRATOR", List.of("ORDERS_READ"), null).get("secret");
        String catalogAndStock = (String) create("stock-sync-" + Api.unique(), "INTEGRATOR", List.of("CATALOG_READ", "INVENTORY_WRITE"), null).get("secret");
        String product = api.physicalProduct(500, 3);
        String adjust = "mutation { adjustStock(input: {productId: \"" + product + "\", delta: 2, reason: \"sync\"}) { product { stock { onHand } } problems { code } } }";

        assertThat(forbidden(errorsOf(ordersOnly, "{ orders(first: 1) { edges { cursor } } }"))).isFalse();
        assertThat(forbidden(errorsOf(ordersOnly, "{ products { id } }"))).isTrue();
        assertThat(forbidden(errorsOf(ordersOnly, adjust))).isTrue();

        assertThat(forbidden(errorsOf(catalogAndStock, "{ products { id } }"))).isFalse();
        assertThat(forbidden(errorsOf(catalogAndStock, "{ order(number: \"LL-1\") { number } }"))).isTrue();
        assertThat(errorsOf(catalogAndStock, adjust)).isEmpty();
        assertThat(api.stock(product)).containsEntry("on_hand", 5);
        // Integrators never reach configuration, customers, tokens or the storefront.
        assertThat(forbidden(errorsOf(catalogAndStock, "{ customers { id } }"))).isTrue();
        assertThat(forbidden(errorsOf(catalogAndStock, "{ apiTokens { id } }"))).isTrue();
    }

    @Test
    void aBotTokenIsTheBotsCredential() {
        String bot = (String) create("bot-" + Api.unique(), "BOT", List.of(), null).get("secret");
        api.as(bot).document("{ storefrontCatalog(shopper: {discordUserId: \"42\", username: \"u\"}) { id } }").execute().errors().verify();
        assertThat(forbidden(errorsOf(bot, "{ products { id } }"))).isTrue();
        assertThat(api.as(bot).document("{ viewer { name roles via } }").execute().path("viewer").entity(Map.class).get())
                .containsEntry("roles", List.of("BOT")).containsEntry("via", "TOKEN");
    }

    @Test
    void revokedTokensStopWorkingAtOnce() {
        Map<String, Object> created = create("short-lived-" + Api.unique(), "INTEGRATOR", List.of("CATALOG_READ"), null);
        String secret = (String) created.get("secret");
        String id = (String) Api.obj(created.get("token")).get("id");
        assertThat(status(secret, "{ products { id } }")).isEqualTo(200);

        Map<String, Object> revoked = api.admin().document("mutation($id: ID!) { revokeApiToken(id: $id) { token { revokedAt active } problems { code } } }")
                .variable("id", id).execute().path("revokeApiToken").entity(Map.class).get();
        assertThat(Api.obj(revoked.get("token"))).containsEntry("active", false).extractingByKey("revokedAt").isNotNull();
        assertThat(status(secret, "{ products { id } }")).isEqualTo(401);

        assertThat(Api.problemCodes(api.admin().document("mutation { revokeApiToken(id: \"999999999\") { problems { code } } }")
                .execute().path("revokeApiToken").entity(Map.class).get())).containsExactly("NOT_FOUND");
    }

    @Test
    void expiredTokensAreRefused() {
        String secret = (String) create("expiring-" + Api.unique(), "INTEGRATOR", List.of("CATALOG_READ"),
                Instant.now().plusSeconds(2)).get("secret");
        assertThat(status(secret, "{ products { id } }")).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> status(secret, "{ products { id } }") == 401);
    }

    @Test
    void invalidRequestsAreProblemsAndChangeNothing() {
        long before = api.count("select count(*) from api_token", Map.of());
        assertThat(Api.problemCodes(create("", "INTEGRATOR", List.of(), Instant.now().minusSeconds(5))))
                .containsExactly("INVALID_INPUT", "INVALID_INPUT", "INVALID_INPUT");
        assertThat(Api.problemCodes(create("bot-with-scopes", "BOT", List.of("ORDERS_READ"), null))).containsExactly("INVALID_INPUT");
        assertThat(api.count("select count(*) from api_token", Map.of())).isEqualTo(before);
    }

    @Test
    void onlyAdminsManageTokens() {
        assertThat(forbidden(errorsOf(Api.STAFF_TOKEN, "{ apiTokens { id } }"))).isTrue();
        assertThat(forbidden(errorsOf(Api.STAFF_TOKEN,
                "mutation { createApiToken(input: {name: \"x\", role: BOT}) { secret problems { code } } }"))).isTrue();
        assertThat(forbidden(errorsOf(Api.BOT_TOKEN, "mutation { revokeApiToken(id: \"1\") { problems { code } } }"))).isTrue();
    }
}
