package app.ledgerline.alerts;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Raises low-stock and out-of-stock alerts when a product's availability crosses its threshold downward: once per
 * crossing, because the caller passes the availability right before and right after one locked change.
 */
@Component
public class StockAlerts {

    private final DatabaseClient db;

    StockAlerts(DatabaseClient db) {
        this.db = db;
    }

    /** Must run in the transaction of the stock change. */
    public Mono<Void> onAvailabilityChange(long productId, int before, int after, int threshold) {
        AlertKind kind;
        if (before > 0 && after <= 0) {
            kind = AlertKind.OUT_OF_STOCK;
        } else if (before > threshold && after <= threshold) {
            kind = AlertKind.LOW_STOCK;
        } else {
            return Mono.empty();
        }
        return db.sql("""
                        with raised as (
                            insert into alert (kind, severity, product_id, message)
                            select :kind, :severity, p.id,
                                   case when :kind = 'OUT_OF_STOCK' then p.name || ' (' || p.sku || ') is out of stock'
                                        else p.name || ' (' || p.sku || ') is low: ' || :after || ' left' end
                            from product p where p.id = :productId
                            returning id, kind, product_id, message)
                        insert into outbox_event (type, aggregate_id, payload)
                        select 'alert.raised', id::text,
                               jsonb_build_object('alertId', id, 'kind', kind, 'productId', product_id, 'message', message,
                                                  'available', :after, 'threshold', :threshold)
                        from raised""")
                .bind("kind", kind.name())
                .bind("severity", kind == AlertKind.OUT_OF_STOCK ? "CRITICAL" : "WARNING")
                .bind("productId", productId)
                .bind("after", after)
                .bind("threshold", threshold)
                .then();
    }
}
