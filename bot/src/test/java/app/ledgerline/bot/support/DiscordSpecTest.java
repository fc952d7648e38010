package app.ledgerline.bot.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec check itself: it accepts what Discord accepts, integer strings where integers are typed, and no more. */
class DiscordSpecTest {

    private static final Map<String, List<String>> JSON_HEADERS = Map.of(
            "Content-Type", List.of("application/json"), "Authorization", List.of("Bot x"));

    private static List<String> putCommands(String body) {
        return DiscordSpec.problems("PUT", "/api/v10/applications/123/commands", Map.of(), JSON_HEADERS, body);
    }

    @Test
    void acceptsAValidCommandList() {
        assertThat(putCommands("[{\"name\":\"shop\",\"description\":\"Browse\",\"type\":1,\"integration_types\":[0,1],\"contexts\":[0,1,2]}]"))
                .isEmpty();
    }

    @Test
    void acceptsIntegerStringsWhereTheSpecTypesIntegersButNothingLooser() {
        assertThat(putCommands("[{\"name\":\"shop\",\"description\":\"Browse\",\"default_member_permissions\":\"8\"}]")).isEmpty();
        assertThat(putCommands("[{\"name\":\"shop\",\"description\":\"Browse\",\"contexts\":[\"0\",\"1\"]}]")).isEmpty();
        assertThat(putCommands("[{\"name\":\"shop\",\"description\":\"Browse\",\"default_member_permissions\":\"eight\"}]")).isNotEmpty();
        assertThat(putCommands("[{\"name\":\"shop\",\"description\":\"Browse\",\"contexts\":[\"7\"]}]")).isNotEmpty();
    }

    @Test
    void rejectsWhatDiscordRejects() {
        assertThat(putCommands("[{\"name\":\"" + "x".repeat(40) + "\",\"description\":\"Browse\"}]")).isNotEmpty();
        assertThat(putCommands("[{\"description\":\"no name\"}]")).isNotEmpty();
        assertThat(DiscordSpec.problems("POST", "/api/v10/interactions/1/tok/callback", Map.of(), JSON_HEADERS,
                "{\"type\":4,\"data\":{\"content\":\"" + "x".repeat(2001) + "\"}}")).isNotEmpty();
        assertThat(DiscordSpec.problems("GET", "/api/v10/no/such/route", Map.of(), Map.of(), null)).isNotEmpty();
    }
}
