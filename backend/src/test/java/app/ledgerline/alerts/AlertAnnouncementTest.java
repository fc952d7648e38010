package app.ledgerline.alerts;

import static app.ledgerline.support.Api.PROBLEMS;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discord announcements of alerts: bot tasks written in the alert's own transaction, as the shop settings ask. */
class AlertAnnouncementTest extends ApiTestBase {

    private static final String ANNOUNCE_CHANNEL = "300000000000000001";
    private static final String STAFF_CHANNEL = "300000000000000002";

    private void settings(boolean lowStock, String announce, String staff) {
        var input = new HashMap<String, Object>();
        input.put("lowStockAnnouncements", lowStock);
        input.put("announcementChannelId", announce);
        input.put("staffAlertChannelId", staff);
        api.admin().document("mutation($input: ShopSettingsInput!) { updateShopSettings(input: $input) { " + PROBLEMS + " } }")
                .variable("input", input).execute().path("updateShopSettings.problems").entityList(Object.class).hasSize(0);
    }

    @AfterEach
    void defaults() {
        settings(false, null, null);
    }

    private String product(int stock, int threshold) {
        return api.physicalProduct(1000, stock, Map.of("lowStockThreshold", threshold));
    }

    /** POST_ANNOUNCEMENT tasks whose text names the product's SKU, oldest first. */
    private List<Map<String, Object>> announcements(String productId) {
        String sku = db.sql("select sku from product where id = :id").bind("id", Long.parseLong(productId))
                .map(row -> row.get("sku", String.class)).one().block(Duration.ofSeconds(10));
        return db.sql("""
                        select payload ->> 'channelId' as channel, (payload ->> 'mentionEveryone')::boolean as everyone, payload ->> 'text' as text,
                               status from bot_task where kind = 'POST_ANNOUNCEMENT' and payload ->> 'text' like '%' || :sku || '%' order by id""")
                .bind("sku", sku).fetch().all().collectList().block(Duration.ofSeconds(10));
    }

    @Test
    void lowAndOutOfStockAreAnnouncedToEveryoneAndMirroredToStaff() {
        settings(true, ANNOUNCE_CHANNEL, STAFF_CHANNEL);
        String product = product(10, 3);
        api.adjust(product, -7); // LOW_STOCK
        api.adjust(product, -3); // OUT_OF_STOCK

        var tasks = announcements(product);
        assertThat(tasks).extracting(t -> t.get("channel"), t -> t.get("everyone"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ANNOUNCE_CHANNEL, true), org.assertj.core.groups.Tuple.tuple(STAFF_CHANNEL, false),
                        org.assertj.core.groups.Tuple.tuple(ANNOUNCE_CHANNEL, true), org.assertj.core.groups.Tuple.tuple(STAFF_CHANNEL, false));
        assertThat((String) tasks.get(0).get("text")).startsWith("Almost gone: ").contains("3 left");
        assertThat((String) tasks.get(1).get("text")).startsWith("[WARNING] LOW_STOCK #");
        assertThat((String) tasks.get(2).get("text")).startsWith("Sold out: ");
        assertThat((String) tasks.get(3).get("text")).startsWith("[CRITICAL] OUT_OF_STOCK #");
        assertThat(tasks).allSatisfy(t -> assertThat(t.get("status")).isEqualTo("PENDING"));
    }

    @Test
    void withoutSettingsNothingIsAnnounced() {
        String product = product(10, 3);
        api.adjust(product, -7);
        api.adjust(product, -3);
        assertThat(api.count("select count(*) from alert where product_id = :p", Map.of("p", Long.parseLong(product)))).isEqualTo(2);
        assertThat(announcements(product)).isEmpty();
    }

    @Test
    void onlyTheStaffChannelWhenEveryoneAnnouncementsAreOff() {
        settings(false, ANNOUNCE_CHANNEL, STAFF_CHANNEL);
        String product = product(10, 3);
        api.adjust(product, -8);
        assertThat(announcements(product)).extracting(t -> t.get("channel")).containsExactly(STAFF_CHANNEL);

        // Every alert is mirrored, new orders too.
        String number = (String) api.placeOk(Api.order(Api.shopper(), List.of(Api.line(product, 1)))).get("number");
        assertThat(api.count("select count(*) from bot_task where kind = 'POST_ANNOUNCEMENT' and payload ->> 'channelId' = :c"
                + " and payload ->> 'text' like '[INFO] NEW_ORDER #%' || :n || '%'", Map.of("c", STAFF_CHANNEL, "n", number))).isEqualTo(1);
    }

    @Test
    void anAlertThatRollsBackTakesItsAnnouncementsWithIt() {
        settings(true, ANNOUNCE_CHANNEL, STAFF_CHANNEL);
        String low = product(5, 3);
        String none = product(1, 0);
        // Reserving 3 of `low` crosses its threshold inside the placement, whose second line is out of stock.
        var refused = api.place(Api.order(Api.shopper(), List.of(Api.line(low, 3), Api.line(none, 2))));
        assertThat(Api.problemCodes(refused)).containsExactly("OUT_OF_STOCK");
        assertThat(api.count("select count(*) from alert where product_id = :p", Map.of("p", Long.parseLong(low)))).isZero();
        assertThat(announcements(low)).isEmpty();

        api.placeOk(Api.order(Api.shopper(), List.of(Api.line(low, 3))));
        assertThat(announcements(low)).extracting(t -> t.get("channel")).containsExactly(ANNOUNCE_CHANNEL, STAFF_CHANNEL);
    }
}
