package app.ledgerline.bot.orders;

import app.ledgerline.bot.backend.OrdersBackend;
import app.ledgerline.bot.backend.Shopper;
import app.ledgerline.bot.discord.ComponentHandler;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.Where;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.event.domain.interaction.SelectMenuInteractionEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The order list's menu ({@code orders:view}, the value is an order number) and the details' way back
 * ({@code orders:list}). Each press reads the orders afresh and edits the message in place.
 */
@Component
public class OrdersComponents implements ComponentHandler {

    private final Places places;
    private final Shoppers shoppers;
    private final OrdersBackend backend;

    public OrdersComponents(Places places, Shoppers shoppers, OrdersBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String prefix() {
        return "orders:";
    }

    @Override
    public Mono<Void> handle(ComponentInteractionEvent event) {
        return places.inShop(event, "orders", where -> answer(event, where));
    }

    private Mono<Void> answer(ComponentInteractionEvent event, Where where) {
        String id = event.getCustomId();
        Mono<Shopper> shopper = shoppers.of(event.getInteraction(), where);
        if (id.equals(OrdersView.VIEW_ID) && event instanceof SelectMenuInteractionEvent menu) {
            String number = menu.getValues().isEmpty() ? "" : menu.getValues().getFirst();
            return Replies.updating(event, shopper.flatMap(s -> backend.order(s, number)
                    .map(order -> OrdersView.details(order, true))
                    .switchIfEmpty(Mono.defer(() -> backend.recent(s, OrdersCommand.RECENT)
                            .map(orders -> OrdersView.list(orders, OrdersView.notFound(number).content()))))));
        }
        if (id.equals(OrdersView.LIST_ID)) {
            return Replies.updating(event, shopper.flatMap(s -> backend.recent(s, OrdersCommand.RECENT))
                    .map(orders -> OrdersView.list(orders, null)));
        }
        return Replies.now(event, where.ephemeral(), Screen.text("This button is out of date. Run `/orders` again."));
    }
}
