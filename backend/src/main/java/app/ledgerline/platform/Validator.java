package app.ledgerline.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects {@link ProblemCode#INVALID_INPUT} problems, each naming its field. */
public final class Validator {

    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

    private final List<Problem> problems = new ArrayList<>();

    public Validator text(String field, String value, int min, int max) {
        if (value == null || value.strip().length() < min) {
            problems.add(Problem.invalid(field, min <= 1 ? field(field) + " is required" : field(field) + " needs at least " + min + " characters"));
        } else if (value.length() > max) {
            problems.add(Problem.invalid(field, field(field) + " must be at most " + max + " characters"));
        } else if (CONTROL.matcher(value).find()) {
            problems.add(Problem.invalid(field, field(field) + " contains control characters"));
        }
        return this;
    }

    public Validator optionalText(String field, String value, int max) {
        return value == null || value.isEmpty() ? this : text(field, value, 0, max);
    }

    public Validator range(String field, Long value, long min, long max) {
        if (value == null) {
            problems.add(Problem.invalid(field, field(field) + " is required"));
        } else if (value < min || value > max) {
            problems.add(Problem.invalid(field, field(field) + " must be between " + min + " and " + max + ", got " + value));
        }
        return this;
    }

    public Validator optionalRange(String field, Integer value, long min, long max) {
        return value == null ? this : range(field, value.longValue(), min, max);
    }

    public Validator pattern(String field, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            problems.add(Problem.invalid(field, field(field) + " must be " + expected));
        }
        return this;
    }

    public Validator snowflakes(String field, List<String> ids, int maxCount) {
        if (ids == null) {
            return this;
        }
        if (ids.size() > maxCount) {
            problems.add(Problem.invalid(field, field(field) + " may hold at most " + maxCount + " ids"));
        }
        for (int i = 0; i < ids.size(); i++) {
            snowflake(field + "[" + i + "]", ids.get(i));
        }
        return this;
    }

    public Validator snowflake(String field, String id) {
        return pattern(field, id, SNOWFLAKE, "a Discord id (digits only)");
    }

    public Validator check(boolean ok, String field, String message) {
        if (!ok) {
            problems.add(Problem.invalid(field, message));
        }
        return this;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Throws the collected problems, if any. */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw new ProblemException(problems);
        }
    }

    private static String field(String path) {
        return "'" + path + "'";
    }
}
