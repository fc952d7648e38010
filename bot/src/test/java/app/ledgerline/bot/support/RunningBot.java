package app.ledgerline.bot.support;

import app.ledgerline.bot.BotApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The real bot application (Spring + Discord4J) started against a fake Discord and a backend URL. */
public final class RunningBot implements AutoCloseable {

    public static final long GUILD = 1_100_000_000_000_000_001L;
    public static final long SHOP_CHANNEL = 1_100_000_000_000_000_002L;
    public static final long OTHER_CHANNEL = 1_100_000_000_000_000_003L;

    private final ConfigurableApplicationContext context;

    private RunningBot(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Configured the way an operator does: through the documented environment variable names. */
    public static RunningBot start(FakeDiscord discord, String backendUrl, String backendToken) {
        return new RunningBot(BotApplication.builder().run(
                "--DISCORD_TOKEN=" + FakeDiscord.TOKEN,
                "--LEDGERLINE_SHOP_GUILD_ID=" + GUILD,
                "--LEDGERLINE_SHOP_CHANNEL_IDS=" + SHOP_CHANNEL + ", 1100000000000000099",
                "--LEDGERLINE_BACKEND_URL=" + backendUrl,
                "--LEDGERLINE_BOT_TOKEN=" + backendToken,
                "--DISCORD_API_BASE_URL=" + discord.apiBaseUrl()));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
