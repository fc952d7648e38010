package app.ledgerline.bot.orders;

import static app.ledgerline.bot.discord.Text.cut;
import static app.ledgerline.bot.discord.Text.escape;

import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.CustomerOrder;
import app.ledgerline.bot.backend.PaymentClaim;
import app.ledgerline.bot.discord.Screen;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.core.object.component.SelectMenu;
import discord4j.core.object.component.TopLevelMessageComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the shopper's orders as Discord screens: the list ({@code /orders}), one order's details ({@code /order}) and
 * the answers to a payment claim ({@code /paid}). Every screen fits Discord's limits (2,000 characters, 25 menu
 * options, 5 rows); a long list is shortened by whole orders, never cut mid-message. Shop text (product names, the
 * payment instructions, addresses, the shopper's own input) is escaped so it is never read as markup.
 */
public final class OrdersView {

    static final String VIEW_ID = "orders:view";
    static final String LIST_ID = "orders:list";
    static final int MAX_OPTIONS = 25;
    static final int MAX_LABEL = 100;
    static final int MAX_ITEMS_SUMMARY = 90;
    static final int MAX_LINE_NAME = 80;
    static final int MAX_INSTRUCTIONS = 700;
    static final int MAX_NOTICE = 300;
    static final int MAX_HISTORY = 6;

    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Pattern ORDER_NUMBER = Pattern.compile("(?i)LL-[0-9]{1,12}");

    private OrdersView() {
    }

    // ------------------------------------------------------------------------------------------------------ the list

    /** The shopper's orders, newest first, with a menu to open one; {@code notice} (optional) goes on top. */
    public static Screen list(List<CustomerOrder> orders, String notice) {
        StringBuilder content = new StringBuilder();
        if (notice != null) {
            content.append(cut(notice, MAX_NOTICE)).append("\n\n");
        }
        if (orders.isEmpty()) {
            content.append("**Your orders**\nYou haven't placed any orders yet. Run `/shop` to see what's for sale.");
            return Screen.text(content.toString());
        }
        List<CustomerOrder> offered = orders.subList(0, Math.min(orders.size(), MAX_OPTIONS));
        content.append("**Your orders** · newest first\n");
        String footer = "Choose an order below for its details and how to pay, or run `/order number:<number>`.";
        // Room for the "...and N older orders" line.
        int budget = Screen.MAX_CONTENT - content.length() - footer.length() - 80;
        int used = 0;
        int shown = 0;
        for (CustomerOrder order : orders) {
            String entry = entry(order) + "\n\n";
            if (used + entry.length() > budget) {
                break;
            }
            content.append(entry);
            used += entry.length();
            shown++;
        }
        int hidden = orders.size() - shown;
        if (hidden > 0) {
            content.append("…and ").append(hidden).append(hidden == 1 ? " older order" : " older orders")
                    .append(" — choose ").append(hidden == 1 ? "it" : "them").append(" in the menu.\n\n");
        }
        content.append(footer);
        List<SelectMenu.Option> options = offered.stream()
                .map(order -> SelectMenu.Option.of(cut(order.number() + " · " + amount(order.total()), MAX_LABEL), order.number())
                        .withDescription(cut(status(order, false) + " · " + items(order), MAX_LABEL)))
                .toList();
        return new Screen(content.toString(),
                List.of(ActionRow.of(SelectMenu.of(VIEW_ID, options).withPlaceholder("Open an order"))));
    }

    /** One order in the list: number, date and total; what was bought; where it stands. */
    static String entry(CustomerOrder order) {
        return "**" + order.number() + "** · placed " + time(order.placedAt(), "f") + " · **" + amount(order.total()) + "**\n"
                + escape(items(order)) + "\n"
                + status(order, true);
    }

    /** "2 × Shop Tee, 1 × Mug", shortened to fit one line (plain text: escape it for message content). */
    static String items(CustomerOrder order) {
        String all = order.lines().stream()
                .map(line -> line.quantity() + " × " + line.name())
                .collect(Collectors.joining(", "));
        return cut(all.isEmpty() ? "no items" : all, MAX_ITEMS_SUMMARY);
    }

    // ---------------------------------------------------------------------------------------------- where it stands

    /** The order's status and payment state in a customer's words, with the deadline when {@code withDates}. */
    static String status(CustomerOrder order, boolean withDates) {
        String payment = order.payment() == null ? "" : order.payment().status();
        return switch (order.status()) {
            case "PENDING" -> switch (payment) {
                case "CLAIMED" -> "Payment claimed, being checked";
                case "FAILED" -> "Payment not confirmed — check the reference and send it again with /paid";
                default -> "Awaiting payment" + (withDates && order.expiresAt() != null
                        ? " — pay by " + time(order.expiresAt(), "f") + " (" + time(order.expiresAt(), "R") + ")" : "");
            };
            case "PAID" -> physical(order) ? "Paid — being prepared for shipping" : "Paid";
            case "SHIPPED" -> "Shipped" + shippingNote(order).filter(note -> withDates).map(note -> " — " + escape(cut(note, 120))).orElse("");
            case "DELIVERED" -> "Delivered";
            case "CANCELLED" -> "EXPIRED".equals(payment) ? "Cancelled (expired unpaid)" : "Cancelled";
            case "REFUNDED" -> "Refunded";
            case "PARTIALLY_REFUNDED" -> "Partly refunded";
            default -> words(order.status());
        };
    }

    /** What the shop wrote when it shipped the order (carrier and tracking number), if anything. */
    static java.util.Optional<String> shippingNote(CustomerOrder order) {
        return order.history().stream()
                .filter(event -> "SHIPPED".equals(event.toStatus()) && event.note() != null && !event.note().isBlank())
                .reduce((first, second) -> second)
                .map(event -> event.note().strip());
    }

    private static boolean physical(CustomerOrder order) {
        return order.lines().stream().anyMatch(line -> "PHYSICAL".equals(line.kind()));
    }

    // --------------------------------------------------------------------------------------------------- one order

    /** One order in full; {@code fromList} adds a button back to the list. */
    public static Screen details(CustomerOrder order, boolean fromList) {
        String number = order.number();
        String head = "**Order " + number + "** · placed " + time(order.placedAt(), "f") + "\n"
                + "**Status:** " + status(order, true) + "\n\n";

        StringBuilder totals = new StringBuilder();
        if (order.subtotal() != null) {
            totals.append("Subtotal: ").append(amount(order.subtotal())).append('\n');
        }
        if (order.discount() != null) {
            CustomerOrder.Discount discount = order.discount();
            totals.append("Discount (").append(escape(cut(discount.name(), 60)));
            if (discount.code() != null) {
                totals.append(", code ").append(escape(cut(discount.code(), 40)));
            }
            totals.append("): −").append(amount(discount.amount())).append('\n');
        }
        if (order.shipping() != null && (order.shipping().amountMinor() != 0 || physical(order))) {
            totals.append("Shipping: ").append(amount(order.shipping())).append('\n');
        }
        totals.append("**Total: ").append(amount(order.total())).append("**\n");

        String address = address(order.shippingAddress());
        Unpaid unpaid = unpaid(order);
        String payment = payment(order, unpaid);

        List<String> lineTexts = order.lines().stream().map(OrdersView::line).toList();
        List<String> historyTexts = history(order);

        int fixed = head.length() + totals.length() + address.length() + payment.length();
        int room = Screen.MAX_CONTENT - fixed - 20;
        String historyFull = block("\n**History**\n", historyTexts, Integer.MAX_VALUE, true);
        String lines = block("", lineTexts, room - Math.min(historyFull.length(), 250), false);
        String history = block("\n**History**\n", historyTexts, room - lines.length(), true);

        String content = (head + lines + totals + address + history + payment).stripTrailing();
        if (content.length() > Screen.MAX_CONTENT) {
            // Only with absurdly long shop data: keep the message valid.
            content = cut(content, Screen.MAX_CONTENT);
        }

        List<Button> buttons = new ArrayList<>();
        if (unpaid != null) {
            CustomerOrder.Instructions instructions = order.payment().instructions();
            if (web(instructions.checkoutUrl())) {
                buttons.add(Button.link(instructions.checkoutUrl(), "Pay on the checkout page"));
            }
            if (web(instructions.invoiceUrl())) {
                buttons.add(Button.link(instructions.invoiceUrl(), "Open the invoice"));
            }
        }
        if (fromList) {
            buttons.add(Button.secondary(LIST_ID, "◀ Your orders"));
        }
        List<TopLevelMessageComponent> rows = buttons.isEmpty() ? List.of() : List.of(ActionRow.of(buttons));
        return new Screen(content, rows);
    }

    /** "• 2 × Shop Tee — $25.00 each, $50.00" */
    static String line(CustomerOrder.Line line) {
        String name = escape(cut(line.name(), MAX_LINE_NAME));
        return "• " + line.quantity() + " × " + name + " — "
                + (line.quantity() == 1 ? amount(line.lineTotal()) : amount(line.unitPrice()) + " each, " + amount(line.lineTotal()));
    }

    /** The status changes, oldest first, each with its date; only the most recent few. */
    static List<String> history(CustomerOrder order) {
        boolean expired = order.payment() != null && "EXPIRED".equals(order.payment().status());
        return order.history().stream()
                .filter(event -> event.toStatus() != null && !event.toStatus().equals(event.fromStatus()))
                .map(event -> time(event.at(), "f") + " — " + switch (event.toStatus()) {
                    case "PENDING" -> "placed";
                    case "PAID" -> "paid";
                    case "SHIPPED" -> "shipped" + (event.note() == null || event.note().isBlank() ? "" : ": " + escape(cut(event.note(), 120)));
                    case "DELIVERED" -> "delivered";
                    case "CANCELLED" -> expired ? "cancelled: not paid in time" : "cancelled";
                    case "REFUNDED" -> "refunded";
                    case "PARTIALLY_REFUNDED" -> "partly refunded";
                    default -> words(event.toStatus()).toLowerCase(Locale.ROOT);
                })
                .toList();
    }

    /**
     * As many entries as fit in {@code room} characters, saying how many were left out: the first ones for the order's
     * lines, the most recent ones (at most {@link #MAX_HISTORY}) for its history. Empty when not even one fits.
     */
    private static String block(String title, List<String> entries, int room, boolean keepNewest) {
        int most = keepNewest ? Math.min(entries.size(), MAX_HISTORY) : entries.size();
        for (int count = most; count >= 1; count--) {
            List<String> chosen = keepNewest ? entries.subList(entries.size() - count, entries.size()) : entries.subList(0, count);
            int left = entries.size() - count;
            StringBuilder text = new StringBuilder(title);
            if (keepNewest && left > 0) {
                text.append("… ").append(left).append(" earlier\n");
            }
            chosen.forEach(entry -> text.append(entry).append('\n'));
            if (!keepNewest && left > 0) {
                text.append("…and ").append(left).append(left == 1 ? " more item\n" : " more items\n");
            }
            if (text.length() <= room) {
                return text.toString();
            }
        }
        return "";
    }

    private static String address(CustomerOrder.Address address) {
        if (address == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n**Ship to**\n");
        List<String> parts = new ArrayList<>();
        parts.add(address.name());
        parts.add(address.line1());
        if (present(address.line2())) {
            parts.add(address.line2());
        }
        String city = address.city() + (present(address.region()) ? ", " + address.region() : "") + " " + address.postalCode();
        parts.add(city);
        parts.add(address.country());
        parts.forEach(part -> text.append(escape(cut(part, 80))).append('\n'));
        return text.toString();
    }

    /** Why and how the order is still to be paid, or null when it is not waiting for the customer's money. */
    private record Unpaid(boolean rejected) {
    }

    private static Unpaid unpaid(CustomerOrder order) {
        CustomerOrder.Payment payment = order.payment();
        if (!"PENDING".equals(order.status()) || payment == null || payment.instructions() == null) {
            return null;
        }
        return switch (payment.status()) {
            case "AWAITING" -> new Unpaid(false);
            case "FAILED" -> new Unpaid(true);
            default -> null;
        };
    }

    /** The payment line, and while the order waits for the customer's money, how to pay. */
    private static String payment(CustomerOrder order, Unpaid unpaid) {
        CustomerOrder.Payment payment = order.payment();
        String method = method(payment == null ? order.paymentMethod() : payment.method());
        StringBuilder text = new StringBuilder("\n**Payment:** ").append(method);
        if (payment == null) {
            return text.append('\n').toString();
        }
        text.append(" · ").append(amount(payment.amount())).append(" · ").append(switch (payment.status()) {
            case "AWAITING" -> "awaiting your payment";
            case "CLAIMED" -> "you sent us the reference " + quoted(payment.claimedReference()) + "; the shop is checking it";
            case "CONFIRMED" -> "received" + (payment.confirmedAt() == null ? "" : " " + time(payment.confirmedAt(), "f"));
            case "FAILED" -> "not confirmed" + (present(payment.failureReason())
                    ? ": " + escape(cut(payment.failureReason(), 200)) : "");
            case "EXPIRED" -> "not paid in time";
            case "REFUNDED" -> "refunded";
            default -> words(payment.status()).toLowerCase(Locale.ROOT);
        }).append('\n');
        if ("PENDING".equals(order.status()) && "CLAIMED".equals(payment.status())) {
            text.append("Wrong reference? Run `/paid` again with the right one.\n");
        }
        if (unpaid != null) {
            CustomerOrder.Instructions instructions = payment.instructions();
            text.append("\n**How to pay**\n").append(escapeText(cut(instructions.text(), MAX_INSTRUCTIONS))).append('\n');
            if (!present(instructions.checkoutUrl())) {
                text.append(unpaid.rejected() ? "If you did pay, run " : "Once you've paid, run ")
                        .append("`/paid number:").append(order.number()).append(" reference:<your transaction id>`")
                        .append(" so the shop can match your payment.\n");
            }
        }
        return text.toString();
    }

    // -------------------------------------------------------------------------------------------------- /paid answers

    public static Screen claimRecorded(CustomerOrder order) {
        return Screen.text("✅ Thanks! We've noted your payment reference for order " + order.number()
                + "; the shop will confirm it shortly.\nRun `/order number:" + order.number() + "` any time to see where it stands.");
    }

    /** "I couldn't find order X among your orders." — for a missing order and for someone else's alike. */
    public static Screen notFound(String number) {
        return Screen.text("I couldn't find order " + numberText(number) + " among your orders. "
                + "Run `/orders` to see your orders and their numbers (they look like LL-1042).");
    }

    /**
     * The claim was refused because the payment cannot take a claim now ({@code PAYMENT_STATE}): {@code order} is the
     * order as it is now, read again to say why in the customer's words.
     */
    public static Screen notClaimable(CustomerOrder order, Problem problem) {
        String number = order.number();
        String paymentStatus = order.payment() == null ? "" : order.payment().status();
        return switch (order.status()) {
            case "CANCELLED" -> Screen.text("Order " + number + " is no longer awaiting payment — "
                    + ("EXPIRED".equals(paymentStatus) ? "it expired before the payment arrived" : "it was cancelled")
                    + ", so nothing was recorded. Run `/shop` to order again."
                    + "\nIf you did send money for it, tell the shop staff so they can sort it out.");
            case "PAID", "SHIPPED", "DELIVERED" -> Screen.text("Order " + number + " is already paid — there's nothing more to do. "
                    + "Run `/order number:" + number + "` to see where it stands.");
            case "REFUNDED", "PARTIALLY_REFUNDED" -> Screen.text("Order " + number
                    + " was paid and has since been refunded, so no payment is due. Run `/order number:" + number + "` for details.");
            case "PENDING" -> {
                CustomerOrder.Instructions instructions = order.payment() == null ? null : order.payment().instructions();
                if (instructions != null && present(instructions.checkoutUrl())) {
                    List<TopLevelMessageComponent> rows = web(instructions.checkoutUrl())
                            ? List.of(ActionRow.of(Button.link(instructions.checkoutUrl(), "Pay on the checkout page")))
                            : List.of();
                    yield new Screen("Order " + number + " is paid in BTC on its checkout page, and the payment is confirmed "
                            + "there automatically — there's no reference to send. If you haven't paid yet, use the checkout page.",
                            rows);
                }
                yield unexpected(number, problem);
            }
            default -> unexpected(number, problem);
        };
    }

    /** The claim's input was refused ({@code INVALID_INPUT}). */
    public static Screen invalid(String number, Problem problem) {
        String field = problem.field() == null ? "" : problem.field();
        if (field.equals("number")) {
            return notFound(number);
        }
        if (field.equals("reference")) {
            return Screen.text("Please give the reference of your payment — the transaction id your app shows you — "
                    + "on one line, up to 100 characters. Nothing was recorded.");
        }
        return Screen.text("The shop couldn't accept that: " + userText(problem.message())
                + "\nNothing was recorded. Please try again; if it keeps happening, let the shop staff know.");
    }

    public static Screen unexpected(String number, Problem problem) {
        return Screen.text("The shop couldn't record a payment reference for order " + numberText(number) + ": "
                + userText(problem.message()) + "\nRun `/orders` to see where your orders stand.");
    }

    // -------------------------------------------------------------------------------------------------------- helpers

    static String time(Instant instant, String style) {
        return instant == null ? "—" : "<t:" + instant.getEpochSecond() + ":" + style + ">";
    }

    static String amount(app.ledgerline.bot.backend.CatalogItem.Money money) {
        return money == null ? "—" : money.formatted();
    }

    static String method(String method) {
        if (method == null) {
            return "—";
        }
        return switch (method) {
            case "VENMO" -> "Venmo";
            case "CASH_APP" -> "Cash App";
            case "BTC" -> "Bitcoin (BTC)";
            case "INVOICE" -> "Invoice";
            default -> words(method);
        };
    }

    /** "PARTIALLY_REFUNDED" → "Partially refunded". */
    static String words(String constant) {
        String lower = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** An order number the user typed: as the shop writes it when it looks like one, else as {@link #userText}. */
    static String numberText(String number) {
        String value = number == null ? "" : number.strip();
        return ORDER_NUMBER.matcher(value).matches() ? value.toUpperCase(Locale.ROOT) : userText(value);
    }

    /** Something the user typed, shown back to them: short, on one line, no markup. */
    static String userText(String text) {
        return escape(cut(text == null ? "" : text.replaceAll("\\s+", " ").strip(), 60));
    }

    private static String quoted(String text) {
        return "“" + userText(text) + "”";
    }

    /** Shop text with links: markup escaped everywhere except inside the links, which must stay usable. */
    static String escapeText(String text) {
        StringBuilder out = new StringBuilder();
        Matcher links = URL.matcher(text);
        int at = 0;
        while (links.find()) {
            out.append(escape(text.substring(at, links.start()))).append(links.group());
            at = links.end();
        }
        return out.append(escape(text.substring(at))).toString();
    }

    private static boolean web(String url) {
        return url != null && url.length() <= 512 && (url.startsWith("https://") || url.startsWith("http://"));
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
