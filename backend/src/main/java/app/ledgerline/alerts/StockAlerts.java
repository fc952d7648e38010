package app.ledgerline.alerts;

/**
 * Low-stock and out-of-stock alerts, raised in the statement of the stock change that crosses a product's threshold
 * downward: once per crossing, because the change sees the availability right before and right after its locked
 * update. Each alert is written by {@link Alerts#raisedFrom}, as every alert is: the alert, its {@code alert.raised}
 * event, the public announcement (when the shop turned those on) and the staff channel mirror.
 */
public final class StockAlerts {

    private StockAlerts() {
    }

    /**
     * Expressions that raise the alerts of the stock changes in {@code changed}, a preceding expression with the
     * columns {@code product_id, on_hand, reserved, on_hand_delta, reserved_delta, low_stock_threshold} (the levels
     * after the change and the change itself). Their names start with {@code prefix}.
     */
    public static String raisedFrom(String changed, String prefix) {
        return """
                %1$scrossed as (
                    select c.product_id, c.on_hand - c.reserved as after, c.low_stock_threshold as threshold,
                           c.on_hand - c.reserved - c.on_hand_delta + c.reserved_delta as before
                    from %2$s c),
                %1$scrossing as (
                    select case when x.after <= 0 then 'OUT_OF_STOCK' else 'LOW_STOCK' end as kind,
                           case when x.after <= 0 then 'CRITICAL' else 'WARNING' end as severity,
                           x.product_id, null::bigint as order_id,
                           p.name || ' (' || p.sku || ')'
                               || case when x.after <= 0 then ' is out of stock' else ' is low: ' || x.after || ' left' end as message
                    from %1$scrossed x join product p on p.id = x.product_id
                    where (x.before > 0 and x.after <= 0) or (x.before > x.threshold and x.after <= x.threshold)),
                """.formatted(prefix, changed) + Alerts.raisedFrom(prefix + "crossing", prefix);
    }
}
