package app.ledgerline.alerts;

import static app.ledgerline.support.Api.PROBLEMS;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;

class AlertApiTest extends ApiTestBase {

    static final String ALERTS = """
            query($filter: AlertFilter, $first: Int, $after: String) { alerts(filter: $filter, first: $first, after: $after) {
                edges { cursor node { id kind severity message createdAt acknowledgedBy acknowledgedAt note product { id sku } order { number } } }
                pageInfo { hasNextPage endCursor } } }""";
    static final String ACK = "mutation($id: ID!, $note: String) { acknowledgeAlert(id: $id, note: $note) { alert { id acknowledgedBy acknowledgedAt note } "
            + PROBLEMS + " } }";

    /** A product with stock 10 and threshold 5 driven to LOW_STOCK (at 4) then OUT_OF_STOCK (at 0). */
    private String productWithTwoAlerts() {
        var input = Api.product("PHYSICAL", 1500);
        input.put("lowStockThreshold", 5);
        String product = api.createProduct(input);
        api.adjust(product, 10);
        api.adjust(product, -6);
        api.adjust(product, -1); // below the threshold already: no second LOW_STOCK
        api.adjust(product, -3);
        return product;
    }

    private Map<String, Object> alerts(Map<String, Object> filter, Integer first, String after) {
        var request = api.staff().document(ALERTS).variable("filter", filter);
        if (first != null) {
            request = request.variable("first", first);
        }
        if (after != null) {
            request = request.variable("after", after);
        }
        return Api.obj(request.execute().path("alerts").entity(Map.class).get());
    }

    private static List<Map<String, Object>> nodes(Map<String, Object> connection) {
        return ((List<?>) connection.get("edges")).stream().map(e -> Api.obj(Api.obj(e).get("node"))).toList();
    }

    @Test
    void listsNewestFirstWithFiltersAndCursorPages() {
        String product = productWithTwoAlerts();

        var all = nodes(alerts(Map.of("productId", product), null, null));
        assertThat(Api.pluck(all, "kind")).containsExactly("OUT_OF_STOCK", "LOW_STOCK");
        assertThat(Api.pluck(all, "severity")).containsExactly("CRITICAL", "WARNING");
        assertThat(Api.obj(all.getFirst().get("product"))).containsEntry("id", product);
        assertThat(all.getFirst()).containsEntry("acknowledgedBy", null).containsEntry("order", null);
        assertThat((String) all.get(1).get("message")).contains("4 left");

        assertThat(Api.pluck(nodes(alerts(Map.of("productId", product, "kinds", List.of("LOW_STOCK")), null, null)), "kind"))
                .containsExactly("LOW_STOCK");
        assertThat(Api.pluck(nodes(alerts(Map.of("productId", product, "severities", List.of("CRITICAL")), null, null)), "kind"))
                .containsExactly("OUT_OF_STOCK");

        var page1 = alerts(Map.of("productId", product), 1, null);
        assertThat(Api.pluck(nodes(page1), "kind")).containsExactly("OUT_OF_STOCK");
        Map<String, Object> info = Api.obj(page1.get("pageInfo"));
        assertThat(info).containsEntry("hasNextPage", true);
        var page2 = alerts(Map.of("productId", product), 1, (String) info.get("endCursor"));
        assertThat(Api.pluck(nodes(page2), "kind")).containsExactly("LOW_STOCK");
        assertThat(Api.obj(page2.get("pageInfo"))).containsEntry("hasNextPage", false);
    }

    @Test
    void newOrdersRaiseAnAlertAboutTheOrder() {
        String product = api.physicalProduct(2000, 5);
        String number = (String) api.placeOk(Api.order(Api.shopper(), List.of(Api.line(product, 1)))).get("number");
        String orderId = Long.toString(api.count("select id from customer_order where number = :n", Map.of("n", number)));

        var found = nodes(alerts(Map.of("orderId", orderId), null, null));
        assertThat(Api.pluck(found, "kind")).containsExactly("NEW_ORDER");
        assertThat(Api.obj(found.getFirst().get("order"))).containsEntry("number", number);
        assertThat(api.count("select count(*) from outbox_event where type = 'alert.raised' and aggregate_id = :id",
                Map.of("id", found.getFirst().get("id")))).isEqualTo(1);
    }

    @Test
    void acknowledgingRecordsWhoWhenAndWhyOnce() {
        String product = productWithTwoAlerts();
        var open = nodes(alerts(Map.of("productId", product, "acknowledged", false), null, null));
        assertThat(open).hasSize(2);
        String low = (String) open.get(1).get("id");

        var acked = Api.obj(api.staff().document(ACK).variable("id", low).variable("note", "  Reordered from supplier ")
                .execute().path("acknowledgeAlert").entity(Map.class).get());
        assertThat((List<?>) acked.get("problems")).isEmpty();
        assertThat(Api.obj(acked.get("alert"))).containsEntry("acknowledgedBy", "token:test-staff")
                .containsEntry("note", "Reordered from supplier");
        assertThat(Api.obj(acked.get("alert")).get("acknowledgedAt")).isNotNull();
        Map<String, Object> ackEvent = Map.of("id", low);
        assertThat(api.count("select count(*) from outbox_event where type = 'alert.acknowledged' and aggregate_id = :id", ackEvent)).isEqualTo(1);

        var again = Api.obj(api.admin().document(ACK).variable("id", low).variable("note", "me too")
                .execute().path("acknowledgeAlert").entity(Map.class).get());
        assertThat(Api.problemCodes(again)).containsExactly("ALREADY_ACKNOWLEDGED");
        assertThat(again.get("alert")).isNull();
        // nothing changed the second time
        assertThat(api.count("select count(*) from outbox_event where type = 'alert.acknowledged' and aggregate_id = :id", ackEvent)).isEqualTo(1);
        assertThat(api.count("select count(*) from alert where id = :id and acknowledged_by = 'token:test-staff' and acknowledged_note = 'Reordered from supplier'",
                Map.of("id", Long.parseLong(low)))).isEqualTo(1);

        assertThat(Api.pluck(nodes(alerts(Map.of("productId", product, "acknowledged", true), null, null)), "id")).containsExactly(low);
        assertThat(Api.pluck(nodes(alerts(Map.of("productId", product, "acknowledged", false), null, null)), "kind")).containsExactly("OUT_OF_STOCK");
    }

    @Test
    void unknownAlertsAndBadCursorsAreProblems() {
        var missing = Api.obj(api.staff().document(ACK).variable("id", "999999999999").execute().path("acknowledgeAlert").entity(Map.class).get());
        assertThat(Api.problemCodes(missing)).containsExactly("NOT_FOUND");
        var malformed = Api.obj(api.staff().document(ACK).variable("id", "abc").execute().path("acknowledgeAlert").entity(Map.class).get());
        assertThat(Api.problemCodes(malformed)).containsExactly("NOT_FOUND");

        api.staff().document(ALERTS).variable("after", "bm90LWEtY3Vyc29y").execute()
                .errors().satisfy(errors -> assertThat(errors).singleElement()
                        .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_INPUT")));
    }

    @Test
    void onlyAdminsAndStaffSeeOrAcknowledgeAlerts() {
        productWithTwoAlerts();
        for (String token : List.of(Api.BOT_TOKEN, Api.INTEGRATOR_TOKEN)) {
            api.as(token).document(ALERTS).execute().errors()
                    .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
            api.as(token).document(ACK).variable("id", "1").execute().errors()
                    .satisfy(errors -> assertThat(errors).singleElement().satisfies(e -> assertThat(e.getErrorType()).isEqualTo(ErrorType.FORBIDDEN)));
        }
        api.admin().document(ALERTS).execute().path("alerts.edges").entityList(Object.class).hasSizeGreaterThan(0);
    }
}
