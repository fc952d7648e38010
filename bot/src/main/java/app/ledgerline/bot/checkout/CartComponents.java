package app.ledgerline.bot.checkout;

import app.ledgerline.bot.backend.BackendException;
import app.ledgerline.bot.backend.CatalogItem;
import app.ledgerline.bot.backend.CheckoutBackend;
import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.ShippingAddress;
import app.ledgerline.bot.backend.ShopBackend;
import app.ledgerline.bot.backend.Shopper;
import app.ledgerline.bot.browse.CatalogView;
import app.ledgerline.bot.checkout.Checkout.Priced;
import app.ledgerline.bot.discord.ComponentHandler;
import app.ledgerline.bot.discord.ModalValues;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.Text;
import app.ledgerline.bot.discord.Where;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.event.domain.interaction.ModalSubmitInteractionEvent;
import discord4j.core.event.domain.interaction.SelectMenuInteractionEvent;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.TextInput;
import discord4j.core.spec.InteractionPresentModalSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The checkout's buttons, menus and forms ({@code cart:*}). Each acknowledges first (a deferred update of the message,
 * or a form, which must be the first answer and so never waits on the backend), then reads the backend afresh: a
 * product that sold out or became hidden since the message was shown is never placed unnoticed.
 */
@Component
public class CartComponents implements ComponentHandler {

    private static final Logger log = LoggerFactory.getLogger(CartComponents.class);
    private static final Set<String> CART_PROBLEMS = Set.of("OUT_OF_STOCK", "PURCHASE_LIMIT_REACHED", "NOT_ALLOWED_FOR_ROLES",
            "PRODUCT_ARCHIVED");
    static final String CODE_INPUT = "code";
    static final String NOT_PLACED = "Sorry, your order was not placed. Nothing was reserved or charged.";
    private static final Set<String> METHODS = Set.of("BTC", "VENMO", "CASH_APP", "INVOICE");

    private final Places places;
    private final Shoppers shoppers;
    private final ShopBackend shop;
    private final CheckoutBackend backend;
    private final Carts carts;
    private final Checkout checkout;

    public CartComponents(Places places, Shoppers shoppers, ShopBackend shop, CheckoutBackend backend, Carts carts, Checkout checkout) {
        this.places = places;
        this.shoppers = shoppers;
        this.shop = shop;
        this.backend = backend;
        this.carts = carts;
        this.checkout = checkout;
    }

    @Override
    public String prefix() {
        return CheckoutView.PREFIX;
    }

    @Override
    public Mono<Void> handle(ComponentInteractionEvent event) {
        return places.inShop(event, "shop", where -> answer(event, where));
    }

    private Mono<Void> answer(ComponentInteractionEvent event, Where where) {
        String[] parts = event.getCustomId().split(":");
        String action = CheckoutView.PREFIX + (parts.length > 1 ? parts[1] + ":" : "");
        String argument = parts.length > 2 ? parts[2] : "";
        String extra = parts.length > 3 ? parts[3] : "";
        String userId = event.getInteraction().getUser().getId().asString();
        if (action.equals(CheckoutView.ADD)) {
            return Replies.updating(event, shoppers.of(event.getInteraction(), where)
                    .flatMap(shopper -> add(shopper, argument, parseInt(extra), firstValue(event))));
        }
        Carts.Lookup lookup = carts.find(userId, argument);
        if (!(lookup instanceof Carts.Lookup.Open(Cart cart))) {
            return Replies.updating(event, Mono.just(stale(lookup)));
        }
        // A form must be the first answer to the press: it opens without asking the backend anything.
        if (action.equals(CheckoutView.CODE)) {
            return modal(event, codeForm(cart));
        }
        if (action.equals(CheckoutView.NEW_ADDRESS)) {
            return modal(event, AddressForm.modal(CheckoutView.ADDRESS_MODAL + cart.id(), "Shipping address", cart.shipTo()));
        }
        Mono<Screen> work = shoppers.of(event.getInteraction(), where).flatMap(shopper -> switch (action) {
            case CheckoutView.VIEW -> checkout.price(shopper, cart, List.of()).map(Checkout::cartScreen);
            case CheckoutView.REMOVE -> remove(shopper, cart, firstValue(event));
            case CheckoutView.CODE_MODAL -> applyCode(shopper, cart, event);
            case CheckoutView.EMPTY -> empty(userId, cart);
            case CheckoutView.CHECKOUT -> startCheckout(shopper, cart, null);
            case CheckoutView.SHIP_TO -> shipTo(shopper, cart, extra);
            case CheckoutView.ADDRESS_MODAL -> saveAddress(shopper, cart, event);
            case CheckoutView.PAY -> checkout.price(shopper, cart, List.of()).flatMap(priced -> paymentStep(priced, null));
            case CheckoutView.PAY_WITH -> payWith(shopper, cart, extra);
            case CheckoutView.PLACE -> place(shopper, cart, where, event);
            default -> Mono.just(Screen.text("This button is from an older version of the shop. Run `/shop` again."));
        }).onErrorResume(Checkout.CartGone.class, gone -> Mono.just(stale(carts.find(userId, cart.id()))));
        return Replies.updating(event, work);
    }

    /** Sets the product's quantity from the shop's product details, then shows the cart. */
    private Mono<Screen> add(Shopper shopper, String productId, int page, String quantityValue) {
        int wanted = parseInt(quantityValue);
        return shop.catalog(shopper).flatMap(items -> {
            Optional<CatalogItem> item = items.stream().filter(i -> i.id().equals(productId)).findFirst().filter(CatalogItem::selectable);
            if (item.isEmpty() || wanted < 1) {
                return Mono.just(CatalogView.page(items, Math.max(page, 0), "That product is no longer available. Here is what is in the shop now.",
                        carts.current(shopper.discordUserId()).orElse(null)));
            }
            Optional<Cart> current = carts.current(shopper.discordUserId());
            if (current.isPresent() && current.get().lines().size() >= Cart.MAX_LINES && current.get().quantityOf(productId) == 0) {
                return checkout.price(shopper, current.get(), List.of("Your cart holds at most " + Cart.MAX_LINES
                        + " different products. Check out or remove one first.")).map(Checkout::cartScreen);
            }
            int quantity = Math.min(wanted, CatalogView.maxQuantity(item.get()));
            Cart cart = carts.setQuantity(shopper.discordUserId(), productId, item.get().name(), quantity);
            List<String> notices = quantity < wanted
                    ? List.of("Only " + quantity + " of **" + Text.escape(item.get().name()) + "** can be bought now, so your cart has " + quantity + ".")
                    : List.of();
            return checkout.price(shopper, cart, notices).map(Checkout::cartScreen);
        });
    }

    private Mono<Screen> remove(Shopper shopper, Cart cart, String productId) {
        Cart changed = checkout.change(shopper, cart, c -> c.withQuantity(productId, null, 0));
        return checkout.price(shopper, changed, List.of()).map(Checkout::cartScreen);
    }

    private Mono<Screen> applyCode(Shopper shopper, Cart cart, ComponentInteractionEvent event) {
        String typed = event instanceof ModalSubmitInteractionEvent modal ? ModalValues.of(modal).getOrDefault(CODE_INPUT, "").strip() : "";
        Cart changed = checkout.change(shopper, cart, c -> c.withDiscountCode(typed.isEmpty() ? null : typed));
        return checkout.price(shopper, changed, List.of()).map(priced -> {
            if (!typed.isEmpty() && priced.quote() != null && (priced.quote().discount() == null
                    || !typed.equalsIgnoreCase(priced.quote().discount().code()))) {
                // The code is valid, but another discount is better: only one applies per order.
                return Checkout.cartScreen(new Priced(priced.cart(), priced.quote(),
                        List.of("Code **" + Text.escape(typed) + "** is valid, but a better discount already applies to this cart."),
                        priced.blocking()));
            }
            return Checkout.cartScreen(priced);
        });
    }

    private Mono<Screen> empty(String userId, Cart cart) {
        carts.empty(userId, cart.id());
        return Mono.just(CheckoutView.cart(Cart.empty(cart.id(), cart.touchedAt()), null, List.of(), List.of()));
    }

    /** From the cart to the first step it needs: shipping for physical products, else payment. */
    private Mono<Screen> startCheckout(Shopper shopper, Cart cart, String notice) {
        return checkout.price(shopper, cart, List.of()).flatMap(priced -> {
            if (!priced.canCheckOut()) {
                return Mono.just(Checkout.cartScreen(priced));
            }
            if (priced.quote().requiresShipping()) {
                return backend.addresses(shopper).map(saved -> CheckoutView.shipping(priced.cart(), saved, notice));
            }
            return paymentStep(priced, null);
        });
    }

    private Mono<Screen> shipTo(Shopper shopper, Cart cart, String addressId) {
        return backend.addresses(shopper).flatMap(saved -> saved.stream()
                .filter(address -> address.id().equals(addressId))
                .findFirst()
                .map(address -> checkout.price(shopper, checkout.change(shopper, cart, c -> c.withShipTo(address)), List.of())
                        .flatMap(priced -> paymentStep(priced, null)))
                .orElseGet(() -> Mono.just(CheckoutView.shipping(cart, saved, "That address is no longer saved. Choose another."))));
    }

    private Mono<Screen> saveAddress(Shopper shopper, Cart cart, ComponentInteractionEvent event) {
        if (!(event instanceof ModalSubmitInteractionEvent modal)) {
            return Mono.just(CheckoutView.gone());
        }
        ShippingAddress typed = AddressForm.read(ModalValues.of(modal));
        return backend.saveAddress(shopper, typed).flatMap(saved -> {
            if (saved.address() == null) {
                // Kept unsaved so the form opens again with what was typed.
                checkout.change(shopper, cart, c -> c.withShipTo(typed));
                return backend.addresses(shopper).map(addresses -> CheckoutView.shipping(cart, addresses,
                        "That address needs a fix: " + AddressForm.explain(saved.problems())));
            }
            Cart changed = checkout.change(shopper, cart, c -> c.withShipTo(saved.address()));
            return checkout.price(shopper, changed, List.of()).flatMap(priced -> paymentStep(priced, null));
        });
    }

    private Mono<Screen> paymentStep(Priced priced, String notice) {
        if (!priced.canCheckOut()) {
            return Mono.just(Checkout.cartScreen(priced));
        }
        return backend.paymentMethods().map(methods -> CheckoutView.payment(priced.cart(), priced.quote(), methods, notice));
    }

    private Mono<Screen> payWith(Shopper shopper, Cart cart, String method) {
        if (!METHODS.contains(method)) {
            return Mono.just(Screen.text("This button is from an older version of the shop. Run `/shop` again."));
        }
        Cart changed = checkout.change(shopper, cart, c -> c.withPaymentMethod(method));
        return checkout.price(shopper, changed, List.of()).flatMap(priced -> {
            if (!priced.canCheckOut()) {
                return Mono.just(Checkout.cartScreen(priced));
            }
            if (priced.quote().requiresShipping() && !hasSavedAddress(priced.cart())) {
                return backend.addresses(shopper).map(saved -> CheckoutView.shipping(priced.cart(), saved, null));
            }
            return Mono.just(summary(shopper, priced, null));
        });
    }

    /** The summary, remembering the total the customer is shown. */
    private Screen summary(Shopper shopper, Priced priced, String notice) {
        Cart reviewed = checkout.change(shopper, priced.cart(), c -> c.reviewed(priced.quote().total().amountMinor()));
        return CheckoutView.summary(reviewed, priced.quote(), notice);
    }

    /**
     * Places the cart as reviewed. It is priced once more first, so a price that changed since the summary is shown
     * to the customer instead of being charged unseen.
     */
    private Mono<Screen> place(Shopper shopper, Cart cart, Where where, ComponentInteractionEvent event) {
        if (cart.paymentMethod() == null || cart.reviewedTotal() == null) {
            return checkout.price(shopper, cart, List.of()).flatMap(priced -> paymentStep(priced, null));
        }
        return checkout.price(shopper, cart, List.of()).flatMap(priced -> {
            if (!priced.canCheckOut()) {
                return Mono.just(Checkout.cartScreen(new Priced(priced.cart(), priced.quote(),
                        prepend(NOT_PLACED, priced.notices()), priced.blocking())));
            }
            if (priced.quote().total().amountMinor() != cart.reviewedTotal()) {
                return Mono.just(summary(shopper, priced, "The total changed since you reviewed your order. Please check it "
                        + "before placing the order."));
            }
            return placeReviewed(shopper, priced.cart(), where, event);
        });
    }

    private Mono<Screen> placeReviewed(Shopper shopper, Cart cart, Where where, ComponentInteractionEvent event) {
        String userId = shopper.discordUserId();
        if (carts.startPlacing(userId, cart.id()).isEmpty()) {
            return Mono.just(stale(carts.find(userId, cart.id())));
        }
        ShippingAddress shipTo = hasSavedAddress(cart) ? cart.shipTo() : null;
        return backend.place(shopper, cart.backendLines(), cart.discountCode(), cart.paymentMethod(), shipTo, placement(where, event))
                .flatMap(placement -> {
                    if (placement.order() != null) {
                        carts.placed(userId, cart.id(), placement.order().number());
                        return Mono.just(CheckoutView.placed(placement.order(), cart.paymentMethod()));
                    }
                    carts.reopen(userId, cart.id());
                    return refused(shopper, cart, placement.problems());
                })
                .onErrorResume(BackendException.class, e -> {
                    carts.reopen(userId, cart.id());
                    log.warn("Placing cart {} failed: {}", cart.id(), e.getMessage());
                    return Mono.just(Screen.text(e.kind() == BackendException.Kind.UNAVAILABLE
                            ? "⚠️ The shop couldn't be reached, so we can't tell whether your order went through. Check `/orders` "
                              + "in a minute before you try again; your cart is kept."
                            : Replies.BACKEND_ERROR));
                });
    }

    /** Placing was refused: back to the step that can fix it, saying what happened. Nothing was reserved. */
    private Mono<Screen> refused(Shopper shopper, Cart cart, List<Problem> problems) {
        Problem first = problems.getFirst();
        if (CART_PROBLEMS.contains(first.code()) || first.isDiscount()) {
            return checkout.price(shopper, cart, List.of(NOT_PLACED)).map(Checkout::cartScreen);
        }
        if (first.code().equals("BUSY")) {
            return checkout.price(shopper, cart, List.of()).map(priced -> priced.canCheckOut()
                    ? summary(shopper, priced, "The shop is very busy this moment, so your order was not placed yet. Press "
                            + "**Place order** again in a few seconds.")
                    : Checkout.cartScreen(priced));
        }
        if (first.code().equals("PAYMENT_METHOD_UNAVAILABLE")) {
            return checkout.price(shopper, cart, List.of())
                    .flatMap(priced -> paymentStep(priced, CheckoutView.methodName(cart.paymentMethod()) + " is no longer offered. Please choose another way to pay."));
        }
        if (first.code().equals("SHIPPING_ADDRESS_REQUIRED") || (first.field() != null && first.field().contains("shippingAddress"))) {
            return backend.addresses(shopper).map(saved -> CheckoutView.shipping(cart, saved,
                    "That address can't be used: " + AddressForm.explain(problems)));
        }
        return checkout.price(shopper, cart, List.of("Your order was not placed: " + first.message()))
                .map(Checkout::cartScreen);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static CheckoutBackend.Place placement(Where where, ComponentInteractionEvent event) {
        if (where.kind() == Where.Kind.SHOP_CHANNEL) {
            return new CheckoutBackend.Place("GUILD", event.getInteraction().getGuildId().map(id -> id.asString()).orElse(null),
                    event.getInteraction().getChannelId().asString());
        }
        return new CheckoutBackend.Place("DM", null, null);
    }

    private static boolean hasSavedAddress(Cart cart) {
        return cart.shipTo() != null && cart.shipTo().id() != null;
    }

    private static InteractionPresentModalSpec codeForm(Cart cart) {
        TextInput code = TextInput.small(CODE_INPUT, "Discount code (empty to remove)", 0, 64).required(false)
                .placeholder("SUMMER10");
        if (cart.discountCode() != null) {
            code = code.prefilled(cart.discountCode());
        }
        return InteractionPresentModalSpec.builder()
                .customId(CheckoutView.CODE_MODAL + cart.id())
                .title("Discount code")
                .addComponent(ActionRow.of(code))
                .build();
    }

    private static Mono<Void> modal(ComponentInteractionEvent event, InteractionPresentModalSpec modal) {
        return event.presentModal(modal).onErrorResume(e -> {
            log.warn("Could not open a form for {}: {}", event.getCustomId(), e.toString());
            return Mono.empty();
        });
    }

    private static Screen stale(Carts.Lookup lookup) {
        return switch (lookup) {
            case Carts.Lookup.Placed placed -> CheckoutView.alreadyPlaced(placed.orderNumber());
            case Carts.Lookup.Placing ignored -> CheckoutView.placing();
            default -> CheckoutView.gone();
        };
    }

    private static String firstValue(ComponentInteractionEvent event) {
        return event instanceof SelectMenuInteractionEvent menu && !menu.getValues().isEmpty() ? menu.getValues().getFirst() : "";
    }

    private static int parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
