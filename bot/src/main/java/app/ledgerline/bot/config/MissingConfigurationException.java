package app.ledgerline.bot.config;

import java.util.List;

/** The bot cannot start: required settings are missing or malformed. The message lists all of them at once. */
public class MissingConfigurationException extends RuntimeException {

    private final List<String> missing;
    private final List<String> invalid;

    public MissingConfigurationException(List<String> missing, List<String> invalid) {
        super(describe(missing, invalid));
        this.missing = List.copyOf(missing);
        this.invalid = List.copyOf(invalid);
    }

    public List<String> missing() {
        return missing;
    }

    public List<String> invalid() {
        return invalid;
    }

    private static String describe(List<String> missing, List<String> invalid) {
        StringBuilder text = new StringBuilder("The Ledgerline bot cannot start.");
        if (!missing.isEmpty()) {
            text.append(" Missing configuration:");
            missing.forEach(item -> text.append("\n  - ").append(item));
        }
        if (!invalid.isEmpty()) {
            text.append(missing.isEmpty() ? "" : "\n").append(" Invalid configuration:");
            invalid.forEach(item -> text.append("\n  - ").append(item));
        }
        return text.toString();
    }
}
