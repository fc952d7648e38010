package app.ledgerline.botlink;

import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.platform.Sql;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads bot tasks. */
@Component
class BotTaskRepository {

    static final String COLUMNS = """
            t.id, t.kind, t.payload, t.status, t.attempts, t.next_attempt_at, t.last_error, t.last_error_code, t.order_id,
            t.entitlement_id, t.created_at, t.finished_at""";

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    BotTaskRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * PENDING tasks due now, in due order, leaving out the deliveries still in flight: a task whose id is in
     * {@code inFlightIds} with the same number of failures at the same index of {@code inFlightAttempts}.
     */
    Flux<BotTask> due(Long[] inFlightIds, Integer[] inFlightAttempts, int limit) {
        return db.sql("""
                        select %s from bot_task t
                        where t.status = 'PENDING' and t.next_attempt_at <= now()
                          and not exists (select 1 from unnest(:ids::bigint[], :attempts::integer[]) as f(id, attempts)
                                          where f.id = t.id and f.attempts = t.attempts)
                        order by t.next_attempt_at, t.id
                        limit :limit""".formatted(COLUMNS))
                .bind("ids", inFlightIds)
                .bind("attempts", inFlightAttempts)
                .bind("limit", limit)
                .map(this::task)
                .all();
    }

    Mono<BotTask> find(long id) {
        return db.sql("select " + COLUMNS + " from bot_task t where t.id = :id").bind("id", id).map(this::task).one();
    }

    /** Locks the task's row until the end of the transaction. */
    Mono<BotTask> lock(long id) {
        return db.sql("select " + COLUMNS + " from bot_task t where t.id = :id for update").bind("id", id).map(this::task).one();
    }

    BotTask task(Readable row) {
        JsonNode payload = json.readTree(row.get("payload", Json.class).asString());
        String template = text(payload, "template");
        JsonNode mention = payload.get("mentionEveryone");
        return new BotTask(Sql.getLong(row, "id"), BotTaskKind.valueOf(row.get("kind", String.class)),
                BotTask.Status.valueOf(row.get("status", String.class)), Sql.getInt(row, "attempts"),
                Sql.getInstant(row, "created_at"), Sql.getInstant(row, "next_attempt_at"), row.get("last_error", String.class),
                Sql.getNullableInt(row, "last_error_code"), Sql.getInstant(row, "finished_at"), row.get("order_id", Long.class),
                row.get("entitlement_id", Long.class), text(payload, "discordUserId"), text(payload, "roleId"),
                text(payload, "orderNumber"), text(payload, "reason"), template == null ? null : DmTemplate.valueOf(template),
                text(payload, "text"), text(payload, "channelId"),
                mention == null || mention.isNull() ? null : mention.asBoolean());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
