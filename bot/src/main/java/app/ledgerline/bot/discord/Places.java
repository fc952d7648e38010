package app.ledgerline.bot.discord;

import app.ledgerline.bot.config.BotProperties;
import discord4j.common.util.Snowflake;
import discord4j.core.event.domain.interaction.DeferrableInteractionEvent;
import discord4j.core.object.command.Interaction;
import discord4j.discordjson.Id;
import discord4j.discordjson.json.InteractionData;
import discord4j.discordjson.possible.Possible;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Decides {@link Where} an interaction happened, from its guild, channel and Discord's interaction context. */
@Component
public class Places {

    /** Interaction context types: 0 guild, 1 the bot's DM, 2 a private channel of other users. */
    static final int CONTEXT_PRIVATE_CHANNEL = 2;

    private final BotProperties properties;

    public Places(BotProperties properties) {
        this.properties = properties;
    }

    public Where of(Interaction interaction) {
        InteractionData data = interaction.getData();
        Optional<Snowflake> guild = interaction.getGuildId();
        if (guild.isPresent()) {
            if (guild.get().asLong() != properties.shopGuildId()) {
                return new Where(Where.Kind.ELSEWHERE, true);
            }
            long channel = interaction.getChannelId().asLong();
            Optional<Long> parent = data.channel().toOptional()
                    .flatMap(c -> Possible.flatOpt(c.parentId()))
                    .map(Id::asLong);
            boolean shop = properties.shopChannelIds().contains(channel)
                    || parent.filter(properties.shopChannelIds()::contains).isPresent();
            return new Where(shop ? Where.Kind.SHOP_CHANNEL : Where.Kind.SHOP_GUILD_OTHER_CHANNEL, true);
        }
        if (data.context().toOptional().orElse(1) == CONTEXT_PRIVATE_CHANNEL) {
            return new Where(Where.Kind.ELSEWHERE, true);
        }
        return new Where(Where.Kind.BOT_DM, false);
    }

    /** "<#1> or <#2>": the shop channels as Discord mentions. */
    public String shopChannelMentions() {
        return properties.shopChannelIds().stream().sorted()
                .map(id -> "<#" + Long.toUnsignedString(id) + ">")
                .collect(Collectors.joining(" or "));
    }

    /**
     * Answers a shopper's command or button with {@code answer} where the shop serves shoppers; in another channel of
     * the shop guild, with the private {@link #pointer} to the shop channel for {@code command} instead.
     */
    public Mono<Void> inShop(DeferrableInteractionEvent event, String command, Function<Where, Mono<Void>> answer) {
        Where where = of(event.getInteraction());
        return where.kind() == Where.Kind.SHOP_GUILD_OTHER_CHANNEL ? Replies.now(event, true, pointer(command)) : answer.apply(where);
    }

    /** The private answer to a shop command (or a button of one) used in another channel of the shop guild. */
    public Screen pointer(String command) {
        return Screen.text("🛒 The shop is open in " + shopChannelMentions()
                + ". Run `/" + command + "` there, or in a DM with me. Only you will see my answers.");
    }
}
