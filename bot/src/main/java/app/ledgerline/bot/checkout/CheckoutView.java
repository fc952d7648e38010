package app.ledgerline.bot.checkout;

import static app.ledgerline.bot.discord.Text.cut;
import static app.ledgerline.bot.discord.Text.escape;

import app.ledgerline.bot.backend.CheckoutBackend.PlacedOrder;
import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.Quote;
import app.ledgerline.bot.backend.ShippingAddress;
import app.ledgerline.bot.discord.Screen;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.core.object.component.SelectMenu;
import discord4j.core.object.component.TopLevelMessageComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the checkout steps: cart, shipping address, payment method, summary, and the placed order. Every button
 * carries the cart's id ({@code cart:<action>:<cart id>[:<argument>]}, well under Discord's 100 characters) so a
 * button of an older cart is recognised as such.
 */
public final class CheckoutView {

    public static final String PREFIX = "cart:";
    /** Adds a product from the shop's product details: {@code cart:add:<product id>:<shop page>}, values are quantities. */
    public static final String ADD = PREFIX + "add:";
    public static final String VIEW = PREFIX + "view:";
    static final String REMOVE = PREFIX + "remove:";
    static final String CODE = PREFIX + "code:";
    static final String CODE_MODAL = PREFIX + "codemodal:";
    static final String CHECKOUT = PREFIX + "checkout:";
    static final String SHIP_TO = PREFIX + "shipto:";
    static final String NEW_ADDRESS = PREFIX + "newaddress:";
    static final String ADDRESS_MODAL = PREFIX + "addressmodal:";
    static final String PAY = PREFIX + "pay:";
    static final String PAY_WITH = PREFIX + "paywith:";
    static final String PLACE = PREFIX + "place:";
    static final String EMPTY = PREFIX + "empty:";
    /** The shop's first page (handled by the shop's own buttons). */
    static final String KEEP_SHOPPING = "shop:page:0";

    static final int MAX_SAVED_ADDRESSES = 3;
    private static final int MAX_NAME = 80;

    private CheckoutView() {
    }

    /** The cart, priced when the backend could price it, with what stands in the way of checking out. */
    static Screen cart(Cart cart, Quote quote, List<String> notices, List<Problem> blocking) {
        StringBuilder content = notices(notices);
        if (cart.isEmpty()) {
            content.append("🛒 **Your cart is empty.** Pick something in the shop.");
            return new Screen(content.toString(), List.of(ActionRow.of(Button.primary(KEEP_SHOPPING, "Browse the shop"))));
        }
        content.append("🛒 **Your cart**\n");
        if (quote != null) {
            appendPriced(content, quote);
        } else {
            cart.lines().forEach(item -> content.append("• ").append(item.quantity()).append(" × ")
                    .append(escape(cut(item.name(), MAX_NAME))).append('\n'));
        }
        if (!blocking.isEmpty()) {
            content.append("\n**Before you can check out:**\n");
            blocking.forEach(problem -> content.append("• ").append(problem.message()).append('\n'));
            content.append("Remove the item or lower its quantity in the shop.");
        }
        List<TopLevelMessageComponent> rows = new ArrayList<>();
        List<SelectMenu.Option> removable = cart.lines().stream()
                .map(item -> SelectMenu.Option.of(cut(item.quantity() + " × " + item.name(), 100), item.productId()))
                .toList();
        rows.add(ActionRow.of(SelectMenu.of(REMOVE + cart.id(), removable).withPlaceholder("Remove an item")));
        Button checkout = Button.success(CHECKOUT + cart.id(), "Check out");
        rows.add(ActionRow.of(
                quote == null || !blocking.isEmpty() ? checkout.disabled() : checkout,
                Button.secondary(KEEP_SHOPPING, "Keep shopping"),
                Button.secondary(CODE + cart.id(), cart.discountCode() == null ? "Discount code" : "Change code"),
                Button.danger(EMPTY + cart.id(), "Empty cart")));
        return new Screen(fit(content), rows);
    }

    /** Where to ship: saved addresses first (default first), or a new one by form. */
    static Screen shipping(Cart cart, List<ShippingAddress> saved, String notice) {
        StringBuilder content = notices(notice == null ? List.of() : List.of(notice));
        content.append("📦 **Where should we ship your order?**\n");
        List<ShippingAddress> offered = saved.stream().limit(MAX_SAVED_ADDRESSES).toList();
        List<Button> shipTo = new ArrayList<>();
        for (int i = 0; i < offered.size(); i++) {
            ShippingAddress address = offered.get(i);
            content.append("**").append(i + 1).append(".** ").append(escape(address.oneLine()))
                    .append(i == 0 ? " *(default)*" : "").append('\n');
            shipTo.add(Button.primary(SHIP_TO + cart.id() + ":" + address.id(), "Ship to " + (i + 1)));
        }
        if (offered.isEmpty()) {
            content.append("Enter the address in the form that opens. We save it for your next order.");
        }
        List<TopLevelMessageComponent> rows = new ArrayList<>();
        if (!shipTo.isEmpty()) {
            rows.add(ActionRow.of(shipTo));
        }
        rows.add(ActionRow.of(
                offered.isEmpty() ? Button.primary(NEW_ADDRESS + cart.id(), "Enter shipping address")
                        : Button.secondary(NEW_ADDRESS + cart.id(), "Use a new address"),
                Button.secondary(VIEW + cart.id(), "Back to cart")));
        return new Screen(fit(content), rows);
    }

    /** The payment methods the shop offers now. */
    static Screen payment(Cart cart, Quote quote, List<String> methods, String notice) {
        StringBuilder content = notices(notice == null ? List.of() : List.of(notice));
        if (methods.isEmpty()) {
            content.append("💳 The shop is not taking payments right now, so the order can't be placed. Your cart is kept; "
                    + "please try again later.");
            return new Screen(fit(content), List.of(ActionRow.of(Button.secondary(VIEW + cart.id(), "Back to cart"))));
        }
        content.append("💳 **How would you like to pay?** Total: **").append(quote.total().formatted()).append("**");
        List<Button> buttons = methods.stream()
                .map(method -> method.equals(cart.paymentMethod())
                        ? Button.success(PAY_WITH + cart.id() + ":" + method, methodName(method))
                        : Button.primary(PAY_WITH + cart.id() + ":" + method, methodName(method)))
                .toList();
        return new Screen(fit(content), List.of(ActionRow.of(buttons),
                ActionRow.of(Button.secondary(VIEW + cart.id(), "Back to cart"))));
    }

    /** Everything the order will be, before it is placed. */
    static Screen summary(Cart cart, Quote quote, String notice) {
        StringBuilder content = notices(notice == null ? List.of() : List.of(notice));
        content.append("🧾 **Review your order**\n");
        appendPriced(content, quote);
        content.append('\n');
        if (quote.requiresShipping() && cart.shipTo() != null) {
            content.append("**Ship to:** ").append(escape(cart.shipTo().oneLine())).append('\n');
        }
        content.append("**Pay with:** ").append(methodName(cart.paymentMethod())).append('\n')
                .append("\nNothing is charged now: placing the order holds the items for you and tells you how to pay.");
        return new Screen(fit(content), List.of(ActionRow.of(
                Button.success(PLACE + cart.id(), "Place order"),
                Button.secondary(PAY + cart.id(), "Change payment"),
                Button.secondary(VIEW + cart.id(), "Back to cart"),
                Button.danger(EMPTY + cart.id(), "Cancel"))));
    }

    /** The placed order and exactly how to pay it. */
    static Screen placed(PlacedOrder order, String paymentMethod) {
        StringBuilder content = new StringBuilder()
                .append("✅ **Order ").append(order.number()).append(" is placed.** Total: **")
                .append(order.total().formatted()).append("**\n\n");
        var instructions = order.payment() == null ? null : order.payment().instructions();
        if (instructions != null) {
            content.append(instructions.text()).append("\n\n");
        }
        if (instructions == null || instructions.checkoutUrl() == null) {
            content.append("Once you have paid, send the reference with `/paid number:").append(order.number())
                    .append(" reference:…`.\n");
        }
        content.append("Follow your order with `/order number:").append(order.number()).append("` or `/orders`.");
        List<TopLevelMessageComponent> rows = new ArrayList<>();
        List<Button> links = new ArrayList<>();
        if (instructions != null && instructions.checkoutUrl() != null) {
            links.add(Button.link(instructions.checkoutUrl(), "Pay with " + methodName(paymentMethod)));
        }
        if (instructions != null && instructions.invoiceUrl() != null) {
            links.add(Button.link(instructions.invoiceUrl(), "Open the invoice"));
        }
        if (!links.isEmpty()) {
            rows.add(ActionRow.of(links));
        }
        return new Screen(fit(content), rows);
    }

    static Screen gone() {
        return Screen.text("⌛ This cart is no longer open: it was emptied, or it expired after "
                + Carts.IDLE.toMinutes() + " minutes without activity. Run `/shop` to start again.");
    }

    static Screen alreadyPlaced(String orderNumber) {
        return Screen.text("✅ This cart was already placed as order **" + orderNumber + "**. See `/order number:"
                + orderNumber + "` for how to pay and its status.");
    }

    static Screen placing() {
        return Screen.text("⏳ Your order is being placed. One moment, then check `/orders`.");
    }

    static String methodName(String method) {
        if (method == null) {
            return "—";
        }
        return switch (method) {
            case "BTC" -> "Bitcoin";
            case "VENMO" -> "Venmo";
            case "CASH_APP" -> "Cash App";
            case "INVOICE" -> "Invoice";
            default -> method;
        };
    }

    private static void appendPriced(StringBuilder content, Quote quote) {
        for (Quote.Line line : quote.lines()) {
            content.append("• ").append(line.quantity()).append(" × ").append(escape(cut(line.name(), MAX_NAME)))
                    .append(" — ").append(line.lineTotal().formatted());
            if (line.quantity() > 1) {
                content.append(" (").append(line.unitPrice().formatted()).append(" each)");
            }
            content.append('\n');
        }
        content.append("Subtotal: ").append(quote.subtotal().formatted()).append('\n');
        if (quote.discount() != null) {
            content.append("Discount — ").append(escape(cut(quote.discount().name(), MAX_NAME)));
            if (quote.discount().code() != null) {
                content.append(" (").append(escape(quote.discount().code())).append(')');
            }
            content.append(": −").append(quote.discount().amount().formatted()).append('\n');
        }
        if (quote.requiresShipping() || quote.shipping().amountMinor() > 0) {
            content.append("Shipping: ").append(quote.shipping().amountMinor() == 0 ? "free" : quote.shipping().formatted()).append('\n');
        }
        content.append("**Total: ").append(quote.total().formatted()).append("**\n");
    }

    private static StringBuilder notices(List<String> notices) {
        StringBuilder content = new StringBuilder();
        notices.forEach(notice -> content.append("⚠️ ").append(notice).append('\n'));
        if (!notices.isEmpty()) {
            content.append('\n');
        }
        return content;
    }

    /** A cart holds at most 25 lines, which fit; this only guards against unusually long shop texts. */
    private static String fit(StringBuilder content) {
        return cut(content.toString(), Screen.MAX_CONTENT);
    }
}
