package app.ledgerline.bot.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.ledgerline.bot.support.FakeDiscord;
import app.ledgerline.bot.support.RunningBot;
import app.ledgerline.bot.support.TcpProxy;
import app.ledgerline.bot.support.TestBackend;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The backend goes away while the bot is running and comes back: the bot subscribes again and loses no task. */
class TaskStreamReconnectTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static TestBackend backend;
    static TcpProxy proxy;
    static FakeDiscord discord;
    static RunningBot bot;
    static String roleProduct;

    @BeforeAll
    static void start() {
        backend = TestBackend.get();
        backend.enableVenmo();
        roleProduct = backend.createRoleProduct("TASK-RECONNECT", "Reconnect Pass", 700, "1100000000000000021", 100);
        proxy = new TcpProxy(URI.create(backend.graphqlUrl()).getPort());
        discord = new FakeDiscord();
        bot = RunningBot.start(discord, "http://127.0.0.1:" + proxy.port() + "/graphql", TestBackend.BOT_TOKEN);
        await().atMost(WAIT).until(discord::gatewayReady);
    }

    @AfterAll
    static void stop() {
        if (bot != null) {
            bot.close();
        }
        if (discord != null) {
            discord.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void tasksQueuedDuringABackendOutageArePerformedAfterIt() {
        long first = discord.nextId();
        TestBackend.PlacedOrder before = backend.placeVenmoOrder(first, "lea", roleProduct);
        await().atMost(WAIT).until(() -> backend.taskStatuses(before.number()), s -> s.equals(List.of("SEND_DM/ORDER_RECEIVED=DONE")));

        proxy.stop();
        long second = discord.nextId();
        TestBackend.PlacedOrder during = backend.placeVenmoOrder(second, "max", roleProduct);
        backend.confirmPayment(during);
        assertThat(backend.taskStatuses(during.number())).hasSize(3).allMatch(t -> t.endsWith("=PENDING"));
        proxy.start();

        await().atMost(WAIT).until(() -> backend.taskStatuses(during.number()), s -> s.stream().allMatch(t -> t.endsWith("=DONE")));
        assertThat(discord.dmsTo(second)).hasSize(2);
        assertThat(backend.entitlementStatuses(during.number())).containsExactly("GRANTED");
        assertThat(discord.specViolations()).isEmpty();
    }
}
