package app.ledgerline.entitlements;

import app.ledgerline.botlink.BotTasks;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLifecycleListener;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.platform.Sql;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Discord roles earned by paid orders. Paying creates one entitlement per role a bought product grants, with the
 * bot task that grants it; refunds revoke them with the opposite task. Both in the transaction of their cause.
 */
@Component
public class Entitlements implements OrderLifecycleListener {

    /** One role of one customer to grant or revoke. */
    private record MemberRole(long entitlementId, String roleId, String discordUserId) {
    }

    private final DatabaseClient db;
    private final BotTasks tasks;

    Entitlements(DatabaseClient db, BotTasks tasks) {
        this.db = db;
        this.tasks = tasks;
    }

    @Override
    public Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        if (to != OrderStatus.PAID) {
            return Mono.empty();
        }
        return db.sql("""
                        insert into entitlement (order_id, customer_id, product_id, role_id, status)
                        select l.order_id, o.customer_id, l.product_id, r.role_id, 'GRANTING'
                        from order_line l join customer_order o on o.id = l.order_id, unnest(l.granted_role_ids) as r(role_id)
                        where l.order_id = :orderId
                        on conflict (order_id, product_id, role_id) do nothing
                        returning id, role_id, (select discord_user_id from customer c where c.id = customer_id) as discord_user_id""")
                .bind("orderId", order.id())
                .map(Entitlements::role)
                .all()
                .concatMap(role -> tasks.grantRole(role.discordUserId(), role.roleId(), order.number(), order.id(), role.entitlementId()))
                .then();
    }

    /**
     * Revokes the roles of an order's entitlements still held, for the given products (all when {@code productIds} is
     * null). Must run in the refund's transaction.
     */
    public Mono<Void> revoke(Order order, Collection<Long> productIds) {
        // A grant the bot has not done yet is cancelled, so it cannot land after the revoke.
        var spec = db.sql("""
                        with revoked as (
                            update entitlement e set status = 'REVOKING'
                            where e.order_id = :orderId and e.status in ('GRANTING', 'GRANTED') %s
                            returning e.id, e.role_id, (select discord_user_id from customer c where c.id = e.customer_id) as discord_user_id),
                        cancelled as (
                            update bot_task set status = 'FAILED', finished_at = now(), last_error = 'Superseded: the role was revoked by a refund'
                            where kind = 'GRANT_ROLE' and status = 'PENDING' and entitlement_id in (select id from revoked))
                        select id, role_id, discord_user_id from revoked"""
                        .formatted(productIds == null ? "" : "and e.product_id = any(:productIds)"))
                .bind("orderId", order.id());
        if (productIds != null) {
            spec = spec.bind("productIds", productIds.toArray(Long[]::new));
        }
        return spec.map(Entitlements::role)
                .all()
                .concatMap(role -> tasks.revokeRole(role.discordUserId(), role.roleId(), order.number(), order.id(), role.entitlementId()))
                .then();
    }

    private static MemberRole role(io.r2dbc.spi.Readable row) {
        return new MemberRole(Sql.getLong(row, "id"), row.get("role_id", String.class), row.get("discord_user_id", String.class));
    }

    public Flux<Entitlement> ofOrders(Collection<Long> orderIds) {
        return db.sql("select id, order_id, product_id, role_id, status, granted_at, revoked_at from entitlement where order_id = any(:ids) order by id")
                .bind("ids", orderIds.toArray(Long[]::new))
                .map(row -> new Entitlement(Sql.getLong(row, "id"), Sql.getLong(row, "order_id"), Sql.getLong(row, "product_id"),
                        row.get("role_id", String.class), Entitlement.Status.valueOf(row.get("status", String.class)),
                        Sql.getInstant(row, "granted_at"), Sql.getInstant(row, "revoked_at")))
                .all();
    }
}
