package app.ledgerline.alerts;

import app.ledgerline.botlink.BotTasks;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.Validator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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
    private final BotTasks tasks;

    Alerts(DatabaseClient db, BotTasks tasks) {
        this.db = db;
        this.tasks = tasks;
    }

    /**
     * Returns the new alert's id. In the same transaction: the {@code alert.raised} outbox event; when low-stock
     * announcements are on, a POST_ANNOUNCEMENT to {@code @everyone} in the announcement channel for LOW_STOCK and
     * OUT_OF_STOCK; when a staff alert channel is set, a POST_ANNOUNCEMENT mirroring the alert there.
     */
    public Mono<Long> raise(AlertKind kind, Severity severity, Long productId, Long orderId, String message) {
        var spec = db.sql("""
                        with raised as (
                            insert into alert (kind, severity, product_id, order_id, message)
                            values (:kind, :severity, :productId, :orderId, :message)
                            returning id, kind, severity, product_id, order_id, message),
                        announced as (
                            insert into outbox_event (type, aggregate_id, payload)
                            select 'alert.raised', id::text,
                                   jsonb_build_object('alertId', id, 'kind', kind, 'severity', severity, 'productId', product_id,
                                                      'orderId', order_id, 'message', message)
                            from raised)
                        select r.id, s.low_stock_announcements, s.announcement_channel_id, s.staff_alert_channel_id
                        from raised r left join shop_setting s on true""")
                .bind("kind", kind.name())
                .bind("severity", severity.name())
                .bind("message", message);
        spec = Sql.bind(spec, "productId", productId, Long.class);
        spec = Sql.bind(spec, "orderId", orderId, Long.class);
        return spec.map(row -> new Raised(Sql.getLong(row, "id"), Boolean.TRUE.equals(row.get("low_stock_announcements", Boolean.class)),
                        row.get("announcement_channel_id", String.class), row.get("staff_alert_channel_id", String.class)))
                .one()
                .flatMap(raised -> announce(raised, kind, severity, message).then(Mono.just(raised.id())));
    }

    private record Raised(long id, boolean lowStockAnnouncements, String announcementChannelId, String staffChannelId) {
    }

    private Flux<Long> announce(Raised raised, AlertKind kind, Severity severity, String message) {
        boolean stock = kind == AlertKind.LOW_STOCK || kind == AlertKind.OUT_OF_STOCK;
        Flux<Long> everyone = stock && raised.lowStockAnnouncements() && raised.announcementChannelId() != null
                ? tasks.announce(raised.announcementChannelId(), publicText(kind, message), true).flux()
                : Flux.empty();
        Flux<Long> staff = raised.staffChannelId() != null
                ? tasks.announce(raised.staffChannelId(), staffText(raised.id(), kind, severity, message), false).flux()
                : Flux.empty();
        return Flux.concat(everyone, staff);
    }

    static String publicText(AlertKind kind, String message) {
        return (kind == AlertKind.OUT_OF_STOCK ? "Sold out: " : "Almost gone: ") + message;
    }

    static String staffText(long alertId, AlertKind kind, Severity severity, String message) {
        return "[" + severity + "] " + kind + " #" + alertId + ": " + message;
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
