package app.ledgerline.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ledgerline.bot.BotApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class BotPropertiesTest {

    @Test
    void theBotRefusesToStartAndListsEverythingMissing() {
        SpringApplication application = BotApplication.builder().build();
        // Only the token is given, through its documented variable: the config file maps it, the rest is reported.
        assertThatThrownBy(() -> application.run("--DISCORD_TOKEN=abc"))
                .hasRootCauseInstanceOf(MissingConfigurationException.class)
                .rootCause()
                .satisfies(e -> {
                    MissingConfigurationException missing = (MissingConfigurationException) e;
                    assertThat(String.join("\n", missing.missing()))
                            .contains("LEDGERLINE_SHOP_GUILD_ID", "LEDGERLINE_SHOP_CHANNEL_IDS", "LEDGERLINE_BACKEND_URL", "LEDGERLINE_BOT_TOKEN")
                            .doesNotContain("DISCORD_TOKEN (");
                    assertThat(e.getMessage()).startsWith("The Ledgerline bot cannot start. Missing configuration:")
                            .doesNotContain("abc");
                });
    }

    @Test
    void malformedValuesAreReportedTogether() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("ledgerline.bot.discord-token", "t")
                .withProperty("ledgerline.bot.shop-guild-id", "my-guild")
                .withProperty("ledgerline.bot.shop-channel-ids", "1, two")
                .withProperty("ledgerline.bot.backend-url", "localhost:8080")
                .withProperty("ledgerline.bot.backend-token", "b");
        assertThatThrownBy(() -> BotProperties.load(env))
                .isInstanceOfSatisfying(MissingConfigurationException.class, e -> assertThat(e.invalid()).hasSize(3));
    }

    @Test
    void validSettingsBindAndHideTheSecrets() {
        MockEnvironment env = new MockEnvironment()
                .withProperty("ledgerline.bot.discord-token", "secret-discord")
                .withProperty("ledgerline.bot.shop-guild-id", "123")
                .withProperty("ledgerline.bot.shop-channel-ids", "4,5")
                .withProperty("ledgerline.bot.backend-url", "http://localhost:8080/graphql")
                .withProperty("ledgerline.bot.backend-token", "secret-backend");
        BotProperties properties = BotProperties.load(env);
        assertThat(properties.shopChannelIds()).containsExactlyInAnyOrder(4L, 5L);
        assertThat(properties.discordApiBaseUrl()).isEqualTo("https://discord.com/api/v10");
        assertThat(properties.toString()).doesNotContain("secret");
    }
}
