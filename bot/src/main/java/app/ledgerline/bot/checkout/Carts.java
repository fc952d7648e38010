package app.ledgerline.bot.checkout;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The open carts, one per Discord user, in memory. A cart reserves nothing (stock is reserved only when the order
 * is placed), so losing carts on a restart costs the customer a few clicks, and the buttons of a lost cart say so.
 * Carts idle for {@link #IDLE} are forgotten.
 */
@Component
public class Carts {

    static final Duration IDLE = Duration.ofMinutes(60);
    private static final int SWEEP_ABOVE = 10_000;
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** Why a button's cart cannot be used. */
    public sealed interface Lookup {
        record Open(Cart cart) implements Lookup {
        }

        /** Emptied, expired, replaced by a newer cart, or lost in a restart. */
        record Gone() implements Lookup {
        }

        record Placing() implements Lookup {
        }

        record Placed(String orderNumber) implements Lookup {
        }
    }

    private final ConcurrentHashMap<String, Cart> byUser = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    @Autowired
    public Carts() {
        this(Clock.systemUTC());
    }

    Carts(Clock clock) {
        this.clock = clock;
    }

    /** The user's open cart, if any. */
    public Optional<Cart> current(String userId) {
        return Optional.ofNullable(byUser.get(userId))
                .filter(cart -> cart.state() == Cart.State.OPEN && !expired(cart));
    }

    public Lookup find(String userId, String cartId) {
        Cart cart = byUser.get(userId);
        if (cart == null || !cart.id().equals(cartId) || expired(cart)) {
            return new Lookup.Gone();
        }
        return switch (cart.state()) {
            case OPEN -> new Lookup.Open(cart);
            case PLACING -> new Lookup.Placing();
            case PLACED -> new Lookup.Placed(cart.placedOrder());
        };
    }

    /** Sets a product's quantity in the user's open cart, starting a new cart when there is none. */
    public Cart setQuantity(String userId, String productId, String name, int quantity) {
        Instant now = clock.instant();
        if (byUser.size() > SWEEP_ABOVE) {
            byUser.values().removeIf(this::expired);
        }
        return byUser.compute(userId, (user, cart) -> {
            Cart base = cart == null || cart.state() != Cart.State.OPEN || expired(cart) ? Cart.empty(newId(), now) : cart;
            return base.withQuantity(productId, name, quantity).touched(now);
        });
    }

    /** Changes the cart if it is still the user's open cart; empty otherwise. */
    public Optional<Cart> update(String userId, String cartId, UnaryOperator<Cart> change) {
        Instant now = clock.instant();
        Cart result = byUser.computeIfPresent(userId, (user, cart) -> isOpen(cart, cartId) ? change.apply(cart).touched(now) : cart);
        return Optional.ofNullable(result).filter(cart -> isOpen(cart, cartId));
    }

    /** Marks the cart as being placed, so a second press of "Place order" cannot place it twice. */
    public Optional<Cart> startPlacing(String userId, String cartId) {
        boolean[] claimed = {false};
        Cart result = byUser.computeIfPresent(userId, (user, cart) -> {
            if (isOpen(cart, cartId)) {
                claimed[0] = true;
                return cart.withState(Cart.State.PLACING, null).touched(clock.instant());
            }
            return cart;
        });
        return claimed[0] ? Optional.of(result) : Optional.empty();
    }

    public void placed(String userId, String cartId, String orderNumber) {
        byUser.computeIfPresent(userId, (user, cart) -> cart.id().equals(cartId)
                ? cart.withState(Cart.State.PLACED, orderNumber).touched(clock.instant()) : cart);
    }

    /** Placing failed (out of stock, backend down): the cart is open again for the customer to fix. */
    public void reopen(String userId, String cartId) {
        byUser.computeIfPresent(userId, (user, cart) -> cart.id().equals(cartId) && cart.state() == Cart.State.PLACING
                ? cart.withState(Cart.State.OPEN, null).touched(clock.instant()) : cart);
    }

    public void empty(String userId, String cartId) {
        byUser.computeIfPresent(userId, (user, cart) -> cart.id().equals(cartId) && cart.state() == Cart.State.OPEN ? null : cart);
    }

    private boolean isOpen(Cart cart, String cartId) {
        return cart.id().equals(cartId) && cart.state() == Cart.State.OPEN && !expired(cart);
    }

    private boolean expired(Cart cart) {
        return cart.touchedAt().plus(IDLE).isBefore(clock.instant());
    }

    private String newId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
