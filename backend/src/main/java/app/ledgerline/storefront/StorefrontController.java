package app.ledgerline.storefront;

import app.ledgerline.catalog.Product;
import app.ledgerline.catalog.ProductRepository;
import app.ledgerline.customers.Address;
import app.ledgerline.customers.AddressInput;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.customers.ShopperInput;
import app.ledgerline.inventory.InventoryService;
import app.ledgerline.inventory.StockLevel;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderRepository;
import app.ledgerline.orders.OrderService;
import app.ledgerline.orders.PlaceOrderInput;
import app.ledgerline.orders.Quote;
import app.ledgerline.orders.QuoteInput;
import app.ledgerline.payments.btcpay.BtcPayCheckout;
import app.ledgerline.platform.Payload;
import app.ledgerline.platform.Validator;
import app.ledgerline.security.Access;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the bot calls for a customer in Discord. Every operation names the shopper (Discord user and roles), and
 * reads or changes only that shopper's data.
 */
@Controller
@PreAuthorize(Access.STOREFRONT)
class StorefrontController {

    private final ProductRepository products;
    private final InventoryService inventory;
    private final CustomerService customers;
    private final OrderService orderService;
    private final OrderRepository orders;
    private final BtcPayCheckout btcPay;

    StorefrontController(ProductRepository products, InventoryService inventory, CustomerService customers,
                         OrderService orderService, OrderRepository orders, BtcPayCheckout btcPay) {
        this.products = products;
        this.inventory = inventory;
        this.customers = customers;
        this.orderService = orderService;
        this.orders = orders;
        this.btcPay = btcPay;
    }

    @QueryMapping
    Mono<List<StorefrontProduct>> storefrontCatalog(@Argument ShopperInput shopper) {
        return validShopper(shopper).then(products.findVisibleTo(shopper.roleIds()).collectList()).flatMap(visible -> {
            List<Long> ids = visible.stream().map(Product::id).toList();
            List<Long> limited = visible.stream().filter(p -> p.perCustomerLimit() != null).map(Product::id).toList();
            Mono<Map<Long, StockLevel>> levels = inventory.levels(ids).collectMap(StockLevel::productId, Function.identity());
            Mono<Map<Long, Integer>> bought = limited.isEmpty() ? Mono.just(Map.of())
                    : orders.purchasedQuantities(shopper.discordUserId(), limited);
            return Mono.zip(levels, bought).map(both -> visible.stream().map(p -> {
                StockLevel level = both.getT1().get(p.id());
                Integer available = p.trackInventory() ? (level == null ? 0 : Math.max(0, level.available())) : null;
                Integer remaining = p.perCustomerLimit() == null ? null
                        : Math.max(0, p.perCustomerLimit() - both.getT2().getOrDefault(p.id(), 0));
                return new StorefrontProduct(p.id(), p.sku(), p.name(), p.description(), p.price(), p.kind(), p.imageUrl(),
                        available, remaining);
            }).toList());
        });
    }

    @QueryMapping
    Mono<Payload<Quote>> quote(@Argument QuoteInput input) {
        return Payload.of(orderService.quote(input));
    }

    @QueryMapping
    Flux<Order> shopperOrders(@Argument ShopperInput shopper, @Argument Integer first) {
        return validShopper(shopper).thenMany(orders.findByDiscordUser(shopper.discordUserId(), first == null ? 10 : first));
    }

    @QueryMapping
    Mono<Order> shopperOrder(@Argument ShopperInput shopper, @Argument String number) {
        return validShopper(shopper).then(orders.findByDiscordUserAndNumber(shopper.discordUserId(), number));
    }

    @QueryMapping
    Flux<Address> shopperAddresses(@Argument ShopperInput shopper) {
        return validShopper(shopper).thenMany(customers.addressesOf(shopper.discordUserId()));
    }

    @MutationMapping
    Mono<Payload<Order>> placeOrder(@Argument PlaceOrderInput input) {
        // A BTC order's BTCPay checkout is created after the order committed: the order never waits on BTCPay.
        return Payload.of(orderService.place(input).flatMap(btcPay::afterPlacement));
    }

    @MutationMapping
    Mono<Payload<Address>> saveShopperAddress(@Argument ShopperInput shopper, @Argument AddressInput address,
                                              @Argument Boolean makeDefault) {
        return Payload.of(customers.saveAddress(shopper, address, !Boolean.FALSE.equals(makeDefault)));
    }

    /** Queries have no payload: a bad shopper becomes a BAD_REQUEST GraphQL error naming the field. */
    private static Mono<Void> validShopper(ShopperInput shopper) {
        return Mono.fromRunnable(() -> {
            var v = new Validator();
            shopper.validate(v, "shopper");
            v.orThrow();
        });
    }
}
