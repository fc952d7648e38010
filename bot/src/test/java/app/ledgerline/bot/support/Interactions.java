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

    /** Who pressed and where: a member in a guild channel, or a user in their DM with the bot. */
    public record Actor(Long guild, long channel, String user, List<String> roles) {

        public static Actor inGuild(long guild, long channel, String user, List<String> roles) {
            return new Actor(guild, channel, user, roles);
        }

        public static Actor inDm(long dmChannel, String user) {
            return new Actor(null, dmChannel, user, List.of());
        }
    }

    /** A button press on an earlier message of the bot. */
    public static Sent button(FakeDiscord discord, Actor actor, String customId) {
        return component(discord, actor, 3, "{\"custom_id\":\"%s\",\"component_type\":2}".formatted(customId));
    }

    /** A choice in a string select menu of an earlier message of the bot. */
    public static Sent select(FakeDiscord discord, Actor actor, String customId, List<String> values) {
        return component(discord, actor, 3, "{\"custom_id\":\"%s\",\"component_type\":3,\"values\":[%s]}"
                .formatted(customId, quoted(values)));
    }

    /** A submitted form (modal) opened from a message of the bot; {@code inputs} maps text input ids to what was typed. */
    public static Sent modal(FakeDiscord discord, Actor actor, String customId, java.util.Map<String, String> inputs) {
        String rows = inputs.entrySet().stream()
                .map(input -> "{\"type\":1,\"components\":[{\"type\":4,\"custom_id\":\"%s\",\"value\":%s}]}"
                        .formatted(input.getKey(), jsonString(input.getValue())))
                .collect(Collectors.joining(","));
        return component(discord, actor, 5, "{\"custom_id\":\"%s\",\"components\":[%s]}".formatted(customId, rows));
    }

    private static Sent component(FakeDiscord discord, Actor actor, int type, String data) {
        long id = discord.nextId();
        String token = "tok" + id;
        String where = actor.guild() != null
                ? """
                  "guild_id":"%d","channel_id":"%d","channel":{"id":"%d","type":0,"guild_id":"%d","name":"a-channel"},
                  "member":{"user":%s,"roles":[%s],"joined_at":"2024-01-01T00:00:00.000000+00:00","premium_since":null,
                            "deaf":false,"mute":false,"flags":0,"pending":false,"nick":null,"avatar":null,"permissions":"2248473465835073"},
                  "guild_locale":"en-US","authorizing_integration_owners":{"0":"%d"},"context":0,"""
                        .formatted(actor.guild(), actor.channel(), actor.channel(), actor.guild(), actor.user(), quoted(actor.roles()), actor.guild())
                : """
                  "channel_id":"%d","channel":{"id":"%d","type":1,"recipients":[%s]},"user":%s,
                  "authorizing_integration_owners":{"1":"%s"},"context":1,"""
                        .formatted(actor.channel(), actor.channel(), actor.user(), actor.user(), idOf(actor.user()));
        String json = """
                {"id":"%d","application_id":"%d","type":%d,"token":"%s","version":1,%s
                 "message":{"id":"%d","channel_id":"%d","author":{"id":"%d","username":"ledgerline","discriminator":"0","global_name":null,"avatar":null,"bot":true},
                            "content":"","timestamp":"2025-01-01T00:00:00.000000+00:00","edited_timestamp":null,"tts":false,
                            "mention_everyone":false,"mentions":[],"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,
                            "type":20,"flags":%d,"components":[]},
                 "data":%s,
                 "app_permissions":"2248473465835073","locale":"en-US","entitlements":[]}"""
                .formatted(id, FakeDiscord.APPLICATION_ID, type, token, where, discord.nextId(), actor.channel(), FakeDiscord.BOT_ID,
                        actor.guild() != null ? 64 : 0, data);
        return new Sent(id, token, json);
    }

    private static String idOf(String userJson) {
        int start = userJson.indexOf("\"id\":\"") + 6;
        return userJson.substring(start, userJson.indexOf('"', start));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(","));
    }

    /** A slash command with string options ({@code name → value}, type 3) in a guild channel, by a member with these roles. */
    public static Sent slashWithOptionsInGuild(FakeDiscord discord, String command, java.util.Map<String, String> options, long guild,
                                               long channel, String user, List<String> roles) {
        return withOptions(slashInGuild(discord, command, guild, channel, user, roles), command, options);
    }

    /** A slash command with string options ({@code name → value}, type 3) in the user's DM with the bot. */
    public static Sent slashWithOptionsInDm(FakeDiscord discord, String command, java.util.Map<String, String> options, long userId, String user) {
        return withOptions(slashInDm(discord, command, userId, user), command, options);
    }

    private static Sent withOptions(Sent sent, String command, java.util.Map<String, String> options) {
        String plain = "\"name\":\"" + command + "\",\"type\":1}";
        String values = options.entrySet().stream()
                .map(option -> "{\"name\":\"%s\",\"type\":3,\"value\":%s}".formatted(option.getKey(), jsonString(option.getValue())))
                .collect(Collectors.joining(","));
        String json = sent.json().replace(plain, "\"name\":\"" + command + "\",\"type\":1,\"options\":[" + values + "]}");
        if (json.equals(sent.json())) {
            throw new IllegalStateException("no command data in " + sent.json());
        }
        return new Sent(sent.id(), sent.token(), json);
    }

    private static String jsonString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> out.append(c < 0x20 ? "\\u%04x".formatted((int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    /** A press on a button of an earlier ephemeral message, in a guild channel. */
    public static Sent buttonInGuild(FakeDiscord discord, String customId, long guild, long channel, String user, List<String> roles) {
        Sent select = selectInGuild(discord, customId, List.of(), guild, channel, user, roles);
        String json = select.json().replace("\"component_type\":3,\"values\":[]", "\"component_type\":2");
        if (json.equals(select.json())) {
            throw new IllegalStateException("no component data in " + select.json());
        }
        return new Sent(select.id(), select.token(), json);
    }
}
