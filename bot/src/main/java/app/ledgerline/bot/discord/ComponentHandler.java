package app.ledgerline.bot.discord;

import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import reactor.core.publisher.Mono;

/** Handles buttons and menus whose custom id starts with {@link #prefix()} ("shop:", ...). */
public interface ComponentHandler {

    String prefix();

    Mono<Void> handle(ComponentInteractionEvent event);
}
