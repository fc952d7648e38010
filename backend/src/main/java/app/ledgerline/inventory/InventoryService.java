package app.ledgerline.inventory;

import app.ledgerline.alerts.Alerts;
import app.ledgerline.alerts.StockAlerts;
import app.ledgerline.catalog.Product;
import app.ledgerline.catalog.ProductRepository;
import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.SqlPart;
import app.ledgerline.platform.Validator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every change to a product's stock: one conditional UPDATE of its stock row (the row lock serialises concurrent
 * buyers, the condition makes overselling impossible), its movement row, and any alert it crosses, all in one
 * statement in the caller's transaction (or, for an order's reservation, in the order's own statement). A change over
 * several products locks their rows in product id order, so changes cannot deadlock.
 */
@Service
public class InventoryService {

    /** A quantity of one product, as an order line holds it. */
    public record Units(long productId, int quantity) {
    }

    private static final String RESERVED_REASON = "Reserved for order";
    /** Names of the stock alerts' expressions in a stock change's statement. */
    private static final String ALERT_PREFIX = "stock_";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ProductRepository products;
    private final Counter reservations;

    InventoryService(DatabaseClient db, TransactionalOperator tx, ProductRepository products, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.products = products;
        this.reservations = Counter.builder("ledgerline.stock.reservations")
                .description("Units reserved for placed orders").baseUnit("units").register(meters);
    }

    /** Manual correction by admin or staff; on hand may never drop below what is reserved. */
    public Mono<StockLevel> adjust(String productIdText, Integer delta, String reason, String actor) {
        return Mono.fromCallable(() -> {
                    long productId = Ids.parse("input.productId", productIdText);
                    new Validator()
                            .range("input.delta", delta == null ? null : delta.longValue(), -1_000_000, 1_000_000)
                            .check(delta == null || delta != 0, "input.delta", "'input.delta' must not be 0")
                            .text("input.reason", reason, 1, 500)
                            .orThrow();
                    return productId;
                })
                .flatMap(productId -> products.findById(productId)
                        .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.NOT_FOUND,
                                "No product with id " + productIdText, "input.productId", productIdText))))
                        .flatMap(product -> {
                            if (!product.trackInventory()) {
                                return Mono.error(new ProblemException(Problem.forProduct(ProblemCode.STOCK_CONFLICT, productId,
                                        product.name() + " does not track inventory")));
                            }
                            return change(List.of(new Delta(productId, delta, 0)), StockMovement.Kind.ADJUSTED, reason.strip(), actor, null)
                                    .mapNotNull(changed -> changed.get(productId))
                                    .switchIfEmpty(Mono.error(() -> new ProblemException(Problem.forProduct(ProblemCode.STOCK_CONFLICT, productId,
                                            "On hand cannot go below zero or below the " + "units reserved for unpaid orders"))));
                        }))
                .as(tx::transactional);
    }

    /**
     * The reservation of an order's units as part of the statement that writes the order ({@link SqlPart}); the order
     * id is the SQL expression {@code orderId}, and the stock rows are locked only once it has been evaluated (after
     * the order is written, so they are held for as short a time as possible). Refuses the statement with
     * OUT_OF_STOCK naming each product whose line cannot be covered. Call {@link #reserved} after the statement
     * committed.
     */
    public SqlPart reservation(Collection<Units> lines, String actor, String orderId) {
        List<Delta> deltas = lines.stream().map(line -> new Delta(line.productId(), 0, line.quantity())).toList();
        String ctes = changeExpressions(deltas, orderId);
        var values = changeValues(deltas, StockMovement.Kind.RESERVED, RESERVED_REASON, actor);
        var refusal = new SqlPart.Refusal("(select count(*) from stock_changed) = " + deltas.size(),
                "(select string_agg(w.id::text, ',' order by w.id) from unnest(:stock_product_ids::bigint[]) w(id)"
                        + " where w.id not in (select product_id from stock_changed))",
                detail -> outOfStock(detail == null || detail.isBlank() ? List.of()
                        : Arrays.stream(detail.split(",")).map(Long::parseLong).toList()));
        return new SqlPart(ctes, values, List.of(refusal))
                .announcing(List.of(Alerts.raisedEvents(ALERT_PREFIX)), List.of(Alerts.raisedTasks(ALERT_PREFIX)));
    }

    /** Counts units a committed statement reserved (the reservation meter). */
    public void reserved(Collection<Units> lines) {
        reservations.increment(lines.stream().mapToInt(Units::quantity).sum());
    }

    private static ProblemException outOfStock(List<Long> productIds) {
        return new ProblemException(productIds.stream().sorted()
                .map(id -> Problem.forProduct(ProblemCode.OUT_OF_STOCK, id, "Not enough stock left for product " + id))
                .toList());
    }

    /** Gives an unpaid order's units back (cancelled or expired). */
    public Mono<Void> release(long orderId, Collection<Units> lines, String reason, String actor) {
        return all(lines, change(lines.stream().map(line -> new Delta(line.productId(), 0, -line.quantity())).toList(),
                StockMovement.Kind.RELEASED, reason, actor, orderId));
    }

    /** Payment turned the reservation into a sale: the units leave on hand and reserved together. */
    public Mono<Void> sell(long orderId, Collection<Units> lines, String actor) {
        return all(lines, change(lines.stream().map(line -> new Delta(line.productId(), -line.quantity(), -line.quantity())).toList(),
                StockMovement.Kind.SOLD, "Sold", actor, orderId));
    }

    /** Refunded units back on the shelf; nothing for products that track no inventory. */
    public Mono<Void> restock(long orderId, Collection<Units> lines, String reason, String actor) {
        return change(lines.stream().map(line -> new Delta(line.productId(), line.quantity(), 0)).toList(),
                StockMovement.Kind.RESTOCKED, reason, actor, orderId).then();
    }

    private static Mono<Void> all(Collection<Units> lines, Mono<Map<Long, StockLevel>> change) {
        return change.flatMap(changed -> lines.stream().filter(line -> !changed.containsKey(line.productId())).findFirst()
                .<Mono<Void>>map(line -> Mono.error(new IllegalStateException(
                        "Stock of product " + line.productId() + " does not hold the units its order reserved")))
                .orElse(Mono.empty()));
    }

    /** What one change does to one product's stock. */
    private record Delta(long productId, int onHand, int reserved) {
    }

    /**
     * Applies each product's deltas where the result stays consistent (0 <= reserved <= on hand) and the product
     * tracks inventory, with a movement row each and the stock alerts the changes cross, in one statement. Returns
     * the levels after the change of the products that changed: a product missing from it was left as it was.
     */
    private Mono<Map<Long, StockLevel>> change(List<Delta> deltas, StockMovement.Kind kind, String reason, String actor, Long orderId) {
        if (deltas.isEmpty()) {
            return Mono.just(Map.of());
        }
        var values = changeValues(deltas, kind, reason, actor);
        values.put("stock_order_id", SqlPart.nullable(orderId, Long.class));
        var part = new SqlPart(changeExpressions(deltas, ":stock_order_id::bigint"), values, List.of());
        return SqlPart.bind(db.sql("with " + part.ctes() + """

                        select product_id, on_hand, reserved, low_stock_threshold from stock_changed order by product_id"""), List.of(part))
                .map(row -> new StockLevel(Sql.getLong(row, "product_id"), Sql.getInt(row, "on_hand"),
                        Sql.getInt(row, "reserved"), Sql.getInt(row, "low_stock_threshold")))
                .all()
                .collectMap(StockLevel::productId, Function.identity());
    }

    /**
     * The expressions of a stock change, named {@code stock_*}: {@code stock_changed} holds the levels after it of the
     * products that changed, and the stock alerts it crosses are raised. The change itself is the database function
     * {@code ledgerline_change_stock} (V4 migration): it locks the rows in product id order before any is updated, so
     * two changes over the same products never wait on each other in opposite order, and a change waiting for a row
     * re-checks its condition against the row as the transaction ahead committed it (READ COMMITTED), so concurrent
     * reservations can never take more than is there.
     *
     * @param orderId SQL for the order id of the movements; the rows are locked once it has been evaluated
     */
    private static String changeExpressions(List<Delta> deltas, String orderId) {
        if (deltas.stream().map(Delta::productId).distinct().count() != deltas.size()) {
            throw new IllegalArgumentException("One delta per product: " + deltas);
        }
        return """
                stock_changed as (
                    select * from ledgerline_change_stock(:stock_product_ids::bigint[], :stock_on_hand_deltas::int[],
                        :stock_reserved_deltas::int[], :stock_kind, :stock_reason, :stock_actor, %s)),
                """.formatted(orderId) + StockAlerts.raisedFrom("stock_changed", ALERT_PREFIX);
    }

    private static Map<String, Object> changeValues(List<Delta> deltas, StockMovement.Kind kind, String reason, String actor) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("stock_product_ids", deltas.stream().map(Delta::productId).toArray(Long[]::new));
        values.put("stock_on_hand_deltas", deltas.stream().map(Delta::onHand).toArray(Integer[]::new));
        values.put("stock_reserved_deltas", deltas.stream().map(Delta::reserved).toArray(Integer[]::new));
        values.put("stock_kind", kind.name());
        values.put("stock_reason", reason);
        values.put("stock_actor", actor);
        return values;
    }

    /** The units still reserved for an order, from its movements (what placing it actually held). */
    public Flux<Units> reservedFor(long orderId) {
        return db.sql("""
                        select product_id, sum(reserved_delta)::int as held from stock_movement
                        where order_id = :orderId group by product_id having sum(reserved_delta) > 0 order by product_id""")
                .bind("orderId", orderId)
                .map(row -> new Units(Sql.getLong(row, "product_id"), Sql.getInt(row, "held")))
                .all();
    }

    /** A product with its stock as last committed; {@code level} is null for a product that tracks no inventory. */
    public record Stocked(Product product, StockLevel level) {
    }

    /** The products with their stock, in one read. */
    public Flux<Stocked> productsWithStock(Collection<Long> productIds) {
        return db.sql("select " + ProductRepository.COLUMNS + ", s.on_hand, s.reserved"
                        + " from product p left join stock_level s on s.product_id = p.id where p.id = any(:ids) order by p.id")
                .bind("ids", productIds.toArray(Long[]::new))
                .map(row -> {
                    Product product = ProductRepository.map(row);
                    StockLevel level = !product.trackInventory() || row.get("on_hand", Integer.class) == null ? null
                            : new StockLevel(product.id(), Sql.getInt(row, "on_hand"), Sql.getInt(row, "reserved"), product.lowStockThreshold());
                    return new Stocked(product, level);
                })
                .all();
    }

    public Flux<StockLevel> levels(Collection<Long> productIds) {
        return db.sql("""
                        select s.product_id, s.on_hand, s.reserved, p.low_stock_threshold
                        from stock_level s join product p on p.id = s.product_id where s.product_id = any(:ids)""")
                .bind("ids", productIds.toArray(Long[]::new))
                .map(row -> new StockLevel(Sql.getLong(row, "product_id"), Sql.getInt(row, "on_hand"),
                        Sql.getInt(row, "reserved"), Sql.getInt(row, "low_stock_threshold")))
                .all();
    }

    public Flux<StockMovement> movements(long productId, int first) {
        return db.sql("""
                        select m.id, m.product_id, m.kind, m.on_hand_delta, m.reserved_delta, m.on_hand_after,
                               m.reserved_after, m.reason, m.actor, o.number, m.created_at
                        from stock_movement m left join customer_order o on o.id = m.order_id
                        where m.product_id = :productId order by m.id desc limit :first""")
                .bind("productId", productId)
                .bind("first", Math.clamp(first, 1, 500))
                .map(row -> new StockMovement(Sql.getLong(row, "id"), Sql.getLong(row, "product_id"),
                        StockMovement.Kind.valueOf(row.get("kind", String.class)), Sql.getInt(row, "on_hand_delta"),
                        Sql.getInt(row, "reserved_delta"), Sql.getInt(row, "on_hand_after"), Sql.getInt(row, "reserved_after"),
                        row.get("reason", String.class), row.get("actor", String.class), row.get("number", String.class),
                        Sql.getInstant(row, "created_at")))
                .all();
    }
}
