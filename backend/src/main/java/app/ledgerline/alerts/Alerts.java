package app.ledgerline.alerts;

import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.Validator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Raises admin alerts, in the caller's transaction, with the {@code alert.raised} event that announces them and the
 * Discord announcements the shop settings ask for; acknowledges them.
 */
@Component
public class Alerts {

    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }

    private final DatabaseClient db;

    Alerts(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Returns the new alert's id. In the same statement (so in the caller's transaction): what {@link #raisedFrom}
     * writes with every alert.
     */
    public Mono<Long> raise(AlertKind kind, Severity severity, Long productId, Long orderId, String message) {
        var spec = db.sql("""
                        with raised as (
                            select :kind::text as kind, :severity::text as severity, :productId::bigint as product_id,
                                   :orderId::bigint as order_id, :message::text as message),
                        """ + raisedFrom("raised", "raised_") + """

                        select id from raised_alert""")
                .bind("kind", kind.name())
                .bind("severity", severity.name())
                .bind("message", message);
        spec = Sql.bind(spec, "productId", productId, Long.class);
        spec = Sql.bind(spec, "orderId", orderId, Long.class);
        return spec.map(row -> Sql.getLong(row, "id")).one();
    }

    /**
     * Expressions that raise an alert for each row of {@code source}, a preceding expression with the columns {@code
     * kind, severity, product_id, order_id, message}, for a statement that writes them with their cause: the {@code
     * alert} rows ({@code <prefix>alert}: id, kind, severity, product_id, order_id, message), their {@code alert.raised}
     * outbox events, and the Discord announcements the shop settings ask for, as POST_ANNOUNCEMENT bot tasks: to
     * {@code @everyone} in the announcement channel for LOW_STOCK and OUT_OF_STOCK when low-stock announcements are on
     * ("Sold out: ...", "Almost gone: ..."), then a mirror in the staff alert channel when one is set ("[SEVERITY] KIND
     * #id: message"). Every expression returns a row per row it writes; their names start with {@code prefix}; {@link
     * #raisedEvents} returns the events' {@code id, type} and {@link #raisedTasks} the tasks' {@code id} (see {@link
     * app.ledgerline.platform.SqlPart#announcing}).
     */
    public static String raisedFrom(String source, String prefix) {
        return """
                %1$salert as (
                    insert into alert (kind, severity, product_id, order_id, message)
                    select kind, severity, product_id, order_id, message from %2$s
                    returning id, kind, severity, product_id, order_id, message),
                %1$salert_event as (
                    insert into outbox_event (type, aggregate_id, payload)
                    select 'alert.raised', id::text, jsonb_build_object('alertId', id, 'kind', kind, 'severity', severity,
                           'productId', product_id, 'orderId', order_id, 'message', message)
                    from %1$salert
                    returning id, type),
                %1$salert_announced as (
                    insert into bot_task (kind, payload)
                    select 'POST_ANNOUNCEMENT', t.payload from (
                        select a.id, 1 as place, jsonb_build_object('channelId', s.announcement_channel_id,
                               'text', case when a.kind = 'OUT_OF_STOCK' then 'Sold out: ' else 'Almost gone: ' end || a.message,
                               'mentionEveryone', true) as payload
                        from %1$salert a, shop_setting s
                        where a.kind in ('LOW_STOCK', 'OUT_OF_STOCK') and s.low_stock_announcements
                          and s.announcement_channel_id is not null
                        union all
                        select a.id, 2, jsonb_build_object('channelId', s.staff_alert_channel_id,
                               'text', '[' || a.severity || '] ' || a.kind || ' #' || a.id || ': ' || a.message, 'mentionEveryone', false)
                        from %1$salert a, shop_setting s
                        where s.staff_alert_channel_id is not null) t
                    order by t.id, t.place
                    returning id)""".formatted(prefix, source);
    }

    /** The expression of {@link #raisedFrom} with this prefix that writes the {@code alert.raised} outbox events. */
    public static String raisedEvents(String prefix) {
        return prefix + "alert_event";
    }

    /** The expression of {@link #raisedFrom} with this prefix that writes the announcement bot tasks. */
    public static String raisedTasks(String prefix) {
        return prefix + "alert_announced";
    }

    /**
     * Records who acknowledged the alert, when and why, with its {@code alert.acknowledged} event: one statement, so
     * one transaction. An alert is acknowledged once: a second time is {@code ALREADY_ACKNOWLEDGED} and changes nothing.
     */
    public Mono<Alert> acknowledge(long id, String note, String actor) {
        return Mono.fromCallable(() -> {
                    new Validator().optionalText("note", note, 1000).orThrow();
                    return note == null || note.isBlank() ? "" : note.strip();
                })
                .flatMap(cleanNote -> Sql.bind(db.sql("""
                                        with acked as (
                                            update alert set acknowledged_by = :actor, acknowledged_at = now(), acknowledged_note = :note
                                            where id = :id and acknowledged_at is null
                                            returning *),
                                        announced as (
                                            insert into outbox_event (type, aggregate_id, payload)
                                            select 'alert.acknowledged', id::text,
                                                   jsonb_build_object('alertId', id, 'acknowledgedBy', acknowledged_by)
                                            from acked)
                                        select\s""" + AlertRepository.COLUMNS + " from acked a")
                                .bind("id", id).bind("actor", actor), "note", cleanNote.isEmpty() ? null : cleanNote, String.class)
                        .map(AlertRepository::map).one())
                .switchIfEmpty(Mono.defer(() -> db.sql("select acknowledged_by from alert where id = :id").bind("id", id)
                        .map(row -> java.util.Optional.ofNullable(row.get("acknowledged_by", String.class))).one()
                        .flatMap(by -> Mono.<Alert>error(new ProblemException(new Problem(ProblemCode.ALREADY_ACKNOWLEDGED,
                                "Alert " + id + " was already acknowledged by " + by.orElse("someone"), "id", null))))
                        .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No alert " + id, "id", null))))));
    }
}
