package app.ledgerline.bot.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The backend's checkout operations: price a cart, saved addresses, payment methods, place the order. */
@Component
public class CheckoutBackend {

    private static final String MONEY = "{ amountMinor currency formatted }";
    private static final String PROBLEMS = "problems { code message field productId }";

    static final String QUOTE = """
            query Quote($input: QuoteInput!) {
              quote(input: $input) {
                quote {
                  lines { productId name kind quantity unitPrice %1$s lineTotal %1$s }
                  subtotal %1$s shipping %1$s total %1$s requiresShipping
                  discount { name code amount %1$s }
                }
                %2$s
              }
            }""".formatted(MONEY, PROBLEMS);

    static final String ADDRESSES = """
            query Addresses($shopper: ShopperInput!) {
              shopperAddresses(shopper: $shopper) { id name line1 line2 city region postalCode country phone }
            }""";

    static final String SAVE_ADDRESS = """
            mutation SaveAddress($shopper: ShopperInput!, $address: AddressInput!) {
              saveShopperAddress(shopper: $shopper, address: $address, makeDefault: true) {
                address { id name line1 line2 city region postalCode country phone }
                %s
              }
            }""".formatted(PROBLEMS);

    static final String PAYMENT_METHODS = "query PaymentMethods { enabledPaymentMethods }";

    static final String PLACE = """
            mutation Place($input: PlaceOrderInput!) {
              placeOrder(input: $input) {
                order {
                  number total %1$s
                  payment { instructions { text checkoutUrl invoiceUrl } }
                }
                %2$s
              }
            }""".formatted(MONEY, PROBLEMS);

    public record Line(String productId, int quantity) {
    }

    public record Priced(Quote quote, List<Problem> problems) {
    }

    public record SavedAddress(ShippingAddress address, List<Problem> problems) {
    }

    public record Instructions(String text, String checkoutUrl, String invoiceUrl) {
    }

    public record Payment(Instructions instructions) {
    }

    public record PlacedOrder(String number, CatalogItem.Money total, Payment payment) {
    }

    public record Placement(PlacedOrder order, List<Problem> problems) {
    }

    /** Where the order was placed: {@code GUILD} with its guild and channel, or {@code DM}. */
    public record Place(String via, String guildId, String channelId) {
    }

    private final BackendClient client;

    public CheckoutBackend(BackendClient client) {
        this.client = client;
    }

    public Mono<Priced> quote(Shopper shopper, List<Line> lines, String discountCode) {
        var input = new LinkedHashMap<String, Object>();
        input.put("shopper", BackendClient.shopperInput(shopper));
        input.put("lines", lines(lines));
        input.put("discountCode", discountCode);
        return client.one(QUOTE, Map.<String, Object>of("input", input), "quote", Priced.class);
    }

    public Mono<List<ShippingAddress>> addresses(Shopper shopper) {
        return client.list(ADDRESSES, Map.<String, Object>of("shopper", BackendClient.shopperInput(shopper)), "shopperAddresses", ShippingAddress.class);
    }

    /** Saves the address as the shopper's default. */
    public Mono<SavedAddress> saveAddress(Shopper shopper, ShippingAddress address) {
        return client.one(SAVE_ADDRESS, Map.<String, Object>of("shopper", BackendClient.shopperInput(shopper), "address", address.input()),
                "saveShopperAddress", SavedAddress.class);
    }

    public Mono<List<String>> paymentMethods() {
        return client.list(PAYMENT_METHODS, Map.of(), "enabledPaymentMethods", String.class);
    }

    public Mono<Placement> place(Shopper shopper, List<Line> lines, String discountCode, String paymentMethod,
                                 ShippingAddress shipTo, Place place) {
        var placement = new LinkedHashMap<String, Object>();
        placement.put("via", place.via());
        placement.put("guildId", place.guildId());
        placement.put("channelId", place.channelId());
        var input = new LinkedHashMap<String, Object>();
        input.put("shopper", BackendClient.shopperInput(shopper));
        input.put("lines", lines(lines));
        input.put("discountCode", discountCode);
        input.put("paymentMethod", paymentMethod);
        input.put("shippingAddress", shipTo == null ? null : shipTo.input());
        input.put("placement", placement);
        return client.one(PLACE, Map.<String, Object>of("input", input), "placeOrder", Placement.class);
    }

    private static List<Map<String, Object>> lines(List<Line> lines) {
        return lines.stream().map(line -> Map.<String, Object>of("productId", line.productId(), "quantity", line.quantity())).toList();
    }
}
