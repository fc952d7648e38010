package app.ledgerline.bot.address;

import app.ledgerline.bot.backend.CheckoutBackend;
import app.ledgerline.bot.backend.ShippingAddress;
import app.ledgerline.bot.checkout.AddressForm;
import app.ledgerline.bot.discord.ComponentHandler;
import app.ledgerline.bot.discord.ModalValues;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Shoppers;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.event.domain.interaction.ModalSubmitInteractionEvent;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The {@code /address} message's "Change address" button ({@code addr:edit}) and its form ({@code addr:save}). */
@Component
public class AddressComponents implements ComponentHandler {

    private static final Logger log = LoggerFactory.getLogger(AddressComponents.class);
    /** The form must open within Discord's 3 seconds; prefilling it is a nicety worth at most this long. */
    private static final Duration PREFILL_WAIT = Duration.ofMillis(1500);

    private final Places places;
    private final Shoppers shoppers;
    private final CheckoutBackend backend;

    public AddressComponents(Places places, Shoppers shoppers, CheckoutBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String prefix() {
        return "addr:";
    }

    @Override
    public Mono<Void> handle(ComponentInteractionEvent event) {
        return places.inShop(event, "address", where -> answer(event));
    }

    private Mono<Void> answer(ComponentInteractionEvent event) {
        if (event.getCustomId().equals(AddressCommand.SAVE) && event instanceof ModalSubmitInteractionEvent modal) {
            ShippingAddress typed = AddressForm.read(ModalValues.of(modal));
            return Replies.updating(event, shoppers.basic(event.getInteraction()).flatMap(shopper -> backend.saveAddress(shopper, typed)
                    .flatMap(saved -> backend.addresses(shopper).map(addresses -> saved.address() != null
                            ? AddressCommand.screen(addresses, "✅ Saved. Your next order ships here unless you choose otherwise.")
                            : AddressCommand.screen(addresses, "⚠️ That address was not saved: " + AddressForm.explain(saved.problems()))))));
        }
        return shoppers.basic(event.getInteraction())
                .flatMap(backend::addresses)
                .timeout(PREFILL_WAIT)
                .onErrorResume(e -> {
                    log.debug("Opening the address form without prefill: {}", e.toString());
                    return Mono.just(List.of());
                })
                .flatMap(saved -> event.presentModal(AddressForm.modal(AddressCommand.SAVE, "Shipping address",
                        saved.isEmpty() ? null : saved.getFirst())))
                .onErrorResume(e -> {
                    log.warn("Could not open the address form: {}", e.toString());
                    return Mono.empty();
                });
    }
}
