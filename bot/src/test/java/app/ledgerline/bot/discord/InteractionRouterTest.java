package app.ledgerline.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import discord4j.rest.route.Routes;
import org.junit.jupiter.api.Test;

/** Which requests skip Discord4J's bucket queues and global limiter: only the answers to interactions. */
class InteractionRouterTest {

    static final long APPLICATION = 1_300_000_000_000_000_001L;
    static final String TOKEN = "aW50ZXJhY3Rpb246MTIz.token";

    @Test
    void theCallbackAndTheRepliesOfAnInteractionAnswerIt() {
        assertThat(InteractionRouter.answersInteraction(Routes.INTERACTION_RESPONSE_CREATE.newRequest(42L, TOKEN), APPLICATION)).isTrue();
        assertThat(InteractionRouter.answersInteraction(Routes.WEBHOOK_MESSAGE_EDIT.newRequest(APPLICATION, TOKEN, "@original"), APPLICATION)).isTrue();
        assertThat(InteractionRouter.answersInteraction(Routes.WEBHOOK_MESSAGE_DELETE.newRequest(APPLICATION, TOKEN, "@original"), APPLICATION)).isTrue();
        assertThat(InteractionRouter.answersInteraction(Routes.WEBHOOK_EXECUTE.newRequest(APPLICATION, TOKEN), APPLICATION)).isTrue();
    }

    @Test
    void everythingElseKeepsDiscord4jsQueuesAndGlobalLimit() {
        long otherWebhook = 1_300_000_000_000_000_777L;
        assertThat(InteractionRouter.answersInteraction(Routes.WEBHOOK_EXECUTE.newRequest(otherWebhook, "secret"), APPLICATION)).isFalse();
        assertThat(InteractionRouter.answersInteraction(Routes.WEBHOOK_GET.newRequest(APPLICATION), APPLICATION)).isFalse();
        assertThat(InteractionRouter.answersInteraction(Routes.GUILD_MEMBER_GET.newRequest(1L, 2L), APPLICATION)).isFalse();
        assertThat(InteractionRouter.answersInteraction(Routes.GUILD_MEMBER_ROLE_ADD.newRequest(1L, 2L, 3L), APPLICATION)).isFalse();
        assertThat(InteractionRouter.answersInteraction(Routes.MESSAGE_CREATE.newRequest(5L), APPLICATION)).isFalse();
    }
}
