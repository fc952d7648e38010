package app.ledgerline.alerts;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Raises admin alerts, in the caller's transaction, with the {@code alert.raised} event that announces them. */
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

    /** Returns the new alert's id. */
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
                        select id from raised""")
                .bind("kind", kind.name())
                .bind("severity", severity.name())
                .bind("message", message);
        spec = productId == null ? spec.bindNull("productId", Long.class) : spec.bind("productId", productId);
        spec = orderId == null ? spec.bindNull("orderId", Long.class) : spec.bind("orderId", orderId);
        return spec.map(row -> row.get("id", Long.class)).one();
    }
}
