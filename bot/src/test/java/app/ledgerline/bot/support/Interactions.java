package app.ledgerline.bot.support;

import java.util.List;
import java.util.stream.Collectors;

/** INTERACTION_CREATE payloads as Discord sends them over the gateway. */
public final class Interactions {

    private Interactions() {
    }

    public record Sent(long id, String token, String json) {
    }

    public static String user(long id, String username) {
        return "{\"id\":\"%d\",\"username\":\"%s\",\"discriminator\":\"0\",\"global_name\":\"%s\",\"avatar\":null}"
                .formatted(id, username, username.toUpperCase());
    }

    /** A slash command in a guild channel, by a member with these roles. */
    public static Sent slashInGuild(FakeDiscord discord, String command, long guild, long channel, String user, List<String> roles) {
        long id = discord.nextId();
        String token = "tok" + id;
        String json = """
                {"id":"%d","application_id":"%d","type":2,"token":"%s","version":1,
                 "guild_id":"%d","channel_id":"%d","channel":{"id":"%d","type":0,"guild_id":"%d","name":"a-channel"},
                 "member":{"user":%s,"roles":[%s],"joined_at":"2024-01-01T00:00:00.000000+00:00","premium_since":null,
                           "deaf":false,"mute":false,"flags":0,"pending":false,"nick":null,"avatar":null,"permissions":"2248473465835073"},
                 "data":{"id":"%d","name":"%s","type":1},
                 "app_permissions":"2248473465835073","locale":"en-US","guild_locale":"en-US","entitlements":[],
                 "authorizing_integration_owners":{"0":"%d"},"context":0}"""
                .formatted(id, FakeDiscord.APPLICATION_ID, token, guild, channel, channel, guild, user, quoted(roles),
                        discord.nextId(), command, guild);
        return new Sent(id, token, json);
    }

    /** A slash command in the user's DM with the bot: no guild, no member. */
    public static Sent slashInDm(FakeDiscord discord, String command, long userId, String user) {
        long id = discord.nextId();
        String token = "tok" + id;
        long channel = discord.nextId();
        String json = """
                {"id":"%d","application_id":"%d","type":2,"token":"%s","version":1,
                 "channel_id":"%d","channel":{"id":"%d","type":1,"recipients":[%s]},
                 "user":%s,
                 "data":{"id":"%d","name":"%s","type":1},
                 "app_permissions":"2248473465835073","locale":"en-US","entitlements":[],
                 "authorizing_integration_owners":{"1":"%d"},"context":1}"""
                .formatted(id, FakeDiscord.APPLICATION_ID, token, channel, channel, user, user, discord.nextId(), command, userId);
        return new Sent(id, token, json);
    }

    /** A choice in a string select menu of an earlier ephemeral message, in a guild channel. */
    public static Sent selectInGuild(FakeDiscord discord, String customId, List<String> values, long guild, long channel,
                                     String user, List<String> roles) {
        long id = discord.nextId();
        String token = "tok" + id;
        String json = """
                {"id":"%d","application_id":"%d","type":3,"token":"%s","version":1,
                 "guild_id":"%d","channel_id":"%d","channel":{"id":"%d","type":0,"guild_id":"%d","name":"a-channel"},
                 "member":{"user":%s,"roles":[%s],"joined_at":"2024-01-01T00:00:00.000000+00:00","premium_since":null,
                           "deaf":false,"mute":false,"flags":0,"pending":false,"nick":null,"avatar":null,"permissions":"2248473465835073"},
                 "message":{"id":"%d","channel_id":"%d","author":{"id":"%d","username":"ledgerline","discriminator":"0","global_name":null,"avatar":null,"bot":true},
                            "content":"","timestamp":"2025-01-01T00:00:00.000000+00:00","edited_timestamp":null,"tts":false,
                            "mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,
                            "type":20,"flags":64,"components":[]},
                 "data":{"custom_id":"%s","component_type":3,"values":[%s]},
                 "app_permissions":"2248473465835073","locale":"en-US","guild_locale":"en-US","entitlements":[],
                 "authorizing_integration_owners":{"0":"%d"},"context":0}"""
                .formatted(id, FakeDiscord.APPLICATION_ID, token, guild, channel, channel, guild, user, quoted(roles),
                        discord.nextId(), channel, FakeDiscord.BOT_ID, customId, quoted(values), guild);
        return new Sent(id, token, json);
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    /** A press of a button of an earlier ephemeral message, in a guild channel. */
    public static Sent buttonInGuild(FakeDiscord discord, String customId, long guild, long channel, String user, List<String> roles) {
        long id = discord.nextId();
        String token = "tok" + id;
        String json = """
                {"id":"%d","application_id":"%d","type":3,"token":"%s","version":1,
                 "guild_id":"%d","channel_id":"%d","channel":{"id":"%d","type":0,"guild_id":"%d","name":"a-channel"},
                 "member":{"user":%s,"roles":[%s],"joined_at":"2024-01-01T00:00:00.000000+00:00","premium_since":null,
                           "deaf":false,"mute":false,"flags":0,"pending":false,"nick":null,"avatar":null,"permissions":"2248473465835073"},
                 "message":{"id":"%d","channel_id":"%d","author":{"id":"%d","username":"ledgerline","discriminator":"0","global_name":null,"avatar":null,"bot":true},
                            "content":"","timestamp":"2025-01-01T00:00:00.000000+00:00","edited_timestamp":null,"tts":false,
                            "mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,
                            "type":20,"flags":64,"components":[]},
                 "data":{"custom_id":"%s","component_type":2},
                 "app_permissions":"2248473465835073","locale":"en-US","guild_locale":"en-US","entitlements":[],
                 "authorizing_integration_owners":{"0":"%d"},"context":0}"""
                .formatted(id, FakeDiscord.APPLICATION_ID, token, guild, channel, channel, guild, user, quoted(roles),
                        discord.nextId(), channel, FakeDiscord.BOT_ID, customId, guild);
        return new Sent(id, token, json);
    }
}
