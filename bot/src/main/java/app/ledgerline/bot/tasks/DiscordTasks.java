package app.ledgerline.bot.tasks;

import app.ledgerline.bot.config.BotProperties;
import discord4j.discordjson.json.DMCreateRequest;
import discord4j.discordjson.json.MessageCreateRequest;
import discord4j.rest.RestClient;
import discord4j.rest.util.AllowedMentions;
import discord4j.rest.util.MultipartRequest;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Performs one task through Discord's REST API. Every call is idempotent enough for at-least-once delivery: adding a
 * role the member has or removing one they lack changes nothing; a repeated DM is the accepted worst case.
 */
@Component
public class DiscordTasks {

    private final RestClient rest;
    private final long guildId;

    public DiscordTasks(RestClient rest, BotProperties properties) {
        this.rest = rest;
        this.guildId = properties.shopGuildId();
    }

    /** Completes when Discord accepted the call; errors with Discord's {@code ClientException} otherwise. */
    public Mono<Void> perform(BotTask task) {
        return switch (task.kind()) {
            case GRANT_ROLE -> rest.getGuildService()
                    .addGuildMemberRole(guildId, id(task.discordUserId()), id(task.roleId()), task.reason());
            case REVOKE_ROLE -> rest.getGuildService()
                    .removeGuildMemberRole(guildId, id(task.discordUserId()), id(task.roleId()), task.reason());
            case SEND_DM -> rest.getUserService()
                    .createDM(DMCreateRequest.builder().recipientId(task.discordUserId()).build())
                    .flatMap(channel -> send(channel.id().asLong(), task.text(), AllowedMentions.suppressAll()));
            case POST_ANNOUNCEMENT -> send(id(task.channelId()), task.text(), Boolean.TRUE.equals(task.mentionEveryone())
                    ? AllowedMentions.builder().parseType(AllowedMentions.Type.EVERYONE_AND_HERE).build()
                    : AllowedMentions.suppressAll());
        };
    }

    private Mono<Void> send(long channelId, String text, AllowedMentions mentions) {
        MessageCreateRequest message = MessageCreateRequest.builder()
                .content(text == null ? "" : text)
                .allowedMentions(mentions.toData())
                .build();
        return rest.getChannelService().createMessage(channelId, MultipartRequest.ofRequest(message)).then();
    }

    private static long id(String snowflake) {
        if (snowflake == null) {
            throw new IllegalArgumentException("The task has no Discord id where its kind needs one");
        }
        return Long.parseUnsignedLong(snowflake);
    }
}
