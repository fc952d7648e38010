package app.ledgerline.bot.orders;

import app.ledgerline.bot.backend.Problem;
import app.ledgerline.bot.backend.OrdersBackend;
import app.ledgerline.bot.backend.PaymentClaim;
import app.ledgerline.bot.backend.Shopper;
import app.ledgerline.bot.discord.Places;
import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.discord.Screen;
import app.ledgerline.bot.discord.Shoppers;
import app.ledgerline.bot.discord.SlashCommand;
import discord4j.core.event.domain.interaction.ChatInputInteractionEvent;
import discord4j.discordjson.json.ApplicationCommandRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code /paid number:<number> reference:<reference>}: the shopper says they paid (Venmo, Cash App, manual BTC,
 * invoice), with their transfer's reference, for the shop to confirm. The backend's typed problems become the
 * customer's words; when the payment cannot take a claim ({@code PAYMENT_STATE}: the order expired, was cancelled, is
 * already paid, or is paid on a BTCPay checkout page) the order is read again to say which.
 */
@Component
public class PaidCommand implements SlashCommand {

    private final Places places;
    private final Shoppers shoppers;
    private final OrdersBackend backend;

    public PaidCommand(Places places, Shoppers shoppers, OrdersBackend backend) {
        this.places = places;
        this.shoppers = shoppers;
        this.backend = backend;
    }

    @Override
    public String name() {
        return "paid";
    }

    @Override
    public ApplicationCommandRequest definition() {
        return SlashCommand.command("paid", "Tell the shop you paid an order, with your payment's reference")
                .addOption(Options.number())
                .addOption(Options.reference())
                .build();
    }

    @Override
    public Mono<Void> handle(ChatInputInteractionEvent event) {
        String number = Options.string(event, Options.NUMBER);
        String reference = Options.string(event, Options.REFERENCE);
        return places.inShop(event, name(), where -> Replies.deferred(event, where.ephemeral(), shoppers.of(event.getInteraction(), where)
                .flatMap(shopper -> backend.claim(shopper, number, reference)
                        .flatMap(claim -> claim.recorded()
                                ? Mono.just(OrdersView.claimRecorded(claim.order()))
                                : explain(shopper, number, claim)))));
    }

    private Mono<Screen> explain(Shopper shopper, String number, PaymentClaim claim) {
        if (claim.problems().isEmpty()) {
            return Mono.just(OrdersView.notFound(number));
        }
        Problem problem = claim.problems().stream()
                .filter(p -> "PAYMENT_STATE".equals(p.code()))
                .findFirst()
                .orElse(claim.problems().getFirst());
        return switch (problem.code()) {
            case "NOT_FOUND" -> Mono.just(OrdersView.notFound(number));
            case "INVALID_INPUT" -> Mono.just(OrdersView.invalid(number, problem));
            // One code for several reasons: the order as it is now says which.
            case "PAYMENT_STATE" -> backend.order(shopper, number)
                    .map(order -> OrdersView.notClaimable(order, problem))
                    .defaultIfEmpty(OrdersView.notFound(number));
            default -> Mono.just(OrdersView.unexpected(number, problem));
        };
    }
}
