package app.ledgerline.bot.checkout;

import app.ledgerline.bot.backend.CheckoutBackend;
import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.Quote;
import app.ledgerline.bot.backend.Shopper;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Prices a cart with the backend and keeps it buyable: a product the shopper may no longer buy (hidden from their
 * roles, archived, deleted) leaves the cart, and a discount code that stopped applying is dropped, each with a
 * notice. What the customer must decide (out of stock, purchase limit) is reported, not changed.
 */
@Component
public class Checkout {

    /** Problems after which a line can never be bought by this shopper. */
    private static final Set<String> LINE_GONE = Set.of("NOT_ALLOWED_FOR_ROLES", "PRODUCT_ARCHIVED", "INVALID_INPUT");
    private static final int MAX_ROUNDS = 3;

    /** The cart as priced now. {@code quote} is null when {@code blocking} problems prevent pricing it. */
    public record Priced(Cart cart, Quote quote, List<String> notices, List<Problem> blocking) {

        public boolean canCheckOut() {
            return quote != null && blocking.isEmpty();
        }
    }

    /** The cart changed or ended while this interaction was in flight. */
    static final class CartGone extends RuntimeException {
        CartGone() {
            super("cart no longer open", null, false, false);
        }
    }

    private final Carts carts;
    private final CheckoutBackend backend;

    public Checkout(Carts carts, CheckoutBackend backend) {
        this.carts = carts;
        this.backend = backend;
    }

    public Mono<Priced> price(Shopper shopper, Cart cart, List<String> notices) {
        return price(shopper, cart, List.copyOf(notices), 1);
    }

    private Mono<Priced> price(Shopper shopper, Cart cart, List<String> notices, int round) {
        if (cart.isEmpty()) {
            return Mono.just(new Priced(cart, null, notices, List.of()));
        }
        return backend.quote(shopper, cart.backendLines(), cart.discountCode()).flatMap(result -> {
            if (result.quote() != null && result.problems().isEmpty()) {
                return Mono.just(new Priced(cart, result.quote(), notices, List.of()));
            }
            Cart fixed = cart;
            List<String> more = new ArrayList<>(notices);
            List<Problem> blocking = new ArrayList<>();
            for (Problem problem : result.problems()) {
                if (problem.isDiscount() && fixed.discountCode() != null) {
                    more.add(problem.message() + ". The code was taken off your cart.");
                    fixed = change(shopper, fixed, c -> c.withDiscountCode(null));
                } else if (LINE_GONE.contains(problem.code()) && problem.productId() != null && fixed.quantityOf(problem.productId()) > 0) {
                    String name = nameOf(fixed, problem.productId());
                    more.add("**" + Text.escape(name) + "** is no longer available to you, so it was taken out of your cart.");
                    fixed = change(shopper, fixed, c -> c.withQuantity(problem.productId(), null, 0));
                } else {
                    blocking.add(problem);
                }
            }
            if (fixed != cart && round < MAX_ROUNDS) {
                return price(shopper, fixed, more, round + 1);
            }
            return Mono.just(new Priced(fixed, null, more, blocking));
        });
    }

    /** Applies a change to the shopper's open cart, or fails with {@link CartGone}. */
    Cart change(Shopper shopper, Cart cart, java.util.function.UnaryOperator<Cart> change) {
        return carts.update(shopper.discordUserId(), cart.id(), change).orElseThrow(CartGone::new);
    }

    /** The cart screen for a priced cart. */
    static Screen cartScreen(Priced priced) {
        return CheckoutView.cart(priced.cart(), priced.quote(), priced.notices(), priced.blocking());
    }

    private static String nameOf(Cart cart, String productId) {
        return cart.lines().stream().filter(item -> item.productId().equals(productId))
                .map(Cart.Item::name).findFirst().orElse("A product");
    }
}
