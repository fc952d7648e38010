package app.ledgerline.bot.help;

import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.SlashCommand;
import app.ledgerline.bot.discord.Where;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.discordjson.json.ApplicationCommandRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code /help}: what the bot can do and where. Works everywhere; private except in the bot's DM. */
@Component
public class HelpCommand implements SlashCommand {

    private final Places places;

    public HelpCommand(Places places) {
        this.places = places;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("help", "How to shop here").build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        Where where = places.of(event.getInteraction());
        return Replies.now(event, where.ephemeral(), Screen.text("""
                **How to shop**
                `/shop` — browse the products you can buy, with prices and what is in stock, and check out.
                `/orders` — your orders and where each one stands; `/order number:<number>` — one in detail, with how to pay.
                `/paid number:<number> reference:<reference>` — tell the shop you paid, with your payment's reference.
                `/address` — see or change your saved shipping address.
                `/help` — this message.

                Use the commands in %s or in a DM with me. In the server, only you see my answers."""
                .formatted(places.shopChannelMentions())));
    }
}
