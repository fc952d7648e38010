package app.ledgerline.bot.browse;

import app.ledgerline.bot.backend.ShopBackend;
import app.ledgerline.bot.checkout.Carts;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.SlashCommand;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.discordjson.json.ApplicationCommandRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code /shop}: the products this member may buy, with price and availability. */
@Component
public class ShopCommand implements SlashCommand {

    private final Places places;
    private final Shoppers shoppers;
    private final ShopBackend backend;
    private final Carts carts;

    public ShopCommand(Places places, Shoppers shoppers, ShopBackend backend, Carts carts) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
        this.carts = carts;
    }

    @Override
    public String name() {
        return "shop";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("shop", "Browse the shop: products, prices and what is in stock").build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        return places.inShop(event, name(), where -> Replies.deferred(event, where.ephemeral(), shoppers.of(event.getInteraction(), where)
                .flatMap(backend::catalog)
                .map(items -> CatalogView.page(items, 0, null,
                        carts.current(event.getInteraction().getUser().getId().asString()).orElse(null)))));
    }
}
