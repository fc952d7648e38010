package app.ledgerline.alerts;

/**
 * Low-stock and out-of-stock alerts, raised in the statement of the stock change that crosses a product's threshold
 * downward: once per crossing, because the change sees the availability right before and right after its locked
 * update. Each alert is written as {@link Alerts#raise} writes one: the alert, its {@code alert.raised} event, the
 * public announcement (when the shop turned those on) and the staff channel mirror.
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
                %1$salert as (
                    insert into alert (kind, severity, product_id, message)
                    select case when x.after <= 0 then 'OUT_OF_STOCK' else 'LOW_STOCK' end,
                           case when x.after <= 0 then 'CRITICAL' else 'WARNING' end,
                           x.product_id,
                           p.name || ' (' || p.sku || ')'
                               || case when x.after <= 0 then ' is out of stock' else ' is low: ' || x.after || ' left' end
                    from %1$scrossed x join product p on p.id = x.product_id
                    where (x.before > 0 and x.after <= 0) or (x.before > x.threshold and x.after <= x.threshold)
                    returning id, kind, severity, product_id, message),
                %1$salert_event as (
                    insert into outbox_event (type, aggregate_id, payload)
                    select 'alert.raised', id::text, jsonb_build_object('alertId', id, 'kind', kind, 'severity', severity,
                           'productId', product_id, 'orderId', null, 'message', message)
                    from %1$salert),
                %1$salert_announced as (
                    -- Alerts.announce: the public announcement (Alerts.publicText) before the staff mirror (Alerts.staffText)
                    insert into bot_task (kind, payload)
                    select 'POST_ANNOUNCEMENT', t.payload from (
                        select a.id, 1 as place, jsonb_build_object('channelId', s.announcement_channel_id,
                               'text', case when a.kind = 'OUT_OF_STOCK' then 'Sold out: ' else 'Almost gone: ' end || a.message,
                               'mentionEveryone', true) as payload
                        from %1$salert a, shop_setting s
                        where s.low_stock_announcements and s.announcement_channel_id is not null
                        union all
                        select a.id, 2, jsonb_build_object('channelId', s.staff_alert_channel_id,
                               'text', '[' || a.severity || '] ' || a.kind || ' #' || a.id || ': ' || a.message, 'mentionEveryone', false)
                        from %1$salert a, shop_setting s
                        where s.staff_alert_channel_id is not null) t
                    order by t.id, t.place)""".formatted(prefix, changed);
    }
}
