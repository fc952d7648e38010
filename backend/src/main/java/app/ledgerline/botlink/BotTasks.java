package app.ledgerline.botlink;

import io.r2dbc.postgresql.codec.Json;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Discord side effects as durable tasks for the bot, in the caller's transaction: they exist exactly when
 * their cause committed. The bot receives them over its task stream and acknowledges each.
 *
 * <p>Payloads: GRANT_ROLE / REVOKE_ROLE {@code {discordUserId, roleId, orderNumber, reason}}; SEND_DM
 * {@code {discordUserId, template, orderNumber, text}}; POST_ANNOUNCEMENT {@code {channelId, text, mentionEveryone}}.
 */
@Component
public class BotTasks {

    /** What a customer DM is about; the text itself is rendered by the backend. */
    public enum DmTemplate {
        ORDER_RECEIVED,
        PAYMENT_CONFIRMED,
        PAYMENT_REJECTED,
        SHIPPED,
        REFUNDED
    }

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    BotTasks(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Long> grantRole(String discordUserId, String roleId, String orderNumber, long orderId, long entitlementId) {
        return enqueue(BotTaskKind.GRANT_ROLE, Map.of("discordUserId", discordUserId, "roleId", roleId, "orderNumber", orderNumber,
                "reason", "Purchased in order " + orderNumber), orderId, entitlementId);
    }

    public Mono<Long> revokeRole(String discordUserId, String roleId, String orderNumber, long orderId, long entitlementId) {
        return enqueue(BotTaskKind.REVOKE_ROLE, Map.of("discordUserId", discordUserId, "roleId", roleId, "orderNumber", orderNumber,
                "reason", "Refunded order " + orderNumber), orderId, entitlementId);
    }

    public Mono<Long> directMessage(String discordUserId, DmTemplate template, String orderNumber, long orderId, String text) {
        return enqueue(BotTaskKind.SEND_DM, directMessagePayload(discordUserId, template, orderNumber, text), orderId, null);
    }

    /**
     * The payload of a SEND_DM row, for a caller that inserts the row in its own statement ({@code kind 'SEND_DM'},
     * this payload as {@code jsonb}, the order id).
     */
    public Json directMessageJson(String discordUserId, DmTemplate template, String orderNumber, String text) {
        return Json.of(json.writeValueAsString(directMessagePayload(discordUserId, template, orderNumber, text)));
    }

    private static Map<String, Object> directMessagePayload(String discordUserId, DmTemplate template, String orderNumber, String text) {
        return Map.of("discordUserId", discordUserId, "template", template.name(), "orderNumber", orderNumber, "text", text);
    }

    public Mono<Long> announce(String channelId, String text, boolean mentionEveryone) {
        return enqueue(BotTaskKind.POST_ANNOUNCEMENT, Map.of("channelId", channelId, "text", text, "mentionEveryone", mentionEveryone),
                null, null);
    }

    private Mono<Long> enqueue(BotTaskKind kind, Map<String, Object> payload, Long orderId, Long entitlementId) {
        var spec = db.sql("""
                        insert into bot_task (kind, payload, order_id, entitlement_id)
                        values (:kind, :payload, :orderId, :entitlementId) returning id""")
                .bind("kind", kind.name())
                .bind("payload", Json.of(json.writeValueAsString(payload)));
        spec = orderId == null ? spec.bindNull("orderId", Long.class) : spec.bind("orderId", orderId);
        spec = entitlementId == null ? spec.bindNull("entitlementId", Long.class) : spec.bind("entitlementId", entitlementId);
        return spec.map(row -> row.get("id", Long.class)).one();
    }
}
