package app.ledgerline.bot.browse;

import static app.ledgerline.bot.discord.Text.cut;
import static app.ledgerline.bot.discord.Text.escape;

import app.ledgerline.bot.backend.CatalogItem;
import app.ledgerline.bot.checkout.Cart;
import app.ledgerline.bot.checkout.CheckoutView;
import app.ledgerline.bot.discord.Screen;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.core.object.component.SelectMenu;
import discord4j.core.object.component.TopLevelMessageComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the catalog as Discord screens. The catalog is split into pages that each fit Discord's limits (at most
 * 25 menu options, 2,000 characters of content); every product is listed with price and availability, and only
 * products the shopper can buy now are offered in the menu. Custom ids carry just a page number.
 */
public final class CatalogView {

    static final int MAX_OPTIONS = 25;
    static final int MAX_LABEL = 100;
    static final int MAX_LIST_NAME = 80;
    static final String PAGE_ID = "shop:page:";
    static final String PICK_ID = "shop:pick:";

    private CatalogView() {
    }

    /** The page count and page contents, computed the same way every time for the same catalog. */
    static List<List<CatalogItem>> pages(List<CatalogItem> items) {
        List<List<CatalogItem>> pages = new ArrayList<>();
        List<CatalogItem> current = new ArrayList<>();
        int length = 0;
        for (CatalogItem item : items) {
            int line = line(item).length() + 1;
            if (!current.isEmpty() && (current.size() == MAX_OPTIONS || length + line > budget())) {
                pages.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            current.add(item);
            length += line;
        }
        if (!current.isEmpty()) {
            pages.add(current);
        }
        return pages;
    }

    /** Room for the product lines once the header, the footer and a notice of up to 300 characters are written. */
    private static int budget() {
        return Screen.MAX_CONTENT - 500;
    }

    public static Screen page(List<CatalogItem> items, int requestedPage, String notice, Cart cart) {
        List<List<CatalogItem>> pages = pages(items);
        StringBuilder content = new StringBuilder();
        if (notice != null) {
            content.append(notice).append("\n\n");
        }
        if (pages.isEmpty()) {
            content.append("**Shop**\nThere is nothing for sale to you right now. Check back soon!");
            return new Screen(content.toString(), cartRow(cart).<TopLevelMessageComponent>map(row -> row).stream().toList());
        }
        int page = Math.max(0, Math.min(requestedPage, pages.size() - 1));
        List<CatalogItem> shown = pages.get(page);
        content.append("**Shop**");
        if (pages.size() > 1) {
            content.append(" · page ").append(page + 1).append(" of ").append(pages.size());
        }
        content.append('\n');
        shown.forEach(item -> content.append(line(item)).append('\n'));
        List<SelectMenu.Option> options = shown.stream()
                .filter(CatalogItem::selectable)
                .map(item -> SelectMenu.Option.of(cut(item.name(), MAX_LABEL), item.id())
                        .withDescription(cut(item.price().formatted() + " · " + availability(item), MAX_LABEL)))
                .toList();
        content.append(options.isEmpty()
                ? "\nNothing on this page is available right now."
                : "\nChoose a product below to see its details and add it to your cart.");
        List<TopLevelMessageComponent> rows = new ArrayList<>();
        if (!options.isEmpty()) {
            rows.add(ActionRow.of(SelectMenu.of(PICK_ID + page, options).withPlaceholder("Choose a product")));
        }
        if (pages.size() > 1) {
            Button previous = Button.secondary(PAGE_ID + (page - 1), "◀ Previous");
            Button next = Button.secondary(PAGE_ID + (page + 1), "Next ▶");
            rows.add(ActionRow.of(page == 0 ? previous.disabled() : previous,
                    page == pages.size() - 1 ? next.disabled() : next));
        }
        cartRow(cart).ifPresent(rows::add);
        return new Screen(content.toString(), rows);
    }

    /** One product in full, with a quantity menu that puts it in the cart and a way back to its page. */
    public static Screen details(CatalogItem item, int page, Cart cart) {
        int inCart = cart == null ? 0 : cart.quantityOf(item.id());
        StringBuilder content = new StringBuilder()
                .append("**").append(escape(cut(item.name(), 200))).append("** — ").append(item.price().formatted())
                .append('\n').append(availability(item));
        if (item.remainingForShopper() != null && item.remainingForShopper() > 0) {
            content.append(" · you can buy up to ").append(item.remainingForShopper()).append(" more");
        }
        content.append(item.kind().equals("DIGITAL") ? " · digital" : " · shipped to you").append("\n\n");
        String footer = inCart > 0 ? "\n\n🛒 " + inCart + " in your cart. Choose a new quantity to change it." : "";
        content.append(cut(item.description(), Screen.MAX_CONTENT - content.length() - footer.length() - 10));
        content.append(footer);
        List<SelectMenu.Option> quantities = new ArrayList<>();
        for (int quantity = 1; quantity <= maxQuantity(item); quantity++) {
            SelectMenu.Option option = SelectMenu.Option.of(Integer.toString(quantity), Integer.toString(quantity));
            quantities.add(quantity == inCart ? option.withDefault(true) : option);
        }
        List<TopLevelMessageComponent> rows = new ArrayList<>();
        if (!quantities.isEmpty()) {
            rows.add(ActionRow.of(SelectMenu.of(CheckoutView.ADD + item.id() + ":" + page, quantities)
                    .withPlaceholder(inCart > 0 ? "Change the quantity in your cart" : "Add to cart: choose a quantity")));
        }
        Button back = Button.secondary(PAGE_ID + page, "◀ Back to the shop");
        rows.add(cart == null || cart.isEmpty() ? ActionRow.of(back) : ActionRow.of(back, viewCart(cart)));
        return new Screen(content.toString(), rows);
    }

    /** How many the shopper may put in the cart now: at most 25 (one menu), the stock and their limit. */
    public static int maxQuantity(CatalogItem item) {
        int max = MAX_OPTIONS;
        if (item.available() != null) {
            max = Math.min(max, item.available());
        }
        if (item.remainingForShopper() != null) {
            max = Math.min(max, item.remainingForShopper());
        }
        return Math.max(0, max);
    }

    private static java.util.Optional<ActionRow> cartRow(Cart cart) {
        return cart == null || cart.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(ActionRow.of(viewCart(cart)));
    }

    private static Button viewCart(Cart cart) {
        return Button.success(CheckoutView.VIEW + cart.id(), "🛒 View cart (" + cart.units() + ")");
    }

    static String line(CatalogItem item) {
        return "• **" + escape(cut(item.name(), MAX_LIST_NAME)) + "** — " + item.price().formatted() + " · " + availability(item);
    }

    static String availability(CatalogItem item) {
        if (item.remainingForShopper() != null && item.remainingForShopper() <= 0) {
            return "purchase limit reached";
        }
        if (!item.inStock() || (item.available() != null && item.available() <= 0)) {
            return "out of stock";
        }
        return item.available() == null ? "available" : item.available() + " in stock";
    }
}
