package app.ledgerline.bot.discord;

import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.discordjson.json.ApplicationCommandRequest;
import java.util.List;
import reactor.core.publisher.Mono;

/** One global slash command: its definition (registered at start) and its handler. */
public interface SlashCommand {

    /** Installable to guilds (0) and to users (1). */
    List<Integer> INTEGRATION_TYPES = List.of(0, 1);
    /** Usable in guilds (0), in the bot's DM (1) and in private channels (2). */
    List<Integer> CONTEXTS = List.of(0, 1, 2);

    String name();

    ApplicationCommandRequest definition();

    Mono<Void> handle(ChatInputInteractionEvent event);

    static discord4j.discordjson.json.ImmutableApplicationCommandRequest.Builder command(String name, String description) {
        return ApplicationCommandRequest.builder()
                .name(name)
                .description(description)
                .integrationTypes(INTEGRATION_TYPES)
                .contexts(CONTEXTS);
    }
}
