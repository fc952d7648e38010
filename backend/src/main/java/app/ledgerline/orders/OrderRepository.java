package app.ledgerline.orders;

import app.ledgerline.catalog.ProductKind;
import app.ledgerline.platform.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads orders, their lines and history. Writes happen in {@link OrderService}, inside its transactions. */
@Repository
public class OrderRepository {

    static final String COLUMNS = """
            o.id, o.number, o.status, o.customer_id, o.currency, o.subtotal_minor, o.discount_minor, o.shipping_minor,
            o.total_minor, o.discount_id, o.discount_name, o.discount_code, o.payment_method, o.ship_name, o.ship_line1,
            o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, o.ship_country, o.ship_phone, o.placed_via,
            o.guild_id, o.channel_id, o.expires_at, o.placed_at, o.updated_at""";

    private final DatabaseClient db;

    OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Order> findByNumber(String number) {
        return db.sql("select " + COLUMNS + " from customer_order o where o.number = :number")
                .bind("number", number.strip().toUpperCase(java.util.Locale.ROOT)).map(OrderRepository::map).one();
    }

    public Mono<Order> findById(long id) {
        return db.sql("select " + COLUMNS + " from customer_order o where o.id = :id").bind("id", id).map(OrderRepository::map).one();
    }

    public Flux<Order> findAllById(Collection<Long> ids) {
        return db.sql("select " + COLUMNS + " from customer_order o where o.id = any(:ids)")
                .bind("ids", ids.toArray(Long[]::new)).map(OrderRepository::map).all();
    }

    public Flux<Order> findByCustomer(long customerId, int first) {
        return db.sql("select " + COLUMNS + " from customer_order o where o.customer_id = :customerId order by o.id desc limit :first")
                .bind("customerId", customerId).bind("first", Math.clamp(first, 1, 200)).map(OrderRepository::map).all();
    }

    public Flux<Order> findByDiscordUser(String discordUserId, int first) {
        return db.sql("select " + COLUMNS + " from customer_order o join customer c on c.id = o.customer_id"
                        + " where c.discord_user_id = :discordUserId order by o.id desc limit :first")
                .bind("discordUserId", discordUserId).bind("first", Math.clamp(first, 1, 100)).map(OrderRepository::map).all();
    }

    public Mono<Order> findByDiscordUserAndNumber(String discordUserId, String number) {
        return db.sql("select " + COLUMNS + " from customer_order o join customer c on c.id = o.customer_id"
                        + " where c.discord_user_id = :discordUserId and o.number = :number")
                .bind("discordUserId", discordUserId).bind("number", number.strip().toUpperCase(java.util.Locale.ROOT))
                .map(OrderRepository::map).one();
    }

    /** Newest first, keyset-paged on id below {@code beforeId}; fetches one extra row to tell if there is a next page. */
    public Flux<Order> list(OrderFilter filter, Long customerId, Long beforeId, int limit) {
        var where = new ArrayList<String>();
        var binds = new ArrayList<Map.Entry<String, Object>>();
        if (filter.status() != null && !filter.status().isEmpty()) {
            where.add("o.status = any(:statuses)");
            binds.add(Map.entry("statuses", filter.status().stream().map(Enum::name).toArray(String[]::new)));
        }
        if (customerId != null) {
            where.add("o.customer_id = :customerId");
            binds.add(Map.entry("customerId", customerId));
        }
        if (filter.paymentMethod() != null && !filter.paymentMethod().isEmpty()) {
            where.add("o.payment_method = any(:methods)");
            binds.add(Map.entry("methods", filter.paymentMethod().stream().map(Enum::name).toArray(String[]::new)));
        }
        if (filter.placedFrom() != null) {
            where.add("o.placed_at >= :placedFrom");
            binds.add(Map.entry("placedFrom", filter.placedFrom()));
        }
        if (filter.placedTo() != null) {
            where.add("o.placed_at < :placedTo");
            binds.add(Map.entry("placedTo", filter.placedTo()));
        }
        if (beforeId != null) {
            where.add("o.id < :beforeId");
            binds.add(Map.entry("beforeId", beforeId));
        }
        var spec = db.sql("select " + COLUMNS + " from customer_order o"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by o.id desc limit :limit").bind("limit", limit);
        for (var bind : binds) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(OrderRepository::map).all();
    }

    public Flux<OrderLine> linesOf(Collection<Long> orderIds) {
        return db.sql("""
                        select l.order_id, l.product_id, l.sku, l.name, l.kind, l.unit_price_minor, l.quantity,
                               l.granted_role_ids, o.currency
                        from order_line l join customer_order o on o.id = l.order_id
                        where l.order_id = any(:ids) order by l.order_id, l.id""")
                .bind("ids", orderIds.toArray(Long[]::new))
                .map(row -> new OrderLine(Sql.getLong(row, "order_id"), Sql.getLong(row, "product_id"), row.get("sku", String.class),
                        row.get("name", String.class), ProductKind.valueOf(row.get("kind", String.class)),
                        Sql.getLong(row, "unit_price_minor"), Sql.getInt(row, "quantity"), row.get("currency", String.class),
                        Sql.getTextArray(row, "granted_role_ids")))
                .all();
    }

    public Flux<OrderEvent> historyOf(Collection<Long> orderIds) {
        return db.sql("select order_id, from_status, to_status, note, actor, created_at from order_history"
                        + " where order_id = any(:ids) order by order_id, id")
                .bind("ids", orderIds.toArray(Long[]::new))
                .map(row -> new OrderEvent(Sql.getLong(row, "order_id"), status(row, "from_status"), status(row, "to_status"),
                        row.get("note", String.class), row.get("actor", String.class), Sql.getInstant(row, "created_at")))
                .all();
    }

    /**
     * Units of each product the customer with this Discord id has bought or holds in unpaid orders (cancelled and
     * refunded excluded); none for someone who never ordered.
     */
    public Mono<Map<Long, Integer>> purchasedQuantities(String discordUserId, Collection<Long> productIds) {
        return db.sql("""
                        select l.product_id, sum(l.quantity)::int as bought
                        from order_line l join customer_order o on o.id = l.order_id
                        where o.customer_id = (select id from customer where discord_user_id = :discordUserId)
                          and l.product_id = any(:ids) and o.status not in ('CANCELLED', 'REFUNDED')
                        group by l.product_id""")
                .bind("discordUserId", discordUserId).bind("ids", productIds.toArray(Long[]::new))
                .map(row -> Map.entry(Sql.getLong(row, "product_id"), Sql.getInt(row, "bought")))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Numbers of unpaid orders whose hold ended by {@code now}, oldest first. */
    public Flux<String> expiredUnpaid(Instant now, int limit) {
        // A BTCPay order expires through BTCPay's own webhook (its invoice may still be confirming on chain); the sweeper
        // only steps in a day later, in case that webhook never comes.
        return db.sql("""
                        select o.number from customer_order o left join payment p on p.order_id = o.id
                        where o.status = 'PENDING' and o.expires_at <= :now
                          and (p.provider_invoice_id is null or o.expires_at <= :now - interval '24 hours')
                        order by o.expires_at limit :limit""")
                .bind("now", now).bind("limit", limit)
                .map(row -> row.get("number", String.class)).all();
    }

    private static OrderStatus status(Readable row, String column) {
        String value = row.get(column, String.class);
        return value == null ? null : OrderStatus.valueOf(value);
    }

    static Order map(Readable row) {
        String shipName = row.get("ship_name", String.class);
        ShippingAddress address = shipName == null ? null : new ShippingAddress(shipName, row.get("ship_line1", String.class),
                row.get("ship_line2", String.class), row.get("ship_city", String.class), row.get("ship_region", String.class),
                row.get("ship_postal_code", String.class), row.get("ship_country", String.class), row.get("ship_phone", String.class));
        return new Order(Sql.getLong(row, "id"), row.get("number", String.class), OrderStatus.valueOf(row.get("status", String.class)),
                Sql.getLong(row, "customer_id"), row.get("currency", String.class), Sql.getLong(row, "subtotal_minor"),
                Sql.getLong(row, "discount_minor"), Sql.getLong(row, "shipping_minor"), Sql.getLong(row, "total_minor"),
                row.get("discount_id", Long.class), row.get("discount_name", String.class), row.get("discount_code", String.class),
                PaymentMethod.valueOf(row.get("payment_method", String.class)), address,
                PlacedVia.valueOf(row.get("placed_via", String.class)), row.get("guild_id", String.class),
                row.get("channel_id", String.class), Sql.getInstant(row, "expires_at"), Sql.getInstant(row, "placed_at"),
                Sql.getInstant(row, "updated_at"), null);
    }

    static List<Long> ids(Collection<Order> orders) {
        return orders.stream().map(Order::id).toList();
    }
}
