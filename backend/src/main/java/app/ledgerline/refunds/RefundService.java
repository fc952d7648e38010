package app.ledgerline.refunds;

import app.ledgerline.botlink.BotTasks;
import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.entitlements.Entitlements;
import app.ledgerline.inventory.InventoryService;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLine;
import app.ledgerline.orders.OrderRepository;
import app.ledgerline.orders.OrderService;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.platform.Money;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.Validator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Full and partial refunds. One transaction records the refund, restocks the chosen lines, moves the order to
 * REFUNDED or PARTIALLY_REFUNDED, revokes the roles it covers and tells the customer. A refund never exceeds what was
 * paid minus earlier refunds.
 */
@Service
public class RefundService {

    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED,
            OrderStatus.PARTIALLY_REFUNDED);

    private record Covered(long productId, int quantity, boolean restock) {
    }

    private record Settled(long paid, long refunded) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OrderService orderService;
    private final OrderRepository orders;
    private final InventoryService inventory;
    private final Entitlements entitlements;
    private final BotTasks tasks;
    private final CustomerService customers;

    RefundService(DatabaseClient db, TransactionalOperator tx, OrderService orderService, OrderRepository orders,
                  InventoryService inventory, Entitlements entitlements, BotTasks tasks, CustomerService customers) {
        this.customers = customers;
        this.db = db;
        this.tx = tx;
        this.orderService = orderService;
        this.orders = orders;
        this.inventory = inventory;
        this.entitlements = entitlements;
        this.tasks = tasks;
    }

    public Mono<Order> refund(RefundInput input, String actor) {
        return Mono.fromCallable(() -> validate(input))
                .flatMap(covered -> orderService.lockForUpdate(input.number(), "input.number").flatMap(order -> {
                    if (!REFUNDABLE.contains(order.status())) {
                        return Mono.error(new ProblemException(new Problem(ProblemCode.ILLEGAL_STATUS_TRANSITION,
                                "Order " + order.number() + " is " + order.status() + ": only paid orders can be refunded", "input.number", null)));
                    }
                    return Mono.zip(paidAndRefunded(order.id()), orders.linesOf(List.of(order.id())).collectList(), refundedQuantities(order.id()))
                            .flatMap(t -> {
                                long left = t.getT1().paid() - t.getT1().refunded();
                                if (input.amountMinor() > left) {
                                    return Mono.error(new ProblemException(new Problem(ProblemCode.REFUND_EXCEEDS_PAID,
                                            "At most " + new Money(left, order.currency()).formatted() + " can still be refunded on order " + order.number(),
                                            "input.amountMinor", null)));
                                }
                                checkLines(covered, t.getT2(), t.getT3());
                                boolean full = input.amountMinor() == left;
                                return record(order, input, covered, actor)
                                        .then(restock(order, covered, actor))
                                        .then(orderService.refunded(order, full ? OrderStatus.REFUNDED : OrderStatus.PARTIALLY_REFUNDED,
                                                "Refunded " + new Money(input.amountMinor(), order.currency()).formatted() + ": " + input.reason().strip(), actor))
                                        .flatMap(updated -> revokeRoles(order, covered, full)
                                                .then(full ? markPaymentRefunded(order.id(), actor) : Mono.empty())
                                                .then(tell(order, input))
                                                .thenReturn(updated));
                            });
                }))
                .as(tx::transactional);
    }

    private List<Covered> validate(RefundInput input) {
        var v = new Validator()
                .check(input.number() != null, "input.number", "'input.number' is required")
                .range("input.amountMinor", input.amountMinor(), 1, 1_000_000_000)
                .text("input.reason", input.reason(), 1, 500)
                .optionalText("input.reference", input.reference(), 200);
        Map<Long, Covered> covered = new LinkedHashMap<>();
        for (int i = 0; i < input.lines().size(); i++) {
            var line = input.lines().get(i);
            String field = "input.lines[" + i + "]";
            boolean numeric = line.productId() != null && line.productId().matches("[0-9]{1,18}");
            v.check(numeric, field + ".productId", "'" + field + ".productId' is not a product id");
            v.range(field + ".quantity", line.quantity() == null ? null : line.quantity().longValue(), 1, 99);
            if (numeric && line.quantity() != null) {
                long productId = Long.parseLong(line.productId());
                v.check(!covered.containsKey(productId), field + ".productId", "Product " + productId + " is listed twice");
                covered.put(productId, new Covered(productId, line.quantity(), Boolean.TRUE.equals(line.restock())));
            }
        }
        v.orThrow();
        return List.copyOf(covered.values());
    }

    private static void checkLines(List<Covered> covered, List<OrderLine> lines, Map<Long, Integer> refundedBefore) {
        var v = new Validator();
        for (int i = 0; i < covered.size(); i++) {
            Covered c = covered.get(i);
            int bought = lines.stream().filter(l -> l.productId() == c.productId()).mapToInt(OrderLine::quantity).sum();
            int left = bought - refundedBefore.getOrDefault(c.productId(), 0);
            v.check(bought > 0, "input.lines[" + i + "].productId", "Product " + c.productId() + " is not in this order");
            v.check(bought == 0 || c.quantity() <= left, "input.lines[" + i + "].quantity",
                    "Only " + Math.max(0, left) + " of product " + c.productId() + " are left to refund");
        }
        v.orThrow();
    }

    /** What was paid for the order and what was refunded already. */
    private Mono<Settled> paidAndRefunded(long orderId) {
        return db.sql("""
                        select coalesce(p.received_minor, o.total_minor) as paid,
                               (select coalesce(sum(r.amount_minor), 0) from refund r where r.order_id = o.id) as refunded
                        from customer_order o left join payment p on p.order_id = o.id where o.id = :id""")
                .bind("id", orderId)
                .map(row -> new Settled(Sql.getLong(row, "paid"), ((Number) row.get("refunded")).longValue()))
                .one();
    }

    private Mono<Map<Long, Integer>> refundedQuantities(long orderId) {
        return db.sql("select l.product_id, sum(l.quantity)::int as q from refund_line l join refund r on r.id = l.refund_id"
                        + " where r.order_id = :id group by l.product_id")
                .bind("id", orderId)
                .map(row -> Map.entry(Sql.getLong(row, "product_id"), Sql.getInt(row, "q")))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Void> record(Order order, RefundInput input, List<Covered> covered, String actor) {
        var spec = db.sql("""
                        with r as (
                            insert into refund (order_id, amount_minor, currency, reason, reference, actor)
                            values (:orderId, :amount, :currency, :reason, :reference, :actor) returning id),
                        l as (
                            insert into refund_line (refund_id, product_id, quantity, restocked)
                            select r.id, x.product_id, x.quantity, x.restock
                            from r, unnest(:productIds::bigint[], :quantities::int[], :restocks::boolean[]) as x(product_id, quantity, restock))
                        insert into outbox_event (type, aggregate_id, payload)
                        select 'order.refunded', :number, jsonb_build_object('orderId', :orderId, 'number', :number, 'refundId', r.id,
                               'amountMinor', :amount, 'currency', :currency, 'actor', :actor)
                        from r""")
                .bind("orderId", order.id()).bind("amount", input.amountMinor()).bind("currency", order.currency())
                .bind("reason", input.reason().strip()).bind("actor", actor).bind("number", order.number())
                .bind("productIds", covered.stream().map(Covered::productId).toArray(Long[]::new))
                .bind("quantities", covered.stream().map(Covered::quantity).toArray(Integer[]::new))
                .bind("restocks", covered.stream().map(Covered::restock).toArray(Boolean[]::new));
        return Sql.bind(spec, "reference", input.reference() == null || input.reference().isBlank() ? null : input.reference().strip(), String.class).then();
    }

    private Mono<Void> restock(Order order, List<Covered> covered, String actor) {
        return inventory.restock(order.id(), covered.stream().filter(Covered::restock)
                .map(c -> new InventoryService.Units(c.productId(), c.quantity())).toList(), "Refund of order " + order.number(), actor);
    }

    private Mono<Void> revokeRoles(Order order, List<Covered> covered, boolean full) {
        if (full) {
            return entitlements.revoke(order, null);
        }
        Collection<Long> products = new ArrayList<>(covered.stream().map(Covered::productId).toList());
        return products.isEmpty() ? Mono.empty() : entitlements.revoke(order, products);
    }

    private Mono<Void> markPaymentRefunded(long orderId, String actor) {
        return db.sql("""
                        with p as (update payment set status = 'REFUNDED', updated_at = now() where order_id = :orderId
                                   and status = 'CONFIRMED' returning id)
                        insert into payment_event (payment_id, from_status, to_status, note, actor)
                        select id, 'CONFIRMED', 'REFUNDED', 'Refunded in full', :actor from p""")
                .bind("orderId", orderId).bind("actor", actor).then();
    }

    private Mono<Void> tell(Order order, RefundInput input) {
        return customers.discordUserId(order.customerId())
                .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.REFUNDED, order.number(), order.id(),
                        "We refunded " + new Money(input.amountMinor(), order.currency()).formatted() + " for order " + order.number()
                                + ": " + input.reason().strip()))
                .then();
    }

    public Flux<Refund> ofOrders(Collection<Long> orderIds) {
        return db.sql("""
                        select r.id, r.order_id, r.amount_minor, r.currency, r.reason, r.reference, r.actor, r.created_at,
                               coalesce(array_agg(l.product_id order by l.product_id) filter (where l.product_id is not null), '{}') as product_ids,
                               coalesce(array_agg(l.quantity order by l.product_id) filter (where l.product_id is not null), '{}') as quantities,
                               coalesce(array_agg(l.restocked order by l.product_id) filter (where l.product_id is not null), '{}') as restocked
                        from refund r left join refund_line l on l.refund_id = r.id
                        where r.order_id = any(:ids) group by r.id order by r.id""")
                .bind("ids", orderIds.toArray(Long[]::new))
                .map(row -> {
                    Long[] products = row.get("product_ids", Long[].class);
                    Integer[] quantities = row.get("quantities", Integer[].class);
                    Boolean[] restocked = row.get("restocked", Boolean[].class);
                    List<Refund.Line> lines = new ArrayList<>();
                    for (int i = 0; i < products.length; i++) {
                        lines.add(new Refund.Line(products[i], quantities[i], restocked[i]));
                    }
                    return new Refund(Sql.getLong(row, "id"), Sql.getLong(row, "order_id"), Sql.getLong(row, "amount_minor"),
                            row.get("currency", String.class), row.get("reason", String.class), row.get("reference", String.class),
                            row.get("actor", String.class), Sql.getInstant(row, "created_at"), lines);
                })
                .all();
    }

    /** Paid minus refunded, per order (orders never paid have nothing refundable). */
    public Mono<Map<Long, Long>> refundable(Collection<Long> orderIds) {
        return db.sql("""
                        select o.id, case when o.status in ('PAID', 'SHIPPED', 'DELIVERED', 'PARTIALLY_REFUNDED')
                                          then coalesce(p.received_minor, o.total_minor)
                                               - (select coalesce(sum(r.amount_minor), 0) from refund r where r.order_id = o.id)
                                          else 0 end as refundable
                        from customer_order o left join payment p on p.order_id = o.id where o.id = any(:ids)""")
                .bind("ids", orderIds.toArray(Long[]::new))
                .map(row -> Map.entry(Sql.getLong(row, "id"), ((Number) row.get("refundable")).longValue()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }
}
