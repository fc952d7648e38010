package app.ledgerline.bot.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TaskOutcomeTest {

    @Test
    void theWebSocketEndpointIsTheBackendUrlWithAWebSocketScheme() {
        assertThat(BotTaskConsumer.webSocketUrl(URI.create("http://localhost:8080/graphql")))
                .isEqualTo(URI.create("ws://localhost:8080/graphql"));
        assertThat(BotTaskConsumer.webSocketUrl(URI.create("https://shop.example/api/graphql")))
                .isEqualTo(URI.create("wss://shop.example/api/graphql"));
    }

    @Test
    void aFailureWithoutADiscordAnswerHasNoCode() {
        TaskOutcome outcome = TaskOutcome.failed(new TimeoutException());
        assertThat(outcome.success()).isFalse();
        assertThat(outcome.discordErrorCode()).isNull();
        assertThat(outcome.httpStatus()).isNull();
        assertThat(outcome.message()).isEqualTo("Discord did not answer in time");
    }
}
