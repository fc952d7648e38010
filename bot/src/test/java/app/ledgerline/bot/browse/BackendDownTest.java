package app.ledgerline.bot.browse;

import static app.ledgerline.bot.support.RunningBot.GUILD;
import static app.ledgerline.bot.support.RunningBot.SHOP_CHANNEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.bot.discord.Replies;
import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.Interactions;
import app.ledgerline.bot.support.RunningBot;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With the backend unreachable, {@code /shop} is still acknowledged and answered with a clear private message. */
class BackendDownTest {

    static FakeDiscord discord;
    static RunningBot bot;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        discord = new FakeDiscord();
        bot = RunningBot.start(discord, "http://127.0.0.1:" + closedPort + "/graphql", "unused-token");
        await().atMost(Duration.ofSeconds(30)).until(discord::gatewayReady);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @Test
    void backendDownGivesAClearPrivateError() {
        var sent = Interactions.slashInGuild(discord, "shop", GUILD, SHOP_CHANNEL, Interactions.user(discord.nextId(), "hal"), List.of());
        discord.dispatch("INTERACTION_CREATE", sent.json());
        String callbackPath = "/api/v10/interactions/" + sent.id() + "/" + sent.token() + "/callback";
        String originalPath = "/api/v10/webhooks/" + FakeDiscord.APPLICATION_ID + "/" + sent.token() + "/messages/@original";
        JsonNode callback = await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.requests(r -> r.path().equals(callbackPath)), l -> !l.isEmpty()).getFirst().json();
        assertThat(callback.at("/data/flags").asInt()).isEqualTo(64);
        JsonNode reply = await().atMost(Duration.ofSeconds(30))
                .until(() -> discord.requests(r -> r.path().equals(originalPath)), l -> !l.isEmpty()).getFirst().json();
        assertThat(reply.get("content").asString()).isEqualTo(Replies.BACKEND_DOWN);
        assertThat(discord.specViolations()).isEmpty();
    }
}
