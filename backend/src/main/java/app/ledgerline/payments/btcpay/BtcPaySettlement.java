package app.ledgerline.payments.btcpay;

import app.ledgerline.alerts.AlertKind;
import app.ledgerline.alerts.Alerts;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderService;
import app.ledgerline.orders.OrderStatus;
import app.ledgerline.payments.Payment;
import app.ledgerline.payments.PaymentRepository;
import app.ledgerline.platform.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * What a BTCPay delivery does, given the invoice as BTCPay holds it now. One transaction: the delivery is recorded
 * (so it is acted on once), then the order and payment move. The re-read state decides, never the event type.
 * <ul>
 * <li>Settled, order PENDING: payment reference and amount recorded, order PAID by actor {@code btcpay} (payment
 * CONFIRMED, entitlements and DM follow through the order's listeners).</li>
 * <li>Settled, order CANCELLED (paid late): PAYMENT_INVALID alert, refund or re-open by hand.</li>
 * <li>Settled, order already PAID or beyond: nothing.</li>
 * <li>Expired, nothing paid, order PENDING: order CANCELLED as an expiry (stock released, payment EXPIRED).</li>
 * <li>Expired partly paid: PAYMENT_PARTIAL alert. Invalid, or paid late: PAYMENT_INVALID alert.</li>
 * <li>New, Processing: nothing yet.</li>
 * </ul>
 */
@Component
class BtcPaySettlement {

    static final String PROVIDER = "btcpay";
    static final String ACTOR = "btcpay";

    private static final Logger log = LoggerFactory.getLogger(BtcPaySettlement.class);

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OrderService orders;
    private final PaymentRepository payments;
    private final Alerts alerts;

    BtcPaySettlement(DatabaseClient db, TransactionalOperator tx, OrderService orders, PaymentRepository payments, Alerts alerts) {
        this.db = db;
        this.tx = tx;
        this.orders = orders;
        this.payments = payments;
        this.alerts = alerts;
    }

    /** Whether this delivery was already acted on (a cheap look before asking BTCPay anything). */
    Mono<Boolean> seen(String deliveryKey) {
        return db.sql("select exists (select 1 from webhook_delivery where provider = :provider and delivery_id = :id) as seen")
                .bind("provider", PROVIDER).bind("id", deliveryKey)
                .map(row -> Boolean.TRUE.equals(row.get("seen", Boolean.class))).one();
    }

    /** Acts on the delivery once; returns what happened, for the response and the log. */
    Mono<String> apply(BtcPayWebhook.Delivery delivery, GreenfieldClient.Invoice invoice) {
        return db.sql("""
                        insert into webhook_delivery (provider, delivery_id, event_type) values (:provider, :id, :type)
                        on conflict (provider, delivery_id) do nothing""")
                .bind("provider", PROVIDER).bind("id", delivery.key())
                .bind("type", delivery.type() == null ? "unknown" : delivery.type())
                .fetch().rowsUpdated()
                // A concurrent copy of the same delivery waits on the key above, then finds it taken.
                .flatMap(inserted -> inserted == 0 ? Mono.just("duplicate") : act(delivery, invoice))
                .as(tx::transactional)
                .doOnNext(outcome -> log.info("BTCPay delivery {} ({}, invoice {} {}/{}): {}", delivery.deliveryId(), delivery.type(),
                        invoice.id(), invoice.status(), invoice.additionalStatus(), outcome));
    }

    private Mono<String> act(BtcPayWebhook.Delivery delivery, GreenfieldClient.Invoice invoice) {
        if (invoice.id() != null && !invoice.id().equals(delivery.invoiceId())) {
            return Mono.just("ignored: BTCPay returned another invoice");
        }
        return payments.findByProviderInvoiceId(delivery.invoiceId())
                .flatMap(payment -> {
                    if (invoice.orderId() != null && !invoice.orderId().equalsIgnoreCase(payment.orderNumber())) {
                        log.warn("BTCPay invoice {} names order {} but belongs to order {}: ignored", invoice.id(), invoice.orderId(),
                                payment.orderNumber());
                        return Mono.just("ignored: order mismatch");
                    }
                    return orders.lockForUpdate(payment.orderNumber(), "orderId")
                            .flatMap(order -> decide(order, payment, delivery.invoiceId(), invoice));
                })
                .defaultIfEmpty("ignored: not a Ledgerline invoice");
    }

    private Mono<String> decide(Order order, Payment payment, String invoiceId, GreenfieldClient.Invoice invoice) {
        String status = invoice.status() == null ? "" : invoice.status();
        String additional = invoice.additionalStatus() == null ? "None" : invoice.additionalStatus();
        return switch (status) {
            case "Settled" -> switch (order.status()) {
                case PENDING -> settle(order, payment, invoiceId, invoice, additional);
                case CANCELLED -> paidLate(order, invoiceId, invoice);
                default -> Mono.just("nothing: order already " + order.status());
            };
            case "Expired" -> switch (additional) {
                case "PaidPartial" -> alertOnce(AlertKind.PAYMENT_PARTIAL, order, "BTCPay invoice " + invoiceId + " for order "
                        + order.number() + " expired partly paid: refund the customer or settle the order by hand").thenReturn("partial");
                case "Invalid" -> invalid(order, invoiceId, additional);
                case "PaidLate" -> paidLate(order, invoiceId, invoice);
                default -> order.status() == OrderStatus.PENDING
                        ? orders.changeStatus(order.number(), OrderStatus.CANCELLED, "BTCPay invoice " + invoiceId + " expired",
                                OrderService.EXPIRY_ACTOR).thenReturn("cancelled")
                        : Mono.just("nothing: order already " + order.status());
            };
            case "Invalid" -> invalid(order, invoiceId, additional);
            case "New", "Processing" -> Mono.just("waiting: invoice " + status);
            default -> Mono.just("ignored: invoice status " + status);
        };
    }

    private Mono<String> settle(Order order, Payment payment, String invoiceId, GreenfieldClient.Invoice invoice, String additional) {
        Long received = amountMinor(invoice);
        if (received == null || !order.currency().equalsIgnoreCase(invoice.currency()) || received < payment.amountMinor()) {
            return alertOnce(AlertKind.PAYMENT_INVALID, order, "BTCPay invoice " + invoiceId + " settled for " + invoice.amount() + " "
                    + invoice.currency() + " but order " + order.number() + " costs " + payment.amount().formatted()
                    + ": check the invoice and confirm or cancel by hand").thenReturn("amount mismatch");
        }
        return db.sql("update payment set external_reference = :ref, received_minor = :received, updated_at = now() where id = :id")
                .bind("ref", invoiceId).bind("received", received).bind("id", payment.id()).then()
                .then(Mono.defer(() -> orders.changeStatus(order.number(), OrderStatus.PAID, "BTCPay invoice " + invoiceId + " settled"
                        + ("None".equals(additional) ? "" : " (" + additional + ")"), ACTOR)))
                .thenReturn("paid");
    }

    private Mono<String> paidLate(Order order, String invoiceId, GreenfieldClient.Invoice invoice) {
        Long received = amountMinor(invoice);
        String amount = received == null ? invoice.amount() + " " + invoice.currency() : new Money(received, invoice.currency()).formatted();
        return db.sql("""
                        update payment set external_reference = :ref, received_minor = coalesce(received_minor, :received), updated_at = now()
                        where order_id = :orderId""")
                .bind("ref", invoiceId).bind("received", received == null ? 0L : received).bind("orderId", order.id()).then()
                .then(alertOnce(AlertKind.PAYMENT_INVALID, order, "Order " + order.number() + " (" + order.status() + ", BTCPay invoice "
                        + invoiceId + ", " + amount + ") was paid after expiry: refund or re-open by hand"))
                .thenReturn("paid late");
    }

    private Mono<String> invalid(Order order, String invoiceId, String additional) {
        return alertOnce(AlertKind.PAYMENT_INVALID, order, "BTCPay invoice " + invoiceId + " for order " + order.number()
                + " is invalid" + ("None".equals(additional) ? "" : " (" + additional + ")") + ": check it in BTCPay and settle the order by hand")
                .thenReturn("invalid");
    }

    /** The same alert is raised once per order, however many deliveries report the same state. */
    private Mono<Void> alertOnce(AlertKind kind, Order order, String message) {
        return db.sql("select exists (select 1 from alert where order_id = :orderId and kind = :kind and message = :message) as raised")
                .bind("orderId", order.id()).bind("kind", kind.name()).bind("message", message)
                .map(row -> Boolean.TRUE.equals(row.get("raised", Boolean.class))).one()
                .flatMap(raised -> raised ? Mono.empty() : alerts.raise(kind,
                        kind == AlertKind.PAYMENT_PARTIAL ? Alerts.Severity.WARNING : Alerts.Severity.CRITICAL, null, order.id(), message))
                .then();
    }

    private static Long amountMinor(GreenfieldClient.Invoice invoice) {
        try {
            return invoice.amount() == null || invoice.currency() == null ? null : invoice.amountMinor();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
