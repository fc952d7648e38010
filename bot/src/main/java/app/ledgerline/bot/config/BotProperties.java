package app.ledgerline.bot.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The bot's settings ({@code ledgerline.bot.*}, from the environment variables named in {@code ledgerline-bot.yml}).
 * Bound by hand, not by a {@code @ConfigurationProperties} scan, so that every missing or malformed value is reported
 * together in one message.
 */
public record BotProperties(
        String discordToken,
        long shopGuildId,
        Set<Long> shopChannelIds,
        URI backendUrl,
        String backendToken,
        String discordApiBaseUrl,
        Sharding sharding,
        Duration backendTimeout,
        boolean registerCommands) {

    public enum Sharding {
        /** One shard, gateway URL from {@code GET /gateway}: right for a single shop guild. */
        SINGLE,
        /** Discord's recommended shard count, from {@code GET /gateway/bot}. */
        RECOMMENDED
    }

    public static final String PREFIX = "ledgerline.bot";

    public static BotProperties load(Environment environment) {
        Binder binder = Binder.get(environment);
        List<String> missing = new ArrayList<>();
        List<String> invalid = new ArrayList<>();

        String token = string(binder, "discord-token");
        if (token.isEmpty()) {
            missing.add("DISCORD_TOKEN (" + PREFIX + ".discord-token): the bot token from the Discord developer portal");
        }
        long guildId = 0;
        String guild = string(binder, "shop-guild-id");
        if (guild.isEmpty()) {
            missing.add("LEDGERLINE_SHOP_GUILD_ID (" + PREFIX + ".shop-guild-id): the id of the shop's Discord server");
        } else {
            try {
                guildId = snowflake(guild);
            } catch (IllegalArgumentException e) {
                invalid.add("LEDGERLINE_SHOP_GUILD_ID must be a Discord id (digits), not '" + guild + "'");
            }
        }
        Set<Long> channels = new LinkedHashSet<>();
        String channelList = string(binder, "shop-channel-ids");
        for (String part : channelList.split(",")) {
            String id = part.trim();
            if (id.isEmpty()) {
                continue;
            }
            try {
                channels.add(snowflake(id));
            } catch (IllegalArgumentException e) {
                invalid.add("LEDGERLINE_SHOP_CHANNEL_IDS must be Discord channel ids separated by commas; '" + id + "' is not one");
            }
        }
        if (channels.isEmpty() && channelList.isBlank()) {
            missing.add("LEDGERLINE_SHOP_CHANNEL_IDS (" + PREFIX + ".shop-channel-ids): the shop channel ids, comma separated");
        }
        URI backend = null;
        String backendUrl = string(binder, "backend-url");
        if (backendUrl.isEmpty()) {
            missing.add("LEDGERLINE_BACKEND_URL (" + PREFIX + ".backend-url): the backend's GraphQL endpoint, e.g. http://localhost:8080/graphql");
        } else {
            backend = httpUri(backendUrl, "LEDGERLINE_BACKEND_URL", invalid);
        }
        String backendToken = string(binder, "backend-token");
        if (backendToken.isEmpty()) {
            missing.add("LEDGERLINE_BOT_TOKEN (" + PREFIX + ".backend-token): the backend's BOT bearer token");
        }
        String apiBase = string(binder, "discord-api-base-url");
        if (apiBase.isEmpty()) {
            apiBase = "https://discord.com/api/v10";
        }
        httpUri(apiBase, "DISCORD_API_BASE_URL", invalid);
        apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;

        Sharding sharding = Sharding.SINGLE;
        String shardingValue = string(binder, "sharding");
        if (!shardingValue.isEmpty()) {
            try {
                sharding = Sharding.valueOf(shardingValue.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                invalid.add("LEDGERLINE_BOT_SHARDING must be 'single' or 'recommended', not '" + shardingValue + "'");
            }
        }
        Duration timeout = Duration.ofSeconds(10);
        try {
            timeout = binder.bind(PREFIX + ".backend-timeout", Bindable.of(Duration.class)).orElse(timeout);
        } catch (RuntimeException e) {
            invalid.add("LEDGERLINE_BACKEND_TIMEOUT must be a duration such as 10s");
        }
        boolean register = true;
        try {
            register = binder.bind(PREFIX + ".register-commands", Bindable.of(Boolean.class)).orElse(true);
        } catch (RuntimeException e) {
            invalid.add("LEDGERLINE_REGISTER_COMMANDS must be true or false");
        }

        if (!missing.isEmpty() || !invalid.isEmpty()) {
            throw new MissingConfigurationException(missing, invalid);
        }
        return new BotProperties(token, guildId, Set.copyOf(channels), backend, backendToken, apiBase, sharding, timeout, register);
    }

    private static String string(Binder binder, String name) {
        return binder.bind(PREFIX + "." + name, Bindable.of(String.class)).map(String::trim).orElse("");
    }

    private static long snowflake(String value) {
        if (!value.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException(value);
        }
        return Long.parseUnsignedLong(value);
    }

    private static URI httpUri(String value, String variable, List<String> invalid) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        invalid.add(variable + " must be an http(s) URL, not '" + value + "'");
        return null;
    }

    /** Secrets stay out of logs and error messages. */
    @Override
    public String toString() {
        return "BotProperties[shopGuildId=" + shopGuildId + ", shopChannelIds=" + shopChannelIds + ", backendUrl=" + backendUrl
                + ", discordApiBaseUrl=" + discordApiBaseUrl + ", sharding=" + sharding + ", backendTimeout=" + backendTimeout
                + ", discordToken=<hidden>, backendToken=<hidden>]";
    }
}
