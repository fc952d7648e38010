package app.ledgerline.bot.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * One test class's bot: the real bot (Spring + Discord4J) against a fresh fake Discord and the shared in-process
 * backend. Every REST request the bot makes is checked against Discord's OpenAPI spec after each test.
 */
public abstract class BotScenario {

    protected static TestBackend backend;
    protected static FakeDiscord discord;
    protected static RunningBot bot;

    /** Starts the fake Discord and the bot, and waits until the bot is on the gateway. */
    protected static void startBot() {
        backend = TestBackend.get();
        discord = new FakeDiscord();
        bot = RunningBot.start(discord, backend.graphqlUrl(), TestBackend.BOT_TOKEN);
        await().atMost(Duration.ofSeconds(30)).until(discord::gatewayReady);
    }

    @AfterAll
    static void stopBot() {
        if (bot != null) {
            bot.close();
            bot = null;
        }
        if (discord != null) {
            discord.close();
            discord = null;
        }
    }

    @AfterEach
    void everyRequestFollowedDiscordsSpec() {
        assertThat(discord.specViolations()).isEmpty();
    }
}
