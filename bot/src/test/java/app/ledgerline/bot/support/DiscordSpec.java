package app.ledgerline.bot.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Discord's OpenAPI spec ({@code shared/discord/openapi.json} beside the repository), loaded once per test JVM
 * (about 30 s), checking each REST request the bot makes.
 *
 * <p>One tolerance, the one the spec's own notes and Discord's documentation give: where the spec types a body value as
 * an integer, Discord also accepts a string holding an integer (Discord4J sends {@code default_member_permissions}
 * that way, for one). Such a string is turned into the number it holds and the request is validated again against the
 * unchanged spec, so ranges and formats still apply; nothing else is relaxed.
 */
public final class DiscordSpec {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OpenApiInteractionValidator validator;
    private static Path location;

    private DiscordSpec() {
    }

    /** Set to {@code false} (only the interaction benchmark does) to skip validation: no spec is loaded, nothing is rejected. */
    public static final String VALIDATE_PROPERTY = "ledgerline.discord-spec.validate";

    /** Whether requests are validated: always, unless {@link #VALIDATE_PROPERTY} is {@code false}. */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(VALIDATE_PROPERTY));
    }

    /** Walks up from the working directory to the directory holding {@code shared/discord/openapi.json}. */
    public static synchronized Path location() {
        if (location == null) {
            String configured = System.getenv("DISCORD_OPENAPI_SPEC");
            if (configured != null && !configured.isBlank()) {
                location = Path.of(configured).toAbsolutePath();
            } else {
                for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                    Path candidate = dir.resolve("shared/discord/openapi.json");
                    if (Files.isRegularFile(candidate)) {
                        location = candidate;
                        break;
                    }
                }
            }
            if (location == null || !Files.isRegularFile(location)) {
                throw new IllegalStateException("Discord's OpenAPI spec not found: expected shared/discord/openapi.json next to the "
                        + "repository (walked up from " + Path.of("").toAbsolutePath() + "), or DISCORD_OPENAPI_SPEC");
            }
        }
        return location;
    }

    public static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForSpecificationUrl(location().toUri().toString()).build();
        }
        return validator;
    }

    /** The problems the spec finds with this request; empty when Discord would accept it. */
    public static List<String> problems(String method, String path, Map<String, List<String>> query,
                                        Map<String, List<String>> headers, String body) {
        if (!enabled()) {
            return List.of();
        }
        String current = body;
        for (int round = 0; round < 20; round++) {
            ValidationReport report = validator().validateRequest(request(method, path, query, headers, current));
            if (!report.hasErrors()) {
                return List.of();
            }
            String converted = current == null || current.isBlank() ? null : integerStringsAsNumbers(current, report);
            if (converted == null) {
                List<String> problems = new ArrayList<>();
                report.getMessages().stream()
                        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .forEach(m -> describe(m, "", problems));
                return problems;
            }
            current = converted;
        }
        return List.of("too many integer strings to convert");
    }

    private static void describe(ValidationReport.Message message, String indent, List<String> out) {
        out.add(indent + message.getKey() + ": " + message.getMessage());
        message.getNestedMessages().forEach(nested -> describe(nested, indent + "  ", out));
    }

    private static Request request(String method, String path, Map<String, List<String>> query,
                                   Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
        query.forEach(builder::withQueryParam);
        headers.forEach(builder::withHeader);
        if (body != null && !body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }

    /**
     * The body with every string the report says should have been an integer, and that holds one, turned into that
     * number; null when there is no such string (the report stands).
     */
    static String integerStringsAsNumbers(String body, ValidationReport report) {
        JsonNode root = JSON.readTree(body);
        List<String> pointers = new ArrayList<>();
        report.getMessages().forEach(m -> collectIntegerTypeErrors(m, pointers));
        boolean changed = false;
        for (String pointer : pointers) {
            JsonPointer at = JsonPointer.compile(pointer);
            JsonNode value = root.at(at);
            if (!value.isString() || !INTEGER.matcher(value.asString()).matches()) {
                continue;
            }
            JsonNode parent = root.at(at.head());
            String last = at.last().getMatchingProperty();
            BigInteger number = new BigInteger(value.asString());
            if (parent instanceof ObjectNode object) {
                object.put(last, number);
                changed = true;
            } else if (parent instanceof ArrayNode array) {
                array.set(at.last().getMatchingIndex(), JSON.getNodeFactory().numberNode(number));
                changed = true;
            }
        }
        return changed ? JSON.writeValueAsString(root) : null;
    }

    private static void collectIntegerTypeErrors(ValidationReport.Message message, List<String> pointers) {
        if (message.getKey().endsWith(".schema.type") && message.getMessage().contains("integer")) {
            message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                    .map(ValidationReport.MessageContext.Pointers::getInstance)
                    .ifPresent(pointers::add);
        }
        message.getNestedMessages().forEach(nested -> collectIntegerTypeErrors(nested, pointers));
    }
}
