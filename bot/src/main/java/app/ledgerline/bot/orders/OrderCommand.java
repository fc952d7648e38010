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

/**
 * {@code /order number:<number>}: one of the shopper's orders in full, and while it waits for payment, how to pay.
 * Someone else's order is answered exactly like one that does not exist.
 */
@Component
public class OrderCommand implements SlashCommand {

    private final Places places;
    private final Shoppers shoppers;
    private final OrdersBackend backend;

    public OrderCommand(Places places, Shoppers shoppers, OrdersBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String name() {
        return "order";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("order", "One of your orders in detail, and how to pay it")
                .addOption(Options.number())
                .build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        String number = Options.string(event, Options.NUMBER);
        return places.inShop(event, name(), where -> Replies.deferred(event, where.ephemeral(), shoppers.of(event.getInteraction(), where)
                .flatMap(shopper -> backend.order(shopper, number))
                .map(order -> OrdersView.details(order, false))
                .defaultIfEmpty(OrdersView.notFound(number))));
    }
}
