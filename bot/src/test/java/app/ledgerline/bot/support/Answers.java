package app.ledgerline.bot.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** What the bot answered to one interaction, read from the fake Discord's recorded requests. */
public final class Answers {

    private Answers() {
    }

    /** The interaction callback (the acknowledgement: reply, deferral, update or form). */
    public static JsonNode callback(FakeDiscord discord, Interactions.Sent sent) {
        String path = "/api/v10/interactions/" + sent.id() + "/" + sent.token() + "/callback";
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.requests(r -> r.method().equals("POST") && r.path().equals(path)), list -> !list.isEmpty())
                .getFirst().json();
    }

    /** The path of the interaction's original message (its reply) on the fake. */
    public static String originalPath(Interactions.Sent sent) {
        return "/api/v10/webhooks/" + FakeDiscord.APPLICATION_ID + "/" + sent.token() + "/messages/@original";
    }

    /** The answer edited into the original message after a deferral. */
    public static JsonNode original(FakeDiscord discord, Interactions.Sent sent) {
        String path = originalPath(sent);
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> discord.requests(r -> r.method().equals("PATCH") && r.path().equals(path)), list -> !list.isEmpty())
                .getFirst().json();
    }

    /** Every component custom id of a message or form, row by row, in order. */
    public static List<String> customIds(JsonNode message) {
        List<String> ids = new ArrayList<>();
        message.path("components").forEach(row -> row.path("components").forEach(component -> {
            if (component.has("custom_id")) {
                ids.add(component.get("custom_id").asString());
            }
        }));
        return ids;
    }

    /** The custom id that starts with {@code prefix}; fails when there is none. */
    public static String customId(JsonNode message, String prefix) {
        return customIds(message).stream().filter(id -> id.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + prefix + "* in " + message));
    }

    /** The component with this custom id. */
    public static JsonNode component(JsonNode message, String customId) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode component : row.path("components")) {
                if (customId.equals(component.path("custom_id").asString(null))) {
                    return component;
                }
            }
        }
        throw new AssertionError("no component " + customId + " in " + message);
    }

    /** The values of a select menu's options, in order. */
    public static List<String> optionValues(JsonNode menu) {
        List<String> values = new ArrayList<>();
        menu.path("options").forEach(option -> values.add(option.get("value").asString()));
        return values;
    }
}
