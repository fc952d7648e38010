package app.ledgerline.bot.address;

import app.ledgerline.bot.backend.CheckoutBackend;
import app.ledgerline.bot.backend.ShippingAddress;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.SlashCommand;
import app.ledgerline.bot.discord.Text;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.discordjson.json.ApplicationCommandRequest;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code /address}: the saved shipping address used first at checkout, and a form to change it. */
@Component
public class AddressCommand implements SlashCommand {

    static final String EDIT = "addr:edit";
    static final String SAVE = "addr:save";

    private final Places places;
    private final Shoppers shoppers;
    private final CheckoutBackend backend;

    public AddressCommand(Places places, Shoppers shoppers, CheckoutBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String name() {
        return "address";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("address", "See or change your saved shipping address").build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        return places.inShop(event, name(), where -> Replies.deferred(event, where.ephemeral(), shoppers.basic(event.getInteraction())
                .flatMap(backend::addresses)
                .map(saved -> screen(saved, null))));
    }

    static Screen screen(List<ShippingAddress> saved, String notice) {
        StringBuilder content = new StringBuilder();
        if (notice != null) {
            content.append(notice).append("\n\n");
        }
        if (saved.isEmpty()) {
            content.append("📦 You have no saved shipping address yet. Add one now, or at checkout when you buy something "
                    + "that ships.");
            return new Screen(content.toString(), List.of(ActionRow.of(Button.primary(EDIT, "Add an address"))));
        }
        content.append("📦 **Your shipping address**\n").append(Text.escape(saved.getFirst().oneLine()))
                .append("\n\nCheckout offers it first. Changing it saves a new address for your next orders; orders already "
                        + "placed keep the address they were placed with.");
        return new Screen(content.toString(), List.of(ActionRow.of(Button.secondary(EDIT, "Change address"))));
    }
}
