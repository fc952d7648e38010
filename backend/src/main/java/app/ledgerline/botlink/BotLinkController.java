package app.ledgerline.botlink;

import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The bot's side of the task stream: receive tasks, acknowledge them. */
@Controller
class BotLinkController {

    private final BotTaskStream stream;
    private final BotTaskAcks acks;

    BotLinkController(BotTaskStream stream, BotTaskAcks acks) {
        this.stream = stream;
        this.acks = acks;
    }

    @SubscriptionMapping
    @PreAuthorize(Access.STOREFRONT)
    Flux<BotTask> botTasks() {
        return stream.subscribe();
    }

    @MutationMapping
    @PreAuthorize(Access.STOREFRONT)
    Mono<Payload<BotTask>> acknowledgeBotTask(@Argument BotTaskAcks.AckInput input) {
        return Payload.of(acks.acknowledge(input));
    }
}
