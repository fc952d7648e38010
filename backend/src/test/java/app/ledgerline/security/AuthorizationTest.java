package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.graphql.ResponseError;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Each role against each class of operation, from the outside. */
class AuthorizationTest extends ApiTestBase {

    private static final Map<Role, String> TOKENS = Map.of(
            Role.ADMIN, Api.ADMIN_TOKEN, Role.STAFF, Api.STAFF_TOKEN, Role.BOT, Api.BOT_TOKEN, Role.INTEGRATOR, Api.INTEGRATOR_TOKEN);

    private static final String SHOPPER = "{discordUserId: \"1\", username: \"u\"}";

    /** One operation per class, written so that an allowed call changes nothing (invalid input or unknown ids). */
    private record Operation(String name, String document, Set<Role> allowed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Set<Role> STOREFRONT = Set.of(Role.BOT);
    private static final Set<Role> READ = Set.of(Role.ADMIN, Role.STAFF, Role.INTEGRATOR);
    private static final Set<Role> OPERATIONS = Set.of(Role.ADMIN, Role.STAFF);
    private static final Set<Role> CONFIG = Set.of(Role.ADMIN);

    private static final List<Operation> OPERATIONS_TABLE = List.of(
            new Operation("storefrontCatalog", "{ storefrontCatalog(shopper: " + SHOPPER + ") { id } }", STOREFRONT),
            new Operation("quote", "{ quote(input: {shopper: " + SHOPPER + ", lines: []}) { problems { code } } }", STOREFRONT),
            new Operation("shopperOrders", "{ shopperOrders(shopper: " + SHOPPER + ") { number } }", STOREFRONT),
            new Operation("placeOrder", "mutation { placeOrder(input: {shopper: " + SHOPPER + ", lines: [], paymentMethod: VENMO, placement: {via: DM}}) { problems { code } } }", STOREFRONT),
            new Operation("saveShopperAddress", "mutation { saveShopperAddress(shopper: " + SHOPPER + ", address: {name: \"\", line1: \"\", city: \"\", postalCode: \"\", country: \"\"}) { problems { code } } }", STOREFRONT),
            new Operation("products", "{ products { id } }", READ),
            new Operation("product", "{ product(id: \"999999999\") { id } }", READ),
            new Operation("orders", "{ orders(first: 1) { edges { cursor } } }", READ),
            new Operation("order", "{ order(number: \"LL-999999999\") { number } }", READ),
            new Operation("customers", "{ customers(first: 1) { id } }", OPERATIONS),
            new Operation("customer", "{ customer(id: \"999999999\") { id } }", OPERATIONS),
            new Operation("discounts", "{ discounts { id } }", OPERATIONS),
            new Operation("adjustStock", "mutation { adjustStock(input: {productId: \"999999999\", delta: 1, reason: \"x\"}) { problems { code } } }", OPERATIONS),
            new Operation("setCustomerNotes", "mutation { setCustomerNotes(customerId: \"999999999\", notes: \"x\") { problems { code } } }", OPERATIONS),
            new Operation("updateOrderStatus", "mutation { updateOrderStatus(input: {number: \"LL-999999999\", status: PAID}) { problems { code } } }", OPERATIONS),
            new Operation("cancelOrder", "mutation { cancelOrder(number: \"LL-999999999\") { problems { code } } }", OPERATIONS),
            new Operation("addOrderNote", "mutation { addOrderNote(number: \"LL-999999999\", note: \"x\") { problems { code } } }", OPERATIONS),
            new Operation("createProduct", "mutation { createProduct(input: {sku: \"\", name: \"\", priceMinor: -1, kind: PHYSICAL}) { problems { code } } }", CONFIG),
            new Operation("updateProduct", "mutation { updateProduct(id: \"999999999\", input: {sku: \"\", name: \"\", priceMinor: -1, kind: PHYSICAL}) { problems { code } } }", CONFIG),
            new Operation("archiveProduct", "mutation { archiveProduct(id: \"999999999\") { problems { code } } }", CONFIG),
            new Operation("createDiscount", "mutation { createDiscount(input: {name: \"\", kind: PERCENTAGE}) { problems { code } } }", CONFIG),
            new Operation("setDiscountActive", "mutation { setDiscountActive(id: \"999999999\", active: false) { problems { code } } }", CONFIG),
            new Operation("viewer", "{ viewer { name roles } }", Set.of(Role.values())),
            new Operation("apiTokens", "{ apiTokens { id } }", CONFIG),
            new Operation("createApiToken", "mutation { createApiToken(input: {name: \"\", role: BOT}) { secret problems { code } } }", CONFIG),
            new Operation("revokeApiToken", "mutation { revokeApiToken(id: \"999999999\") { problems { code } } }", CONFIG),
            new Operation("auditLog", "{ auditLog(first: 1) { edges { cursor } } }", CONFIG),
            new Operation("enabledPaymentMethods", "{ enabledPaymentMethods }", Set.of(Role.BOT, Role.ADMIN, Role.STAFF)),
            new Operation("paymentMethodSettings", "{ paymentMethodSettings { method } }", CONFIG),
            new Operation("payments", "{ payments(first: 1) { id } }", OPERATIONS),
            new Operation("shopSettings", "{ shopSettings { lowStockAnnouncements } }", CONFIG),
            new Operation("configurePaymentMethod", "mutation { configurePaymentMethod(input: {method: VENMO, enabled: true, handle: \"bad handle!\"}) { problems { code } } }", CONFIG),
            new Operation("updateShopSettings", "mutation { updateShopSettings(input: {lowStockAnnouncements: true}) { problems { code } } }", CONFIG),
            new Operation("claimPayment", "mutation { claimPayment(shopper: " + SHOPPER + ", number: \"LL-999999999\", reference: \"x\") { problems { code } } }", STOREFRONT),
            new Operation("confirmPayment", "mutation { confirmPayment(input: {number: \"LL-999999999\", amountMinor: 1, reference: \"x\"}) { problems { code } } }", OPERATIONS),
            new Operation("rejectPayment", "mutation { rejectPayment(number: \"LL-999999999\", reason: \"x\") { problems { code } } }", OPERATIONS),
            new Operation("refundOrder", "mutation { refundOrder(input: {number: \"LL-999999999\", amountMinor: 1, reason: \"x\"}) { problems { code } } }", CONFIG),
            new Operation("acknowledgeBotTask", "mutation { acknowledgeBotTask(input: {id: \"999999999\", success: true}) { problems { code } } }", STOREFRONT));

    static Stream<Arguments> everyRoleAgainstEveryOperation() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : OPERATIONS_TABLE) {
            for (Role role : Role.values()) {
                cases.add(Arguments.of(operation, role));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} calls {0}")
    @MethodSource("everyRoleAgainstEveryOperation")
    void eachRoleReachesExactlyItsOperations(Operation operation, Role role) {
        List<ResponseError> errors = new ArrayList<>();
        api.as(TOKENS.get(role)).document(operation.document()).execute().errors().satisfy(errors::addAll);
        boolean forbidden = errors.stream().anyMatch(e -> "FORBIDDEN".equals(e.getErrorType().toString()));
        assertThat(forbidden).as("%s forbidden for %s (errors %s)", operation, role, errors).isEqualTo(!operation.allowed().contains(role));
        if (!forbidden) {
            assertThat(errors).as("no other error").isEmpty();
        }
    }

    private WebTestClient.ResponseSpec post(String token) {
        var client = WebTestClient.bindToServer().baseUrl(api.url()).responseTimeout(Duration.ofSeconds(10)).build();
        var request = client.post().header("Content-Type", "application/json");
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.bodyValue(Map.of("query", "{ products { id } }")).exchange();
    }

    @Test
    void missingUnknownRevokedAndExpiredTokensAreUnauthorized() {
        String revoked = "revoked-token-" + Api.unique();
        String expired = "expired-token-" + Api.unique();
        db.sql("insert into api_token (name, role, token_sha256, revoked_at) values ('revoked', 'ADMIN', :h, now())")
                .bind("h", TokenHash.sha256(revoked)).then().block();
        db.sql("insert into api_token (name, role, token_sha256, expires_at) values ('expired', 'ADMIN', :h, :at)")
                .bind("h", TokenHash.sha256(expired)).bind("at", Instant.now().minusSeconds(60)).then().block();

        post(null).expectStatus().isUnauthorized();
        post("no-such-token").expectStatus().isUnauthorized();
        post(revoked).expectStatus().isUnauthorized();
        post(expired).expectStatus().isUnauthorized();
        post(Api.ADMIN_TOKEN).expectStatus().isOk();
    }

    @Test
    void tokensAreStoredOnlyAsHashes() {
        assertThat(api.count("select count(*) from api_token where encode(token_sha256, 'escape') like '%test-staff-token%'", Map.of())).isZero();
        assertThat(api.count("select count(*) from api_token where token_sha256 = :h", Map.of("h", TokenHash.sha256(Api.STAFF_TOKEN)))).isEqualTo(1);
    }
}
