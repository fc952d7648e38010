package app.ledgerline.bot.discord;

import app.ledgerline.bot.backend.Shopper;
import app.ledgerline.bot.config.BotProperties;
import discord4j.common.util.Snowflake;
import discord4j.core.object.command.Interaction;
import discord4j.core.object.entity.Member;
import discord4j.core.object.entity.User;
import discord4j.discordjson.Id;
import discord4j.rest.RestClient;
import discord4j.rest.http.client.ClientException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The acting user as a {@link Shopper}: in the shop channel their roles come with the interaction; anywhere else
 * (a DM, another server) they are looked up in the shop guild, and a user who is not a member there has no roles.
 */
@Component
public class Shoppers {

    private final RestClient rest;
    private final BotProperties properties;

    public Shoppers(RestClient rest, BotProperties properties) {
        this.rest = rest;
        this.properties = properties;
    }

    public Mono<Shopper> of(Interaction interaction, Where where) {
        User user = interaction.getUser();
        String userId = user.getId().asString();
        String globalName = user.getUserData().globalName().orElse(null);
        if (!where.needsMemberLookup()) {
            Optional<Member> member = interaction.getMember();
            if (member.isPresent()) {
                List<String> roles = member.get().getRoleIds().stream().map(Snowflake::asString).toList();
                return Mono.just(new Shopper(userId, user.getUsername(), member.get().getDisplayName(), roles));
            }
        }
        return rest.getGuildService().getGuildMember(properties.shopGuildId(), user.getId().asLong())
                .map(member -> new Shopper(userId, user.getUsername(),
                        discord4j.discordjson.possible.Possible.flatOpt(member.nick()).orElse(globalName),
                        member.roles().stream().map(Id::asString).toList()))
                .onErrorResume(ClientException.isStatusCode(404),
                        notMember -> Mono.just(new Shopper(userId, user.getUsername(), globalName, List.of())));
    }

    /** The acting user without their roles, for operations that do not depend on them (saved addresses). */
    public Mono<Shopper> basic(Interaction interaction) {
        User user = interaction.getUser();
        String displayName = interaction.getMember().map(Member::getDisplayName)
                .orElse(user.getUserData().globalName().orElse(null));
        return Mono.just(new Shopper(user.getId().asString(), user.getUsername(), displayName, List.of()));
    }
}
