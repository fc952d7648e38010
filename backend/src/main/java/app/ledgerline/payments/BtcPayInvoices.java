package app.ledgerline.payments;

import app.ledgerline.orders.Order;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * BTC checkout through BTCPay Server. A bean exists only when BTCPay is configured; without it BTC is paid by hand
 * to the shop's address and confirmed by an admin.
 */
public interface BtcPayInvoices {

    /** A created BTCPay invoice: its id and the checkout page the customer opens. */
    record CreatedInvoice(String invoiceId, String checkoutUrl) {
    }

    /** Creates the invoice for an order (amount, currency, {@code metadata.orderId}, expiring with the order's hold). */
    Mono<CreatedInvoice> create(Order order, Instant expiresAt);
}
