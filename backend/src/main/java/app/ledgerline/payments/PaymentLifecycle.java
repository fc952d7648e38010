package app.ledgerline.payments;

import app.ledgerline.alerts.AlertKind;
import app.ledgerline.alerts.Alerts;
import app.ledgerline.botlink.BotTasks;
import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.orders.NewOrder;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLifecycleListener;
import app.ledgerline.orders.OrderService;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.orders.PlaceOrderInput;
import app.ledgerline.orders.PlacementWrites;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.SqlPart;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The payment side of an order's life, written with each change of the order: the payment row and the "order received,
 * here is how to pay" DM when it is placed (in the order's statement); CONFIRMED with the "payment confirmed" DM when it
 * is paid; EXPIRED or FAILED when it is cancelled unpaid (in the order's transaction).
 */
@Component
class PaymentLifecycle implements OrderLifecycleListener, PlacementWrites {

    private final DatabaseClient db;
    private final PaymentSettings settings;
    private final PaymentRepository payments;
    private final PaymentLinks links;
    private final BotTasks tasks;
    private final Alerts alerts;
    private final CustomerService customers;

    PaymentLifecycle(DatabaseClient db, PaymentSettings settings, PaymentRepository payments, PaymentLinks links, BotTasks tasks,
                     Alerts alerts, CustomerService customers) {
        this.customers = customers;
        this.db = db;
        this.settings = settings;
        this.payments = payments;
        this.links = links;
        this.tasks = tasks;
        this.alerts = alerts;
    }

    /** The payment, its first event and the "order received, here is how to pay" DM, written with the order. */
    @Override
    public Mono<SqlPart> writes(NewOrder order, PlaceOrderInput input) {
        PaymentMethod method = order.paymentMethod();
        return settings.requireUsable(method).flatMap(setting -> invoiceNumber(method).map(invoiceNumber -> {
            String invoice = invoiceNumber.orElse(null);
            String payTo = setting.automatic() ? null : setting.handle();
            // The order keeps its stock until the invoice is due (MethodPaymentHold): one deadline for both.
            Instant dueAt = invoice == null ? null : order.expiresAt();
            PaymentInstructions instructions = PaymentInstructions.of(method, order.total(), order.number(), payTo, null, invoice, dueAt,
                    invoice == null ? null : links.invoiceUrl(invoice), setting.instructions());
            String text = "Thanks for your order " + order.number() + " (" + order.total().formatted() + ").\n" + instructions.text();
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("payment_method", method.name());
            values.put("payment_amount", order.total().amountMinor());
            values.put("payment_currency", order.total().currency());
            values.put("payment_pay_to", SqlPart.nullable(payTo, String.class));
            values.put("payment_invoice_number", SqlPart.nullable(invoice, String.class));
            values.put("payment_due_at", SqlPart.nullable(dueAt, Instant.class));
            values.put("payment_actor", input.shopper().actor());
            values.put("payment_dm", tasks.directMessageJson(input.shopper().discordUserId(), DmTemplate.ORDER_RECEIVED, order.number(), text));
            return SqlPart.of("""
                    payment_new as (
                        insert into payment (order_id, method, amount_minor, currency, status, pay_to, invoice_number, due_at)
                        select o.id, :payment_method, :payment_amount, :payment_currency, 'AWAITING', :payment_pay_to,
                               :payment_invoice_number, :payment_due_at
                        from o
                        returning id),
                    payment_new_event as (
                        insert into payment_event (payment_id, to_status, note, actor)
                        select id, 'AWAITING', 'Order placed', :payment_actor from payment_new
                        returning 1),
                    payment_dm as (
                        insert into bot_task (kind, payload, order_id) select 'SEND_DM', :payment_dm, o.id from o
                        returning id)""", values).writing("payment_new_event", "payment_dm").announcing(List.of(), List.of("payment_dm"));
        }));
    }

    /** Invoices are numbered before their payment is written: the DM written with it names the number. */
    private Mono<Optional<String>> invoiceNumber(PaymentMethod method) {
        if (method != PaymentMethod.INVOICE) {
            return Mono.just(Optional.empty());
        }
        return db.sql("select 'INV-' || nextval('invoice_number_seq') as number")
                .map(row -> Optional.of(row.get("number", String.class)))
                .one();
    }

    PaymentInstructions instructions(Payment payment, String extra) {
        return PaymentInstructions.of(payment, payment.invoiceNumber() == null ? null : links.invoiceUrl(payment.invoiceNumber()), extra);
    }

    @Override
    public Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        if (to == OrderStatus.PAID) {
            return payments.lockByOrderId(order.id()).flatMap(payment -> db.sql("""
                                    update payment set status = 'CONFIRMED', confirmed_by = :actor, confirmed_at = now(),
                                        received_minor = coalesce(received_minor, amount_minor), updated_at = now()
                                    where id = :id""")
                            .bind("actor", actor).bind("id", payment.id()).then()
                            .then(event(payment.id(), payment.status(), PaymentStatus.CONFIRMED, note, actor)))
                    .then(customers.discordUserId(order.customerId()))
                    .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.PAYMENT_CONFIRMED, order.number(), order.id(),
                            "Payment received for order " + order.number() + " (" + order.total().formatted() + "). Thank you!"))
                    .then();
        }
        if (to == OrderStatus.CANCELLED) {
            boolean expired = OrderService.EXPIRY_ACTOR.equals(actor);
            PaymentStatus next = expired ? PaymentStatus.EXPIRED : PaymentStatus.FAILED;
            return payments.lockByOrderId(order.id())
                    .filter(payment -> payment.status() == PaymentStatus.AWAITING || payment.status() == PaymentStatus.CLAIMED
                            || payment.status() == PaymentStatus.FAILED)
                    .flatMap(payment -> db.sql("update payment set status = :status, failure_reason = :reason, updated_at = now() where id = :id")
                            .bind("status", next.name()).bind("reason", expired ? "Not paid in time" : "Order cancelled").bind("id", payment.id())
                            .then()
                            .then(event(payment.id(), payment.status(), next, note, actor))
                            .then(expired && payment.status() == PaymentStatus.CLAIMED
                                    ? alerts.raise(AlertKind.PAYMENT_EXPIRED, Alerts.Severity.WARNING, null, order.id(),
                                            "Order " + order.number() + " expired while its payment claim (" + payment.claimedReference() + ") was unconfirmed").then()
                                    : Mono.empty()));
        }
        return Mono.empty();
    }

    Mono<Void> event(long paymentId, PaymentStatus from, PaymentStatus to, String note, String actor) {
        var spec = db.sql("insert into payment_event (payment_id, from_status, to_status, note, actor) values (:id, :from, :to, :note, :actor)")
                .bind("id", paymentId).bind("actor", actor);
        spec = Sql.bind(spec, "from", from == null ? null : from.name(), String.class);
        spec = Sql.bind(spec, "to", to == null ? null : to.name(), String.class);
        spec = Sql.bind(spec, "note", note, String.class);
        return spec.then();
    }
}
