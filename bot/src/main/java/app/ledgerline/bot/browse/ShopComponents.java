package app.ledgerline.bot.browse;

import app.ledgerline.bot.backend.CatalogItem;
import app.ledgerline.bot.backend.ShopBackend;
import app.ledgerline.bot.checkout.Cart;
import app.ledgerline.bot.checkout.Carts;
import app.ledgerline.bot.discord.ComponentHandler;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.Where;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.event.domain.interaction.SelectMenuInteractionEvent;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The shop message's page buttons ({@code shop:page:N}) and product menu ({@code shop:pick:N}). Each press reads the
 * catalog afresh, so a product that sold out or became hidden since the message was shown is never offered.
 */
@Component
public class ShopComponents implements ComponentHandler {

    private final Places places;
    private final Shoppers shoppers;
    private final ShopBackend backend;
    private final Carts carts;

    public ShopComponents(Places places, Shoppers shoppers, ShopBackend backend, Carts carts) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
        this.carts = carts;
    }

    @Override
    public String prefix() {
        return "shop:";
    }

    @Override
    public Mono<Void> handle(ComponentInteractionEvent event) {
        return places.inShop(event, "shop", where -> answer(event, where));
    }

    private Mono<Void> answer(ComponentInteractionEvent event, Where where) {
        String id = event.getCustomId();
        int page = pageOf(id);
        if (page < 0 && !id.startsWith(CatalogView.PAGE_ID)) {
            return Replies.now(event, where.ephemeral(), Screen.text("This button is out of date. Run `/shop` again."));
        }
        Mono<List<CatalogItem>> catalog = shoppers.of(event.getInteraction(), where).flatMap(backend::catalog);
        Cart cart = carts.current(event.getInteraction().getUser().getId().asString()).orElse(null);
        if (id.startsWith(CatalogView.PICK_ID) && event instanceof SelectMenuInteractionEvent menu) {
            String productId = menu.getValues().isEmpty() ? "" : menu.getValues().getFirst();
            return Replies.updating(event, catalog.map(items -> items.stream()
                    .filter(item -> item.id().equals(productId))
                    .findFirst()
                    .filter(CatalogItem::selectable)
                    .map(item -> CatalogView.details(item, page, cart))
                    .orElseGet(() -> CatalogView.page(items, page, "That product is no longer available. Here is what is in the shop now.", cart))));
        }
        return Replies.updating(event, catalog.map(items -> CatalogView.page(items, Math.max(page, 0), null, cart)));
    }

    private static int pageOf(String customId) {
        String number = customId.substring(customId.lastIndexOf(':') + 1);
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
