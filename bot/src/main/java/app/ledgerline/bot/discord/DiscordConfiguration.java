package app.ledgerline.bot.discord;

import app.ledgerline.bot.config.BotProperties;
import discord4j.core.DiscordClient;
import discord4j.core.DiscordClientBuilder;
import discord4j.rest.request.RouterOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DiscordConfiguration {

    /**
     * Discord's REST API at the configured base URL (Discord's own, a REST proxy, or a test fake). Connects nothing yet.
     * Answers to interactions bypass Discord4J's per-bucket queues and global limiter ({@link InteractionRouter}).
     */
    @Bean
    DiscordClient discordClient(BotProperties properties) {
        return DiscordClientBuilder.create(properties.discordToken())
                .setExtraOptions(options -> new RouterOptions(options.getToken(), options.getReactorResources(),
                        options.getExchangeStrategies(), options.getResponseTransformers(), options.getGlobalRateLimiter(),
                        options.getRequestQueueFactory(), properties.discordApiBaseUrl()))
                .build(InteractionRouter::new);
    }
}
