package app.ledgerline.payments;

import app.ledgerline.alerts.AlertKind;
import app.ledgerline.alerts.Alerts;
import app.ledgerline.botlink.BotTasks;
import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.customers.ShopperInput;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderService;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.platform.Money;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Validator;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The manual payment flow (Venmo, Cash App, manual BTC, invoice): the customer claims, an admin confirms or rejects.
 * Confirming pays the order through the order status machine, so stock, entitlements and notifications follow in the
 * same transaction.
 */
@Service
public class PaymentService {

    private static final Set<PaymentStatus> OPEN = EnumSet.of(PaymentStatus.AWAITING, PaymentStatus.CLAIMED, PaymentStatus.FAILED);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OrderService orders;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final Alerts alerts;
    private final BotTasks tasks;
    private final CustomerService customers;

    PaymentService(DatabaseClient db, TransactionalOperator tx, OrderService orders, PaymentRepository payments,
                   PaymentLifecycle lifecycle, Alerts alerts, BotTasks tasks, CustomerService customers) {
        this.customers = customers;
        this.db = db;
        this.tx = tx;
        this.orders = orders;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.alerts = alerts;
        this.tasks = tasks;
    }

    /** The shopper says they paid their own order, with their transfer's reference. */
    public Mono<Order> claim(ShopperInput shopper, String number, String reference) {
        return Mono.fromRunnable(() -> {
                    var v = new Validator();
                    shopper.validate(v, "shopper");
                    v.text("reference", reference, 1, 200).orThrow();
                })
                .then(Mono.defer(() -> orders.lockForUpdate(number, "number")))
                .flatMap(order -> customers.discordUserId(order.customerId()).flatMap(owner -> {
                    if (!owner.equals(shopper.discordUserId())) {
                        // Someone else's order looks exactly like a missing one.
                        return Mono.error(new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No order " + number, "number", null)));
                    }
                    return openPayment(order).flatMap(payment -> {
                        if (payment.checkoutUrl() != null) {
                            return Mono.error(state("This order is paid on its BTCPay checkout page and confirmed automatically"));
                        }
                        return db.sql("""
                                        update payment set status = 'CLAIMED', claimed_reference = :ref, claimed_at = now(), updated_at = now()
                                        where id = :id""")
                                .bind("ref", reference.strip()).bind("id", payment.id()).then()
                                .then(lifecycle.event(payment.id(), payment.status(), PaymentStatus.CLAIMED, "Reference " + reference.strip(), shopper.actor()))
                                .then(alerts.raise(AlertKind.PAYMENT_CLAIMED, Alerts.Severity.INFO, null, order.id(),
                                        "Order " + order.number() + ": customer says they paid " + payment.amount().formatted() + " by "
                                                + payment.method() + " (reference " + reference.strip() + ")"))
                                .thenReturn(order);
                    });
                }))
                .as(tx::transactional);
    }

    /** An admin saw the money: the payment is confirmed and the order paid, in one transaction. */
    public Mono<Order> confirm(String number, Long amountMinor, String reference, String actor) {
        return Mono.fromRunnable(() -> new Validator()
                        .range("input.amountMinor", amountMinor, 0, 1_000_000_000)
                        .text("input.reference", reference, 1, 200)
                        .orThrow())
                .then(Mono.defer(() -> orders.lockForUpdate(number, "input.number")))
                .flatMap(order -> openPayment(order).flatMap(payment -> {
                    if (amountMinor < payment.amountMinor()) {
                        return Mono.error(new ProblemException(new Problem(ProblemCode.PAYMENT_AMOUNT_SHORT,
                                "Order " + order.number() + " costs " + payment.amount().formatted() + " but "
                                        + new Money(amountMinor, payment.currency()).formatted() + " was confirmed; reject it or confirm the full amount",
                                "input.amountMinor", null)));
                    }
                    return db.sql("update payment set external_reference = :ref, received_minor = :received, updated_at = now() where id = :id")
                            .bind("ref", reference.strip()).bind("received", amountMinor).bind("id", payment.id()).then()
                            .then(Mono.defer(() -> orders.changeStatus(order.number(), OrderStatus.PAID,
                                    "Payment confirmed (" + payment.method() + " reference " + reference.strip() + ")", actor)));
                }))
                .as(tx::transactional);
    }

    /** An admin could not find the payment: the customer is told why and may claim again while the order is open. */
    public Mono<Order> reject(String number, String reason, String actor) {
        return Mono.fromRunnable(() -> new Validator().text("reason", reason, 1, 500).orThrow())
                .then(Mono.defer(() -> orders.lockForUpdate(number, "number")))
                .flatMap(order -> openPayment(order).flatMap(payment -> db.sql("""
                                update payment set status = 'FAILED', failure_reason = :reason, updated_at = now() where id = :id""")
                        .bind("reason", reason.strip()).bind("id", payment.id()).then()
                        .then(lifecycle.event(payment.id(), payment.status(), PaymentStatus.FAILED, reason.strip(), actor))
                        .then(alerts.raise(AlertKind.PAYMENT_REJECTED, Alerts.Severity.WARNING, null, order.id(),
                                "Payment for order " + order.number() + " rejected by " + actor + ": " + reason.strip()))
                        .then(customers.discordUserId(order.customerId()))
                        .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.PAYMENT_REJECTED, order.number(), order.id(),
                                "We could not confirm your payment for order " + order.number() + ": " + reason.strip()
                                        + "\nIf you did pay, send us the right reference; the order stays open until it expires."))
                        .thenReturn(order)))
                .as(tx::transactional);
    }

    private Mono<Payment> openPayment(Order order) {
        if (order.status() != OrderStatus.PENDING) {
            return Mono.error(state("Order " + order.number() + " is " + order.status() + ": its payment is settled"));
        }
        return payments.lockByOrderId(order.id())
                .switchIfEmpty(Mono.error(() -> state("Order " + order.number() + " has no payment")))
                .flatMap(payment -> OPEN.contains(payment.status()) ? Mono.just(payment)
                        : Mono.error(state("The payment of order " + order.number() + " is " + payment.status())));
    }

    private static ProblemException state(String message) {
        return new ProblemException(new Problem(ProblemCode.PAYMENT_STATE, message, "number", null));
    }
}
