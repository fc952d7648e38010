package app.ledgerline.bot.backend;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The shopper's own orders and their payment claims. */
@Component
public class OrdersBackend {

    /** What the order list shows. */
    static final String SUMMARY_FIELDS = """
            number status placedAt expiresAt
            lines { name kind quantity unitPrice { amountMinor currency formatted } lineTotal { amountMinor currency formatted } }
            total { amountMinor currency formatted }
            paymentMethod
            payment { method status amount { amountMinor currency formatted } }""";

    /** What one order's details show. */
    static final String DETAIL_FIELDS = """
            number status placedAt expiresAt
            lines { name kind quantity unitPrice { amountMinor currency formatted } lineTotal { amountMinor currency formatted } }
            subtotal { amountMinor currency formatted }
            discount { name code amount { amountMinor currency formatted } }
            shipping { amountMinor currency formatted }
            total { amountMinor currency formatted }
            paymentMethod
            shippingAddress { name line1 line2 city region postalCode country }
            history { fromStatus toStatus note at }
            payment {
              method status amount { amountMinor currency formatted } claimedReference confirmedAt failureReason
              instructions { text checkoutUrl invoiceUrl dueAt }
            }""";

    static final String SHOPPER_ORDERS = """
            query ShopperOrders($shopper: ShopperInput!, $first: Int) {
              shopperOrders(shopper: $shopper, first: $first) { %s }
            }""".formatted(SUMMARY_FIELDS);

    static final String SHOPPER_ORDER = """
            query ShopperOrder($shopper: ShopperInput!, $number: String!) {
              shopperOrder(shopper: $shopper, number: $number) { %s }
            }""".formatted(DETAIL_FIELDS);

    static final String CLAIM_PAYMENT = """
            mutation ClaimPayment($shopper: ShopperInput!, $number: String!, $reference: String!) {
              claimPayment(shopper: $shopper, number: $number, reference: $reference) {
                order { %s }
                problems { code message field }
              }
            }""".formatted(DETAIL_FIELDS);

    private final BackendClient client;

    public OrdersBackend(BackendClient client) {
        this.client = client;
    }

    /** The shopper's most recent orders, newest first. */
    public Mono<List<CustomerOrder>> recent(Shopper shopper, int first) {
        return client.list(SHOPPER_ORDERS, Map.of("shopper", BackendClient.shopperInput(shopper), "first", first),
                "shopperOrders", CustomerOrder.class);
    }

    /** One of the shopper's orders; empty when there is no such order or it is someone else's (the backend does not say which). */
    public Mono<CustomerOrder> order(Shopper shopper, String number) {
        return client.execute("shopperOrder", SHOPPER_ORDER, Map.of("shopper", BackendClient.shopperInput(shopper), "number", number))
                .flatMap(response -> {
                    var field = response.field("shopperOrder");
                    return field.getValue() == null ? Mono.empty() : Mono.justOrEmpty(field.toEntity(CustomerOrder.class));
                })
                .onErrorMap(e -> !(e instanceof BackendException),
                        e -> new BackendException(BackendException.Kind.ERROR, "shopperOrder: unexpected answer: " + e, e));
    }

    /** The shopper says they paid the order, with their transfer's reference. */
    public Mono<PaymentClaim> claim(Shopper shopper, String number, String reference) {
        return client.one(CLAIM_PAYMENT, Map.of("shopper", BackendClient.shopperInput(shopper), "number", number, "reference", reference),
                "claimPayment", PaymentClaim.class);
    }
}
