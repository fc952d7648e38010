package app.ledgerline.bot.checkout;

import app.ledgerline.bot.backend.CheckoutBackend.Line;
import app.ledgerline.bot.backend.ShippingAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One customer's cart while they check out. Immutable: {@link Carts} swaps whole carts atomically.
 *
 * @param id           short random id carried in the cart's buttons, so a button of an older cart is recognised
 * @param reviewedTotal the total (minor units) the customer saw on the summary, to notice a price change before placing
 * @param placedOrder  the order number once placed
 */
public record Cart(String id, List<Item> lines, String discountCode, ShippingAddress shipTo, String paymentMethod,
                   Long reviewedTotal, State state, String placedOrder, Instant touchedAt) {

    public enum State { OPEN, PLACING, PLACED }

    /** A product in the cart; its name is kept to show the cart even when it cannot be priced. */
    public record Item(String productId, String name, int quantity) {
    }

    /** The backend accepts at most 25 lines an order. */
    public static final int MAX_LINES = 25;

    public Cart {
        lines = List.copyOf(lines);
    }

    static Cart empty(String id, Instant now) {
        return new Cart(id, List.of(), null, null, null, null, State.OPEN, null, now);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public int units() {
        return lines.stream().mapToInt(Item::quantity).sum();
    }

    /** The lines as the backend takes them. */
    public List<Line> backendLines() {
        return lines.stream().map(item -> new Line(item.productId(), item.quantity())).toList();
    }

    public int quantityOf(String productId) {
        return lines.stream().filter(l -> l.productId().equals(productId)).mapToInt(Item::quantity).sum();
    }

    /** Sets a product's quantity (0 removes it), keeping the order in which products were added. */
    Cart withQuantity(String productId, String name, int quantity) {
        List<Item> changed = new ArrayList<>();
        boolean found = false;
        for (Item line : lines) {
            if (line.productId().equals(productId)) {
                found = true;
                if (quantity > 0) {
                    changed.add(new Item(productId, name == null ? line.name() : name, quantity));
                }
            } else {
                changed.add(line);
            }
        }
        if (!found && quantity > 0) {
            changed.add(new Item(productId, name, quantity));
        }
        return new Cart(id, changed, discountCode, shipTo, paymentMethod, null, state, placedOrder, touchedAt);
    }

    Cart withDiscountCode(String code) {
        return new Cart(id, lines, code, shipTo, paymentMethod, null, state, placedOrder, touchedAt);
    }

    Cart withShipTo(ShippingAddress address) {
        return new Cart(id, lines, discountCode, address, paymentMethod, null, state, placedOrder, touchedAt);
    }

    Cart withPaymentMethod(String method) {
        return new Cart(id, lines, discountCode, shipTo, method, null, state, placedOrder, touchedAt);
    }

    Cart reviewed(long total) {
        return new Cart(id, lines, discountCode, shipTo, paymentMethod, total, state, placedOrder, touchedAt);
    }

    Cart withState(State newState, String orderNumber) {
        return new Cart(id, lines, discountCode, shipTo, paymentMethod, reviewedTotal, newState, orderNumber, touchedAt);
    }

    Cart touched(Instant now) {
        return new Cart(id, lines, discountCode, shipTo, paymentMethod, reviewedTotal, state, placedOrder, now);
    }
}
