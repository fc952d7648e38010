package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** GraphQL limits, introspection, personal-data fields, the bot's per-customer scoping, WebSocket auth, headers, audit. */
class HardeningTest extends ApiTestBase {

    private List<ResponseError> errors(String token, String document) {
        List<ResponseError> errors = new ArrayList<>();
        api.as(token).document(document).execute().errors().satisfy(errors::addAll);
        return errors;
    }

    private WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(api.url().replace("/graphql", "")).responseTimeout(Duration.ofSeconds(10)).build();
    }

    // --- Limits ---------------------------------------------------------------------------------------------------

    @Test
    void tooDeepQueriesAreRefusedBeforeAnythingIsFetched() {
        String deep = "{ orders(first: 1) { edges { node { customer { orders { customer { orders { customer { orders { customer { orders {"
                + " customer { orders { customer { orders { number } } } } } } } } } } } } } } } }";
        assertThat(errors(Api.ADMIN_TOKEN, deep)).singleElement().satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("depth"));
    }

    @Test
    void tooComplexQueriesAreRefused() {
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 150; i++) {
            wide.append(" a").append(i).append(": products { id sku name price { amountMinor currency } }");
        }
        wide.append(" }");
        assertThat(errors(Api.ADMIN_TOKEN, wide.toString())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("complexity"));
    }

    @Test
    void oversizedDocumentsAreRefusedBeforeParsing() {
        String huge = "{ products { id } }" + " ".repeat(20_000) + "#";
        assertThat(errors(Api.ADMIN_TOKEN, huge)).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).contains("limit is 16384");
            assertThat(e.getExtensions()).containsEntry("code", "DOCUMENT_TOO_LARGE");
        });
    }

    @Test
    void batchedRequestsAreNotAccepted() {
        var response = http().post().uri("/graphql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Content-Type", "application/json")
                .bodyValue(List.of(Map.of("query", "{ products { id } }"), Map.of("query", "{ products { id } }"))).exchange()
                .returnResult(String.class);
        assertThat(response.getStatus().is4xxClientError()).as("status %s", response.getStatus()).isTrue();
    }

    @Test
    void introspectionIsForAdminsOnly() {
        String introspection = "{ __schema { queryType { name } } }";
        api.admin().document(introspection).execute().path("__schema.queryType.name").entity(String.class).isEqualTo("Query");
        for (String token : List.of(Api.STAFF_TOKEN, Api.BOT_TOKEN, Api.INTEGRATOR_TOKEN)) {
            assertThat(errors(token, introspection)).as(token).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMessage()).containsIgnoringCase("introspection"));
            assertThat(errors(token, "{ __type(name: \"Order\") { name } }")).as(token).isNotEmpty();
        }
    }

    // --- Personal data and cross-customer access --------------------------------------------------------------------

    @Test
    void shippingAddressesAndNotesAreForAdminsStaffAndTheOwnStorefront() {
        var shopper = Api.shopper();
        Map<String, Object> order = api.placeOk(Api.order(shopper, List.of(Api.line(api.physicalProduct(900, 2), 1))));
        String number = (String) order.get("number");
        String query = "{ order(number: \"" + number + "\") { number shippingAddress { line1 } } }";

        for (String token : List.of(Api.ADMIN_TOKEN, Api.STAFF_TOKEN)) {
            api.as(token).document(query).execute().path("order.shippingAddress.line1").entity(String.class).isEqualTo("1 Main St");
        }
        api.as(Api.INTEGRATOR_TOKEN).document(query).execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> {
                    assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN");
                    assertThat(e.getPath()).isEqualTo("order.shippingAddress");
                }))
                .path("order.number").entity(String.class).isEqualTo(number)
                .path("order.shippingAddress").valueIsNull();
        assertThat(errors(Api.INTEGRATOR_TOKEN, "{ order(number: \"" + number + "\") { customer { addresses { line1 } } } }"))
                .anySatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertThat(errors(Api.INTEGRATOR_TOKEN, "{ order(number: \"" + number + "\") { customer { notes } } }"))
                .anySatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));

        // The bot reads the address of its own shopper's order.
        api.bot().document("query($s: ShopperInput!, $n: String!) { shopperOrder(shopper: $s, number: $n) { shippingAddress { line1 } customer { notes } } }")
                .variable("s", shopper).variable("n", number).execute()
                .path("shopperOrder.shippingAddress.line1").entity(String.class).isEqualTo("1 Main St");
    }

    @Test
    void theBotCannotReadAnotherCustomersOrdersOrAddresses() {
        var alice = Api.shopper();
        var mallory = Api.shopper();
        String product = api.physicalProduct(700, 5);
        String alicesOrder = (String) api.placeOk(Api.order(alice, List.of(Api.line(product, 1)))).get("number");
        api.placeOk(Api.order(mallory, List.of(Api.line(product, 1))));

        api.bot().document("query($s: ShopperInput!, $n: String!) { shopperOrder(shopper: $s, number: $n) { number shippingAddress { line1 } } }")
                .variable("s", mallory).variable("n", alicesOrder).execute().path("shopperOrder").valueIsNull();
        List<Object> mallorysNumbers = Api.pluck(api.bot().document("query($s: ShopperInput!) { shopperOrders(shopper: $s, first: 50) { number } }")
                .variable("s", mallory).execute().path("shopperOrders").entityList(Object.class).get(), "number");
        assertThat(mallorysNumbers).hasSize(1).doesNotContain(alicesOrder);
        api.bot().document("query($s: ShopperInput!) { shopperAddresses(shopper: $s) { line1 } }").variable("s", mallory).execute()
                .path("shopperAddresses").entityList(Object.class).hasSize(0);
        // And the bot has no way around the shopper: the dashboard's order lookups are closed to it.
        assertThat(errors(Api.BOT_TOKEN, "{ order(number: \"" + alicesOrder + "\") { number } }"))
                .anySatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
        assertThat(errors(Api.BOT_TOKEN, "{ customers(search: \"" + alice.get("discordUserId") + "\") { id } }"))
                .anySatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }

    // --- WebSocket ------------------------------------------------------------------------------------------------

    private static final String QUERY = WebSocketProbe.subscribe("1", "{ viewer { name roles } }");

    @Test
    void webSocketAuthenticatesInConnectionInit() {
        for (String payload : List.of("{\"Authorization\":\"Bearer " + Api.ADMIN_TOKEN + "\"}", "{\"authorization\":\"Bearer " + Api.ADMIN_TOKEN + "\"}",
                "{\"token\":\"" + Api.ADMIN_TOKEN + "\"}")) {
            var result = WebSocketProbe.run(api.url(), new HttpHeaders(), payload, QUERY);
            assertThat(result.received()).as(payload).anySatisfy(m -> assertThat(m).contains("connection_ack"))
                    .anySatisfy(m -> assertThat(m).contains("\"name\":\"bootstrap-admin\"").contains("ADMIN"));
        }
        var bot = WebSocketProbe.run(api.url(), new HttpHeaders(), "{\"Authorization\":\"Bearer " + Api.BOT_TOKEN + "\"}",
                WebSocketProbe.subscribe("1", "{ products { id } }"));
        assertThat(bot.received()).anySatisfy(m -> assertThat(m).contains("FORBIDDEN"));
    }

    @Test
    void webSocketWithoutOrWithABadCredentialIsClosedWith4401() {
        for (String payload : List.of("{}", "{\"Authorization\":\"Bearer nope\"}", "{\"token\":\"\"}")) {
            var result = WebSocketProbe.run(api.url(), new HttpHeaders(), payload, QUERY);
            assertThat(result.received()).as(payload).noneSatisfy(m -> assertThat(m).contains("connection_ack"));
            assertThat(result.close()).as(payload).isNotNull().satisfies(status -> assertThat(status.getCode()).isEqualTo(4401));
        }
    }

    @Test
    void aValidCredentialWhoseRoleMayNotOpenAWebSocketIsClosedWith4403() {
        var result = WebSocketProbe.run(api.url(), new HttpHeaders(), "{\"Authorization\":\"Bearer " + Api.INTEGRATOR_TOKEN + "\"}", QUERY);
        assertThat(result.received()).noneSatisfy(m -> assertThat(m).contains("connection_ack"));
        assertThat(result.close()).isNotNull().satisfies(status -> assertThat(status.getCode()).isEqualTo(4403));
    }

    @Test
    void aWebSocketHandshakeFromAForeignOriginIsRefused() {
        var headers = new HttpHeaders();
        headers.setOrigin("https://evil.example");
        http().get().uri("/graphql").header("Origin", "https://evil.example").header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Protocol", "graphql-transport-ws").exchange().expectStatus().isForbidden();
        var allowed = new HttpHeaders();
        allowed.setOrigin("http://localhost:4200");
        assertThat(WebSocketProbe.run(api.url(), allowed, "{\"token\":\"" + Api.ADMIN_TOKEN + "\"}", QUERY).received())
                .anySatisfy(m -> assertThat(m).contains("bootstrap-admin"));
    }

    // --- Headers ----------------------------------------------------------------------------------------------------

    @Test
    void responsesCarrySecurityHeaders() {
        http().post().uri("/graphql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Content-Type", "application/json")
                .bodyValue(Map.of("query", "{ viewer { name } }")).exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'"))
                .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        http().get().uri("/graphiql?path=/graphql").header("Authorization", "Bearer " + Api.ADMIN_TOKEN).exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("https://esm.sh").contains("frame-ancestors 'none'"));
    }

    @Test
    void bearerRequestsNeedNoCsrfTokenAndGetNoCookies() {
        http().post().uri("/graphql").header("Authorization", "Bearer " + Api.STAFF_TOKEN).header("Content-Type", "application/json")
                .bodyValue(Map.of("query", "mutation { addOrderNote(number: \"LL-999999999\", note: \"x\") { problems { code } } }"))
                .exchange().expectStatus().isOk().expectHeader().doesNotExist("Set-Cookie");
    }

    // --- Audit --------------------------------------------------------------------------------------------------------

    @Test
    void adminAndStaffMutationsAreAuditedWithRedactedSecrets() {
        String product = api.physicalProduct(1200, 0);
        api.staff().document("mutation Restock($input: AdjustStockInput!) { adjustStock(input: $input) { problems { code } } }")
                .variable("input", Map.of("productId", product, "delta", 4, "reason", "delivery")).execute();
        api.staff().document("mutation { cancelOrder(number: \"LL-999999999\") { problems { code } } }").execute();
        api.staff().document("mutation { archiveProduct(id: \"" + product + "\") { problems { code } } }").execute();
        String name = "audited-" + Api.unique();
        String secret = (String) api.admin().document("mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret } }")
                .variable("i", Map.of("name", name, "role", "BOT")).execute().path("createApiToken.secret").entity(String.class).get();
        api.bot().document("mutation { placeOrder(input: {shopper: {discordUserId: \"1\", username: \"u\"}, lines: [], paymentMethod: VENMO, placement: {via: DM}}) { problems { code } } }").execute();

        String entries = "{ auditLog(first: 10, filter: {actor: \"token:test-staff\"}) { edges { node { actor actorRole operation field arguments outcome problems targetId after } } pageInfo { hasNextPage endCursor } } }";
        List<Map<String, Object>> staff = api.admin().document(entries).execute().path("auditLog.edges[*].node").entityList(Map.class).get()
                .stream().map(Api::obj).toList();
        assertThat(staff.get(0)).containsEntry("field", "archiveProduct").containsEntry("outcome", "ERROR").containsEntry("actorRole", "STAFF");
        assertThat(staff.get(1)).containsEntry("field", "cancelOrder").containsEntry("outcome", "PROBLEMS").containsEntry("problems", List.of("NOT_FOUND"));
        assertThat(staff.get(2)).containsEntry("field", "adjustStock").containsEntry("operation", "Restock").containsEntry("outcome", "OK")
                .containsEntry("targetId", product);
        assertThat((String) staff.get(2).get("arguments")).contains("\"delta\": 4").contains("delivery");
        assertThat((String) staff.get(2).get("after")).contains("\"id\": " + product);

        List<Map<String, Object>> admin = api.admin().document("{ auditLog(first: 50, filter: {field: \"createApiToken\"}) { edges { node { arguments after targetId } } } }")
                .execute().path("auditLog.edges[*].node").entityList(Map.class).get().stream().map(Api::obj).toList();
        Map<String, Object> created = admin.stream().filter(e -> ((String) e.get("arguments")).contains(name)).findFirst().orElseThrow();
        assertThat(created.get("targetId")).isNotNull();
        assertThat(created.toString()).doesNotContain(secret);
        assertThat(api.count("select count(*) from audit_log where arguments::text like :s or after::text like :s", Map.of("s", "%" + secret + "%"))).isZero();
        // The bot's storefront calls are not staff actions.
        assertThat(api.count("select count(*) from audit_log where actor = 'bot'", Map.of())).isZero();

        // Paging, and only admins read the log.
        String cursor = api.admin().document("{ auditLog(first: 1) { pageInfo { endCursor hasNextPage } } }").execute()
                .path("auditLog.pageInfo.endCursor").entity(String.class).get();
        api.admin().document("query($c: String) { auditLog(first: 1, after: $c) { edges { cursor } } }").variable("c", cursor).execute()
                .path("auditLog.edges[0].cursor").entity(String.class).satisfies(next -> assertThat(next).isNotEqualTo(cursor));
        assertThat(errors(Api.STAFF_TOKEN, "{ auditLog { edges { cursor } } }")).anySatisfy(e -> assertThat(e.getErrorType().toString()).isEqualTo("FORBIDDEN"));
    }
}
