package app.ledgerline.orders;

import app.ledgerline.catalog.Product;
import app.ledgerline.catalog.ProductKind;
import app.ledgerline.discounts.AppliedDiscount;
import app.ledgerline.discounts.DiscountService;
import app.ledgerline.inventory.InventoryService;
import app.ledgerline.inventory.StockLevel;
import app.ledgerline.platform.Money;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.ShopProperties;
import app.ledgerline.platform.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns a cart into a {@link Quote}: checks each product exists, is on sale and allowed for the shopper's roles,
 * applies purchase limits, prices the lines and picks the best discount. The same rules serve the quote and the
 * placed order, so what the shopper was shown is what they are charged.
 */
@Component
class Pricing {

    /** A validated cart line; {@code index} points back at the input line for error fields. */
    record CartItem(long productId, int quantity, int index) {
    }

    static final int MAX_LINES = 25;
    private static final Pattern PRODUCT_ID = Pattern.compile("[0-9]{1,18}");

    private final InventoryService inventory;
    private final DiscountService discounts;
    private final OrderRepository orders;
    private final ShopProperties shop;

    Pricing(InventoryService inventory, DiscountService discounts, OrderRepository orders,
            ShopProperties shop) {
        this.inventory = inventory;
        this.discounts = discounts;
        this.orders = orders;
        this.shop = shop;
    }

    /** Validates the lines and merges repeated products; problems go to {@code v}. */
    static List<CartItem> cart(List<CartLineInput> lines, Validator v, String path) {
        if (lines == null || lines.isEmpty()) {
            v.check(false, path, "'" + path + "' must hold at least one line");
            return List.of();
        }
        v.check(lines.size() <= MAX_LINES, path, "'" + path + "' may hold at most " + MAX_LINES + " lines");
        Map<Long, CartItem> merged = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            CartLineInput line = lines.get(i);
            String field = path + "[" + i + "]";
            Integer quantity = line.quantity();
            v.range(field + ".quantity", quantity == null ? null : quantity.longValue(), 1, 99);
            boolean numeric = line.productId() != null && PRODUCT_ID.matcher(line.productId()).matches();
            v.check(numeric, field + ".productId", "'" + field + ".productId' is not a product id");
            if (numeric && quantity != null && quantity >= 1 && quantity <= 99) {
                long productId = Long.parseLong(line.productId());
                CartItem earlier = merged.get(productId);
                int total = quantity + (earlier == null ? 0 : earlier.quantity());
                v.check(total <= 99, field + ".quantity", "At most 99 of one product per order");
                merged.put(productId, new CartItem(productId, total, earlier == null ? i : earlier.index()));
            }
        }
        return List.copyOf(merged.values());
    }

    /**
     * Lines beyond the stock as last committed are OUT_OF_STOCK: a quote shows it, and an order that clearly cannot be
     * covered stops before it writes anything. What an order gets is decided by its reservation, not by this.
     */
    Mono<Quote> price(List<String> roleIds, String discordUserId, List<CartItem> cart, String discountCode, String path) {
        List<Long> ids = cart.stream().map(CartItem::productId).toList();
        return inventory.productsWithStock(ids).collectList().flatMap(stocked -> {
            Map<Long, Product> byId = new HashMap<>();
            Map<Long, StockLevel> levels = new HashMap<>();
            for (InventoryService.Stocked s : stocked) {
                byId.put(s.product().id(), s.product());
                if (s.level() != null) {
                    levels.put(s.product().id(), s.level());
                }
            }
            List<Problem> problems = new ArrayList<>();
            for (CartItem item : cart) {
                Product product = byId.get(item.productId());
                String field = path + "[" + item.index() + "].productId";
                if (product == null) {
                    problems.add(new Problem(ProblemCode.INVALID_INPUT, "Unknown product " + item.productId(), field, Long.toString(item.productId())));
                } else if (!product.allowedFor(roleIds)) {
                    // Same words as for a missing product would leak that it exists; this names no product details.
                    problems.add(new Problem(ProblemCode.NOT_ALLOWED_FOR_ROLES, "This product is not available with your roles", field,
                            Long.toString(item.productId())));
                } else if (product.archived()) {
                    problems.add(new Problem(ProblemCode.PRODUCT_ARCHIVED, product.name() + " is no longer sold", field,
                            Long.toString(item.productId())));
                }
            }
            if (!problems.isEmpty()) {
                return Mono.error(new ProblemException(problems));
            }
            return checkLimits(discordUserId, cart, byId, path)
                    .then(Mono.fromRunnable(() -> checkStock(cart, byId, levels, path)))
                    .then(Mono.defer(() -> quote(discordUserId, cart, byId, discountCode)));
        });
    }

    private Mono<Void> checkLimits(String discordUserId, List<CartItem> cart, Map<Long, Product> byId, String path) {
        List<Long> limited = cart.stream().map(CartItem::productId).filter(id -> byId.get(id).perCustomerLimit() != null).toList();
        if (limited.isEmpty()) {
            return Mono.empty();
        }
        return orders.purchasedQuantities(discordUserId, limited).flatMap(already -> {
            List<Problem> problems = new ArrayList<>();
            for (CartItem item : cart) {
                Product product = byId.get(item.productId());
                Integer limit = product.perCustomerLimit();
                int had = already.getOrDefault(item.productId(), 0);
                if (limit != null && had + item.quantity() > limit) {
                    problems.add(new Problem(ProblemCode.PURCHASE_LIMIT_REACHED,
                            "You can buy at most " + limit + " of " + product.name() + (had > 0 ? " (you already have " + had + ")" : ""),
                            path + "[" + item.index() + "].quantity", Long.toString(item.productId())));
                }
            }
            return problems.isEmpty() ? Mono.empty() : Mono.error(new ProblemException(problems));
        });
    }

    private static void checkStock(List<CartItem> cart, Map<Long, Product> byId, Map<Long, StockLevel> levels, String path) {
        List<Problem> problems = new ArrayList<>();
        for (CartItem item : cart) {
            StockLevel level = levels.get(item.productId());
            if (level != null && level.available() < item.quantity()) {
                Product product = byId.get(item.productId());
                problems.add(new Problem(ProblemCode.OUT_OF_STOCK, level.available() <= 0 ? product.name() + " is out of stock"
                        : "Only " + level.available() + " of " + product.name() + " left",
                        path + "[" + item.index() + "].quantity", Long.toString(item.productId())));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
    }

    private Mono<Quote> quote(String discordUserId, List<CartItem> cart, Map<Long, Product> byId, String discountCode) {
        String currency = shop.currency();
        List<Quote.PriceLine> lines = cart.stream().map(item -> {
            Product p = byId.get(item.productId());
            return new Quote.PriceLine(p.id(), p.sku(), p.name(), p.kind(), p.price(), item.quantity(),
                    new Money(Math.multiplyExact(p.priceMinor(), item.quantity()), p.currency()), p.trackInventory(), p.grantedRoleIds());
        }).toList();
        long subtotal = lines.stream().mapToLong(l -> l.lineTotal().amountMinor()).sum();
        boolean physical = lines.stream().anyMatch(l -> l.kind() == ProductKind.PHYSICAL);
        long shipping = physical ? shop.flatShippingMinor() : 0;
        var priced = lines.stream().map(l -> new DiscountService.PricedLine(l.productId(), l.lineTotal().amountMinor())).toList();
        return discounts.best(discordUserId, priced, discountCode, Instant.now()).map(best -> {
            AppliedDiscount discount = best.orElse(null);
            long off = discount == null ? 0 : discount.amount().amountMinor();
            boolean perCustomerLimits = cart.stream().anyMatch(item -> byId.get(item.productId()).perCustomerLimit() != null)
                    || (discount != null && discount.limitedPerCustomer());
            return new Quote(lines, new Money(subtotal, currency), discount, new Money(shipping, currency),
                    new Money(subtotal - off + shipping, currency), physical, perCustomerLimits);
        });
    }
}
