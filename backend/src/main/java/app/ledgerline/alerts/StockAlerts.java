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
    private final Alerts alerts;

    StockAlerts(DatabaseClient db, Alerts alerts) {
        this.db = db;
        this.alerts = alerts;
    }

    /** Must run in the transaction of the stock change. */
    public Mono<Void> onAvailabilityChange(long productId, int before, int after, int threshold) {
        boolean out = before > 0 && after <= 0;
        boolean low = before > threshold && after <= threshold;
        if (!out && !low) {
            return Mono.empty();
        }
        return db.sql("select name, sku from product where id = :id").bind("id", productId)
                .map(row -> row.get("name", String.class) + " (" + row.get("sku", String.class) + ")")
                .one()
                .flatMap(product -> out
                        ? alerts.raise(AlertKind.OUT_OF_STOCK, Alerts.Severity.CRITICAL, productId, null, product + " is out of stock")
                        : alerts.raise(AlertKind.LOW_STOCK, Alerts.Severity.WARNING, productId, null, product + " is low: " + after + " left"))
                .then();
    }
}
