package app.ledgerline.orders;

import app.ledgerline.alerts.Alerts;
import app.ledgerline.catalog.ProductKind;
import app.ledgerline.customers.AddressInput;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.customers.ShopperInput;
import app.ledgerline.discounts.AppliedDiscount;
import app.ledgerline.discounts.DiscountService;
import app.ledgerline.events.Announcement;
import app.ledgerline.events.Announcer;
import app.ledgerline.inventory.InventoryService;
import app.ledgerline.inventory.InventoryService.Units;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.SqlPart;
import app.ledgerline.platform.Validator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Quotes, places and moves orders. Each change is one transaction holding the order row, its lines, the stock
 * movements, the history entry and the outgoing event: it happens whole or not at all.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)LL-[0-9]{1,12}");
    /** The actor of cancellations by the expiry sweeper. */
    public static final String EXPIRY_ACTOR = "system:expiry";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Pricing pricing;
    private final CustomerService customers;
    private final InventoryService inventory;
    private final DiscountService discounts;
    private final OrderRepository orders;
    private final MeterRegistry meters;
    private final List<OrderLifecycleListener> listeners;
    private final List<PlacementWrites> placementWrites;
    private final PlacementAdmission admission;
    private final PaymentHold hold;
    private final OrderNumbers numbers;
    private final Announcer announcer;

    OrderService(DatabaseClient db, TransactionalOperator tx, Pricing pricing, CustomerService customers,
                 InventoryService inventory, DiscountService discounts, OrderRepository orders,
                 MeterRegistry meters, List<OrderLifecycleListener> listeners, List<PlacementWrites> placementWrites,
                 PlacementAdmission admission, PaymentHold hold, OrderNumbers numbers, Announcer announcer) {
        this.db = db;
        this.tx = tx;
        this.pricing = pricing;
        this.customers = customers;
        this.inventory = inventory;
        this.discounts = discounts;
        this.orders = orders;
        this.meters = meters;
        this.listeners = List.copyOf(listeners);
        this.placementWrites = List.copyOf(placementWrites);
        this.admission = admission;
        this.hold = hold;
        this.numbers = numbers;
        this.announcer = announcer;
    }

    /** Prices a cart for the shopper without writing or reserving anything. */
    public Mono<Quote> quote(QuoteInput input) {
        return Mono.fromCallable(() -> {
                    var v = new Validator();
                    validateShopper(v, input.shopper());
                    var cart = Pricing.cart(input.lines(), v, "input.lines");
                    v.optionalText("input.discountCode", input.discountCode(), 64).orThrow();
                    return cart;
                })
                .flatMap(cart -> pricing.price(input.shopper().roleIds(), input.shopper().discordUserId(), cart, input.discountCode(),
                        "input.lines"));
    }

    /**
     * Places the order and reserves its stock; on any problem nothing is written. The order, its lines, history,
     * alert and events, the payment, the reservation and the discount's use are one statement (its own transaction),
     * after one read that prices the cart. When per-customer limits apply, the customer's row is locked first in a
     * transaction and the cart priced after it, so that customer's concurrent orders are counted exactly. Its events
     * and bot tasks are announced once it committed ({@link Announcer}).
     */
    public Mono<Order> place(PlaceOrderInput input) {
        return admission.admit(Mono.fromCallable(() -> validate(input))
                        .flatMap(cart -> {
                            ShopperInput shopper = input.shopper();
                            return price(input, cart).flatMap(quote -> numbers.next().flatMap(number -> quote.perCustomerLimits()
                                    ? customers.upsert(shopper)
                                            .then(price(input, cart))
                                            .flatMap(locked -> write(input, number, locked))
                                            .as(tx::transactional)
                                    : write(input, number, quote)));
                        })
                        .doOnNext(placed -> announcer.announce(placed.announcement()))
                        .map(Placed::order))
                .doOnSuccess(order -> Counter.builder("ledgerline.orders.placed")
                        .description("Orders placed through the storefront")
                        .tag("payment_method", order.paymentMethod().name())
                        .tag("via", order.placedVia().name())
                        .register(meters).increment())
                .doOnError(ProblemException.class, e -> Counter.builder("ledgerline.orders.rejected")
                        .description("Order placements refused with a problem")
                        .tag("reason", e.problems().getFirst().code().name())
                        .register(meters).increment());
    }

    private Mono<Quote> price(PlaceOrderInput input, List<Pricing.CartItem> cart) {
        ShopperInput shopper = input.shopper();
        return pricing.price(shopper.roleIds(), shopper.discordUserId(), cart, input.discountCode(), "input.lines")
                .flatMap(quote -> quote.requiresShipping() && input.shippingAddress() == null
                        ? Mono.error(new ProblemException(new Problem(ProblemCode.SHIPPING_ADDRESS_REQUIRED,
                                "A shipping address is needed for physical products", "input.shippingAddress", null)))
                        : Mono.just(quote));
    }

    private List<Pricing.CartItem> validate(PlaceOrderInput input) {
        var v = new Validator();
        validateShopper(v, input.shopper());
        var cart = Pricing.cart(input.lines(), v, "input.lines");
        v.optionalText("input.discountCode", input.discountCode(), 64)
                .check(input.paymentMethod() != null, "input.paymentMethod", "'input.paymentMethod' is required");
        if (input.shippingAddress() != null) {
            input.shippingAddress().validate(v, "input.shippingAddress");
        }
        PlacementInput placement = input.placement();
        v.check(placement != null && placement.via() != null, "input.placement.via", "'input.placement.via' is required");
        if (placement != null && placement.via() == PlacedVia.GUILD) {
            v.snowflake("input.placement.guildId", placement.guildId()).snowflake("input.placement.channelId", placement.channelId());
        } else if (placement != null && placement.channelId() != null) {
            v.snowflake("input.placement.channelId", placement.channelId());
        }
        v.orThrow();
        return cart;
    }

    private static void validateShopper(Validator v, ShopperInput shopper) {
        if (shopper == null) {
            v.check(false, "input.shopper", "'input.shopper' is required");
        } else {
            shopper.validate(v, "input.shopper");
        }
    }

    private static List<Units> units(Quote quote) {
        return quote.lines().stream().filter(Quote.PriceLine::trackInventory).map(l -> new Units(l.productId(), l.quantity())).toList();
    }

    /** Names of the new-order alert's expressions in the order's statement. */
    private static final String ALERT_PREFIX = "order_";

    /** An order as written, and what its statement asks to announce once committed. */
    private record Placed(Order order, Announcement announcement) {
    }

    /** The order's statement: its own rows, then each feature's part ({@link SqlPart}). */
    private Mono<Placed> write(PlaceOrderInput input, String number, Quote quote) {
        return hold.holdFor(input.paymentMethod()).flatMap(held -> {
            Instant expiresAt = Instant.now().plus(held);
            NewOrder order = new NewOrder(number, input.paymentMethod(), quote.total(), expiresAt);
            return Flux.fromIterable(placementWrites).concatMap(w -> w.writes(order, input)).collectList()
                    .flatMap(contributed -> write(input, order, quote, contributed));
        });
    }

    private Mono<Placed> write(PlaceOrderInput input, NewOrder order, Quote quote, List<SqlPart> contributed) {
        AddressInput address = quote.requiresShipping() ? input.shippingAddress().normalized() : null;
        List<Units> units = units(quote);
        List<SqlPart> parts = new ArrayList<>();
        parts.add(customers.upsertPart(input.shopper()));
        parts.add(orderPart(input, order, quote, address));
        parts.addAll(contributed);
        // The stock rows (and a discount's row) are the ones concurrent orders queue on: locked last, once everything
        // else is written, so each is held for as short a time as possible.
        String orderIdOnceWritten = "(select id from o where " + String.join(" and ", parts.stream().map(SqlPart::written).toList()) + ")";
        if (!units.isEmpty()) {
            parts.add(inventory.reservation(units, input.shopper().actor(), orderIdOnceWritten));
        }
        AppliedDiscount discount = quote.discount();
        if (discount != null) {
            parts.add(discounts.redemption(discount.id(), orderIdOnceWritten, "(select id from c)",
                    units.isEmpty() ? "exists (select 1 from o)" : "(select count(*) from stock_changed) >= 0"));
        }
        List<SqlPart.Refusal> refusals = parts.stream().flatMap(part -> part.refusals().stream()).toList();
        String sql = "with " + String.join(",\n", parts.stream().map(SqlPart::ctes).toList())
                + "\nselect o.id, o.customer_id, o.placed_at, o.updated_at,\n" + SqlPart.announced(parts) + "\nfrom o\nwhere "
                + SqlPart.checks(refusals, refusal -> Integer.toString(refusals.indexOf(refusal)));
        var spec = SqlPart.bind(db.sql(sql), parts);
        PlacementInput placement = input.placement();
        var lines = quote.lines();
        ShippingAddress shipTo = address == null ? null : new ShippingAddress(address.name(), address.line1(), address.line2(),
                address.city(), address.region(), address.postalCode(), address.country(), address.phone());
        return spec.map(row -> {
                    long orderId = Sql.getLong(row, "id");
                    String currency = quote.total().currency();
                    // The lines as just written, so the answer to placeOrder need not read them back.
                    List<OrderLine> written = lines.stream().map(l -> new OrderLine(orderId, l.productId(), l.sku(), l.name(), l.kind(),
                            l.unitPrice().amountMinor(), l.quantity(), currency, l.grantedRoleIds())).toList();
                    Order placed = new Order(orderId, order.number(), OrderStatus.PENDING, Sql.getLong(row, "customer_id"),
                            currency, quote.subtotal().amountMinor(), discount == null ? 0 : discount.amount().amountMinor(),
                            quote.shipping().amountMinor(), quote.total().amountMinor(), discount == null ? null : discount.id(),
                            discount == null ? null : discount.name(), discount == null ? null : discount.code(), input.paymentMethod(),
                            shipTo, placement.via(), placement.guildId(), placement.channelId(), order.expiresAt(),
                            Sql.getInstant(row, "placed_at"), Sql.getInstant(row, "updated_at"), written);
                    return new Placed(placed, Announcement.of(row.get("event_ids", Long[].class), row.get("event_types", String[].class),
                            row.get("bot_task_ids", Long[].class)));
                })
                .one()
                .onErrorMap(e -> SqlPart.refused(e)
                        .<Throwable>map(refused -> refusals.get(Integer.parseInt(refused.key())).problem().apply(refused.detail()))
                        .orElse(e))
                .doOnSuccess(placed -> inventory.reserved(units));
    }

    /**
     * The order ({@code o}: id, number, customer_id), its lines, its first history entry, the new-order alert
     * ({@link Alerts#raisedFrom}) and the {@code order.placed} event.
     */
    private static SqlPart orderPart(PlaceOrderInput input, NewOrder order, Quote quote, AddressInput address) {
        AppliedDiscount discount = quote.discount();
        PlacementInput placement = input.placement();
        var lines = quote.lines();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("order_number", order.number());
        values.put("order_discord_user_id", input.shopper().discordUserId());
        values.put("order_currency", quote.total().currency());
        values.put("order_subtotal", quote.subtotal().amountMinor());
        values.put("order_discount", discount == null ? 0L : discount.amount().amountMinor());
        values.put("order_shipping", quote.shipping().amountMinor());
        values.put("order_total", quote.total().amountMinor());
        values.put("order_total_text", quote.total().formatted());
        values.put("order_payment_method", input.paymentMethod().name());
        values.put("order_via", placement.via().name());
        values.put("order_expires_at", order.expiresAt());
        values.put("order_product_ids", lines.stream().map(Quote.PriceLine::productId).toArray(Long[]::new));
        values.put("order_skus", lines.stream().map(Quote.PriceLine::sku).toArray(String[]::new));
        values.put("order_names", lines.stream().map(Quote.PriceLine::name).toArray(String[]::new));
        values.put("order_kinds", lines.stream().map(l -> l.kind().name()).toArray(String[]::new));
        values.put("order_prices", lines.stream().map(l -> l.unitPrice().amountMinor()).toArray(Long[]::new));
        values.put("order_quantities", lines.stream().map(Quote.PriceLine::quantity).toArray(Integer[]::new));
        values.put("order_roles", lines.stream().map(l -> String.join(",", l.grantedRoleIds())).toArray(String[]::new));
        values.put("order_history_note", "Placed via " + placement.via().name().toLowerCase(Locale.ROOT));
        values.put("order_actor", input.shopper().actor());
        values.put("order_discount_id", SqlPart.nullable(discount == null ? null : discount.id(), Long.class));
        values.put("order_discount_name", SqlPart.nullable(discount == null ? null : discount.name(), String.class));
        values.put("order_discount_code", SqlPart.nullable(discount == null ? null : discount.code(), String.class));
        values.put("order_ship_name", SqlPart.nullable(address == null ? null : address.name(), String.class));
        values.put("order_ship_line1", SqlPart.nullable(address == null ? null : address.line1(), String.class));
        values.put("order_ship_line2", SqlPart.nullable(address == null ? null : address.line2(), String.class));
        values.put("order_ship_city", SqlPart.nullable(address == null ? null : address.city(), String.class));
        values.put("order_ship_region", SqlPart.nullable(address == null ? null : address.region(), String.class));
        values.put("order_ship_postal_code", SqlPart.nullable(address == null ? null : address.postalCode(), String.class));
        values.put("order_ship_country", SqlPart.nullable(address == null ? null : address.country(), String.class));
        values.put("order_ship_phone", SqlPart.nullable(address == null ? null : address.phone(), String.class));
        values.put("order_guild_id", SqlPart.nullable(placement.guildId(), String.class));
        values.put("order_channel_id", SqlPart.nullable(placement.channelId(), String.class));
        return SqlPart.of("""
                o as (
                    insert into customer_order (number, customer_id, status, currency, subtotal_minor, discount_minor,
                        shipping_minor, total_minor, discount_id, discount_name, discount_code, payment_method,
                        ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_phone,
                        placed_via, guild_id, channel_id, expires_at)
                    select :order_number, c.id, 'PENDING', :order_currency, :order_subtotal, :order_discount,
                        :order_shipping, :order_total, :order_discount_id, :order_discount_name, :order_discount_code,
                        :order_payment_method, :order_ship_name, :order_ship_line1, :order_ship_line2, :order_ship_city,
                        :order_ship_region, :order_ship_postal_code, :order_ship_country, :order_ship_phone,
                        :order_via, :order_guild_id, :order_channel_id, :order_expires_at
                    from c
                    returning id, number, customer_id, placed_at, updated_at),
                l as (
                    insert into order_line (order_id, product_id, sku, name, kind, unit_price_minor, quantity,
                                            line_total_minor, granted_role_ids)
                    select o.id, x.product_id, x.sku, x.name, x.kind, x.unit_price, x.quantity, x.unit_price * x.quantity,
                           string_to_array(x.roles, ',')
                    from o, unnest(:order_product_ids::bigint[], :order_skus::text[], :order_names::text[], :order_kinds::text[],
                                   :order_prices::bigint[], :order_quantities::int[], :order_roles::text[])
                            as x(product_id, sku, name, kind, unit_price, quantity, roles)
                    returning 1),
                h as (
                    insert into order_history (order_id, from_status, to_status, note, actor)
                    select id, null, 'PENDING', :order_history_note, :order_actor from o
                    returning 1),
                new_order_alert as (
                    select 'NEW_ORDER' as kind, 'INFO' as severity, null::bigint as product_id, id as order_id,
                           'New order ' || number || ': ' || :order_total_text || ' by ' || :order_payment_method as message
                    from o),
                """ + Alerts.raisedFrom("new_order_alert", ALERT_PREFIX) + ",\n" + """
                e as (
                    insert into outbox_event (type, aggregate_id, payload)
                    select 'order.placed', number, jsonb_build_object('orderId', id, 'number', number,
                           'customerId', customer_id, 'discordUserId', :order_discord_user_id, 'totalMinor', :order_total,
                           'currency', :order_currency, 'paymentMethod', :order_payment_method, 'placedVia', :order_via)
                    from o
                    returning id, type)""", values)
                .writing("l", "h", Alerts.raisedEvents(ALERT_PREFIX), Alerts.raisedTasks(ALERT_PREFIX), "e")
                .announcing(List.of("e", Alerts.raisedEvents(ALERT_PREFIX)), List.of(Alerts.raisedTasks(ALERT_PREFIX)));
    }

    /**
     * Moves an order along the status machine. PAID turns its reservation into a sale; CANCELLED releases its stock
     * and gives back its discount use. Refund statuses are reached through a refund, never set directly.
     */
    public Mono<Order> changeStatus(String number, OrderStatus target, String note, String actor) {
        return Mono.fromRunnable(() -> new Validator()
                        .pattern("input.number", number, ORDER_NUMBER, "an order number such as LL-1042")
                        .check(target != null, "input.status", "'input.status' is required")
                        .optionalText("input.note", note, 2000)
                        .orThrow())
                .then(Mono.defer(() -> transition(number, target, note, actor)))
                .as(tx::transactional);
    }

    public Mono<Order> cancel(String number, String reason, String actor) {
        return changeStatus(number, OrderStatus.CANCELLED, reason == null || reason.isBlank() ? "Cancelled" : reason, actor);
    }

    public Mono<Order> addNote(String number, String note, String actor) {
        return Mono.fromRunnable(() -> new Validator()
                        .pattern("number", number, ORDER_NUMBER, "an order number such as LL-1042")
                        .text("note", note, 1, 2000)
                        .orThrow())
                .then(Mono.defer(() -> lock(number)))
                .flatMap(order -> db.sql("insert into order_history (order_id, note, actor) values (:orderId, :note, :actor)")
                        .bind("orderId", order.id()).bind("note", note.strip()).bind("actor", actor)
                        .then()
                        .then(orders.findById(order.id())))
                .as(tx::transactional);
    }

    /** Cancels unpaid orders whose hold ended by {@code now} and releases their stock; returns how many. */
    public Mono<Long> expireDue(Instant now) {
        return orders.expiredUnpaid(now, 200)
                .concatMap(number -> transition(number, OrderStatus.CANCELLED, "Payment not received in time", EXPIRY_ACTOR)
                        .as(tx::transactional)
                        // Paid or cancelled meanwhile (by an admin or another instance): nothing to do.
                        .onErrorResume(ProblemException.class, e -> Mono.empty()))
                .count()
                .doOnNext(count -> {
                    if (count > 0) {
                        log.info("Expired {} unpaid orders", count);
                    }
                });
    }

    private Mono<Order> lock(String number) {
        return db.sql("select " + OrderRepository.COLUMNS + " from customer_order o where o.number = :number for update")
                .bind("number", number.strip().toUpperCase(Locale.ROOT))
                .map(OrderRepository::map)
                .one()
                .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.NOT_FOUND,
                        "No order " + number, "input.number", null))));
    }

    /**
     * Moves a locked order to a refund status; for the refund flow, which has recorded the refund in the same
     * transaction.
     */
    public Mono<Order> refunded(Order locked, OrderStatus target, String note, String actor) {
        if (target != OrderStatus.REFUNDED && target != OrderStatus.PARTIALLY_REFUNDED) {
            throw new IllegalArgumentException("Not a refund status: " + target);
        }
        if (!locked.status().canBecome(target)) {
            return illegal("Order " + locked.number() + " is " + locked.status() + " and cannot be refunded");
        }
        return record(locked, target, note, actor).then(orders.findById(locked.id()));
    }

    /** Locks the order row until the transaction ends; NOT_FOUND naming {@code field} when there is none. */
    public Mono<Order> lockForUpdate(String number, String field) {
        return Mono.fromRunnable(() -> new Validator().pattern(field, number, ORDER_NUMBER, "an order number such as LL-1042").orThrow())
                .then(Mono.defer(() -> lock(number)));
    }

    private Mono<Order> transition(String number, OrderStatus target, String note, String actor) {
        return lock(number).flatMap(order -> orders.linesOf(List.of(order.id())).collectList().flatMap(lines -> {
            OrderStatus from = order.status();
            if (target == OrderStatus.REFUNDED || target == OrderStatus.PARTIALLY_REFUNDED) {
                return illegal("Refunds are recorded with a refund, which says how much was paid back");
            }
            if (!from.canBecome(target)) {
                return illegal("Order " + order.number() + " is " + from + " and cannot become " + target);
            }
            boolean physical = lines.stream().anyMatch(l -> l.kind() == ProductKind.PHYSICAL);
            if ((target == OrderStatus.SHIPPED || target == OrderStatus.DELIVERED) && !physical) {
                return illegal("Order " + order.number() + " has nothing to ship: digital orders are complete when paid");
            }
            // What placing the order actually held, whatever the products' settings are now.
            Mono<Void> stock = switch (target) {
                case PAID -> inventory.reservedFor(order.id()).collectList().flatMap(held -> inventory.sell(order.id(), held, actor));
                case CANCELLED -> inventory.reservedFor(order.id()).collectList()
                        .flatMap(held -> inventory.release(order.id(), held, "Order " + order.number() + " cancelled", actor))
                        .then(discounts.release(order.id()));
                default -> Mono.empty();
            };
            return stock.then(record(order, target, note, actor)).then(orders.findById(order.id()));
        }));
    }

    private static Mono<Order> illegal(String message) {
        return Mono.error(new ProblemException(new Problem(ProblemCode.ILLEGAL_STATUS_TRANSITION, message, "input.status", null)));
    }

    /** Writes the new status, its history entry and event, then lets the other features act in the same transaction. */
    private Mono<Void> record(Order order, OrderStatus target, String note, String actor) {
        return writeStatus(order, target, note, actor)
                .then(Flux.fromIterable(listeners).concatMap(l -> l.transitioned(order, order.status(), target, note, actor)).then());
    }

    private Mono<Void> writeStatus(Order order, OrderStatus target, String note, String actor) {
        var spec = db.sql("""
                        with changed as (
                            update customer_order set status = :to, updated_at = now() where id = :orderId
                            returning id, number),
                        h as (
                            insert into order_history (order_id, from_status, to_status, note, actor)
                            select id, :from, :to, :note, :actor from changed)
                        insert into outbox_event (type, aggregate_id, payload)
                        select 'order.status_changed', number, jsonb_build_object('orderId', id, 'number', number,
                               'from', :from, 'to', :to, 'actor', :actor)
                        from changed""")
                .bind("to", target.name())
                .bind("from", order.status().name())
                .bind("orderId", order.id())
                .bind("actor", actor);
        return Sql.bind(spec, "note", note == null || note.isBlank() ? null : note.strip(), String.class).then();
    }

    public Flux<Order> ordersOf(long customerId, int first) {
        return orders.findByCustomer(customerId, first);
    }
}
