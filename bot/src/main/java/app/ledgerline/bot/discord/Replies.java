package app.ledgerline.bot.discord;

import app.ledgerline.bot.backend.BackendException;
import discord4j.core.event.domain.interaction.ComponentInteractionEvent;
import discord4j.core.event.domain.interaction.DeferrableInteractionEvent;
import discord4j.core.spec.InteractionApplicationCommandCallbackSpec;
import discord4j.core.spec.InteractionReplyEditSpec;
import discord4j.rest.util.AllowedMentions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * How the bot answers: acknowledge first (a deferred reply, within Discord's 3 seconds, before any backend call),
 * then edit the answer in; any failure becomes a clear private message instead of silence. Mentions never ping.
 */
public final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    public static final String BACKEND_DOWN = "⚠️ The shop can't be reached right now, so nothing was changed. "
            + "Please try again in a minute.";
    public static final String BACKEND_ERROR = "⚠️ The shop couldn't handle that request, so nothing was changed. "
            + "Please try again; if it keeps happening, let the shop staff know.";
    public static final String DISCORD_ERROR = "⚠️ Something went wrong on our side. Please try again in a minute.";

    private Replies() {
    }

    /** Replies at once (no backend call needed). */
    public static Mono<Void> now(DeferrableInteractionEvent event, boolean ephemeral, Screen screen) {
        return event.reply(InteractionApplicationCommandCallbackSpec.builder()
                        .content(screen.content())
                        .components(screen.components())
                        .ephemeral(ephemeral)
                        .allowedMentions(AllowedMentions.suppressAll())
                        .build())
                .onErrorResume(e -> logged(event, e));
    }

    /** Defers a new reply (ephemeral or not), then edits the work's screen into it. */
    public static Mono<Void> deferred(DeferrableInteractionEvent event, boolean ephemeral, Mono<Screen> work) {
        return event.deferReply().withEphemeral(ephemeral)
                .then(Mono.defer(() -> safely(event, work)))
                .flatMap(screen -> edit(event, screen))
                .onErrorResume(e -> logged(event, e));
    }

    /** Acknowledges a button or menu on an existing message, then edits that message to the work's screen. */
    public static Mono<Void> updating(ComponentInteractionEvent event, Mono<Screen> work) {
        return event.deferEdit()
                .then(Mono.defer(() -> safely(event, work)))
                .flatMap(screen -> edit(event, screen))
                .onErrorResume(e -> logged(event, e));
    }

    private static Mono<Screen> safely(DeferrableInteractionEvent event, Mono<Screen> work) {
        return work.onErrorResume(e -> {
            log.warn("Interaction {} failed: {}", event.getInteraction().getId().asString(), e.toString());
            return Mono.just(Screen.text(messageFor(e)));
        });
    }

    public static String messageFor(Throwable e) {
        if (e instanceof BackendException backend) {
            return backend.kind() == BackendException.Kind.UNAVAILABLE ? BACKEND_DOWN : BACKEND_ERROR;
        }
        return DISCORD_ERROR;
    }

    private static Mono<Void> edit(DeferrableInteractionEvent event, Screen screen) {
        return event.editReply(InteractionReplyEditSpec.builder()
                        .contentOrNull(screen.content())
                        .componentsOrNull(screen.components())
                        .allowedMentionsOrNull(AllowedMentions.suppressAll())
                        .build())
                .then();
    }

    private static Mono<Void> logged(DeferrableInteractionEvent event, Throwable e) {
        log.warn("Could not answer interaction {}: {}", event.getInteraction().getId().asString(), e.toString());
        return Mono.empty();
    }
}
