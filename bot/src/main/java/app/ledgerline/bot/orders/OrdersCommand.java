package app.ledgerline.bot.orders;

import app.ledgerline.bot.backend.OrdersBackend;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.SlashCommand;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.discordjson.json.ApplicationCommandRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code /orders}: the shopper's recent orders, newest first, where each stands, and a menu to open one. */
@Component
public class OrdersCommand implements SlashCommand {

    /** How many recent orders the list reads (the menu offers each of them). */
    static final int RECENT = 10;

    private final Places places;
    private final Shoppers shoppers;
    private final OrdersBackend backend;

    public OrdersCommand(Places places, Shoppers shoppers, OrdersBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("orders", "Your orders: what you bought, where each one stands, how to pay").build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        return places.inShop(event, name(), where -> Replies.deferred(event, where.ephemeral(), shoppers.of(event.getInteraction(), where)
                .flatMap(shopper -> backend.recent(shopper, RECENT))
                .map(orders -> OrdersView.list(orders, null))));
    }
}
