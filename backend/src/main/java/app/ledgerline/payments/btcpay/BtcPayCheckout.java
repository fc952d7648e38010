package app.ledgerline.payments.btcpay;

import app.ledgerline.alerts.AlertKind;
import app.ledgerline.alerts.Alerts;
import app.ledgerline.botlink.BotTasks;
import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.PaymentMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Creates the BTCPay invoice of a BTC order right after the order committed (the order's transaction never waits on
 * BTCPay), then stores its id and checkout link on the payment and sends the customer the link, in a second short
 * transaction. When BTCPay cannot be reached the order stays placed and PENDING: admins get a PAYMENT_INVALID alert,
 * and the customer is pointed at the shop's manual BTC address if one is configured (else told the shop will send a
 * payment link).
 */
@Component
public class BtcPayCheckout {

    private static final Logger log = LoggerFactory.getLogger(BtcPayCheckout.class);

    private final ObjectProvider<app.ledgerline.payments.BtcPayInvoices> invoices;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Alerts alerts;
    private final BotTasks tasks;
    private final CustomerService customers;

    BtcPayCheckout(ObjectProvider<app.ledgerline.payments.BtcPayInvoices> invoices, DatabaseClient db, TransactionalOperator tx,
                   Alerts alerts, BotTasks tasks, CustomerService customers) {
        this.customers = customers;
        this.invoices = invoices;
        this.db = db;
        this.tx = tx;
        this.alerts = alerts;
        this.tasks = tasks;
    }

    /** For a committed order: a BTC order gets its checkout when BTCPay is configured. Never fails; returns the order. */
    public Mono<Order> afterPlacement(Order order) {
        var btcPay = invoices.getIfAvailable();
        if (btcPay == null || order.paymentMethod() != PaymentMethod.BTC) {
            return Mono.just(order);
        }
        return btcPay.create(order, order.expiresAt())
                .flatMap(created -> attach(order, created))
                .onErrorResume(e -> failed(order, e))
                .onErrorResume(e -> {
                    log.error("Could not record the BTCPay checkout outcome of order {}", order.number(), e);
                    return Mono.empty();
                })
                .thenReturn(order);
    }

    private Mono<Void> attach(Order order, app.ledgerline.payments.BtcPayInvoices.CreatedInvoice created) {
        return db.sql("""
                        update payment set provider_invoice_id = :invoiceId, checkout_url = :url, updated_at = now()
                        where order_id = :orderId and provider_invoice_id is null""")
                .bind("invoiceId", created.invoiceId()).bind("url", created.checkoutUrl()).bind("orderId", order.id())
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 0 ? Mono.<Void>empty() : customers.discordUserId(order.customerId())
                        .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.ORDER_RECEIVED, order.number(), order.id(),
                                "Pay " + order.total().formatted() + " in BTC for order " + order.number() + " on this checkout page: "
                                        + created.checkoutUrl() + " . We confirm automatically."))
                        .then())
                .as(tx::transactional)
                .doOnSuccess(ignored -> log.info("BTCPay invoice {} created for order {}", created.invoiceId(), order.number()));
    }

    private Mono<Void> failed(Order order, Throwable e) {
        String described = e instanceof WebClientResponseException http ? "BTCPay answered HTTP " + http.getStatusCode().value()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        String reason = described.length() > 300 ? described.substring(0, 300) : described;
        log.warn("BTCPay checkout for order {} could not be created: {}", order.number(), reason);
        // Fall back to the manual address when the shop has one; the customer was already told how to pay otherwise.
        return db.sql("""
                        update payment p set pay_to = s.handle, updated_at = now()
                        from payment_method_setting s
                        where s.method = 'BTC' and s.handle is not null and p.order_id = :orderId and p.checkout_url is null
                        returning s.handle""")
                .bind("orderId", order.id())
                .map(row -> row.get("handle", String.class)).one()
                .flatMap(address -> customers.discordUserId(order.customerId()).flatMap(discordId -> tasks.directMessage(discordId,
                        DmTemplate.ORDER_RECEIVED, order.number(), order.id(), "Send BTC worth exactly " + order.total().formatted()
                                + " to " + address + " (order " + order.number() + "). Then tell us the transaction id so we can match it.")))
                .then(alerts.raise(AlertKind.PAYMENT_INVALID, Alerts.Severity.WARNING, null, order.id(),
                        "BTCPay checkout for order " + order.number() + " could not be created (" + reason
                                + "): send the customer a payment link or confirm a manual payment"))
                .then()
                .as(tx::transactional);
    }
}
