package app.ledgerline.platform;

import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.Parameters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Common table expressions that one feature contributes to a statement another feature runs, so that several
 * features' writes commit as one statement (one round trip, atomic without an explicit transaction). Bind names are
 * prefixed by the contributing feature so parts never collide.
 *
 * <p>A part may refuse the whole statement: each {@link Refusal} is a condition that must hold once the statement's
 * writes are done; the composing statement turns a failed one into {@code ledgerline_refuse(...)}, which raises an
 * error and so rolls back every write of the statement, and the part's {@code problem} then says why.
 *
 * <p>PostgreSQL runs an expression that nothing reads only once the statement's query is done; {@code written} lets
 * the composing statement run a part's writes before something else (the row locks it takes last).
 *
 * @param ctes the expressions, each {@code name as (...)}, comma separated, without a leading {@code with}
 * @param written SQL that is true once the part's writes are done (it reads each of them), {@code true} when none
 *                needs waiting for
 */
public record SqlPart(String ctes, Map<String, Object> values, List<Refusal> refusals, String written) {

    /**
     * @param condition SQL that is true when all is well (it may read the part's expressions)
     * @param detail SQL text expression evaluated when the condition fails, passed to {@code problem} (may be null)
     * @param problem what to tell the client from that detail
     */
    public record Refusal(String condition, String detail, Function<String, ProblemException> problem) {
    }

    public SqlPart {
        values = new LinkedHashMap<>(values);
        refusals = List.copyOf(refusals);
    }

    public SqlPart(String ctes, Map<String, Object> values, List<Refusal> refusals) {
        this(ctes, values, refusals, "true");
    }

    public static SqlPart of(String ctes, Map<String, Object> values) {
        return new SqlPart(ctes, values, List.of());
    }

    /** This part, with {@code written} read from the expressions named: each must return a row per row it writes. */
    public SqlPart writing(String... expressions) {
        return new SqlPart(ctes, values, refusals, "(" + String.join(" + ", Arrays.stream(expressions)
                .map(name -> "(select count(*) from " + name + ")").toList()) + ") >= 0");
    }

    /** A value for {@link #values()}: the value itself, or a null with the type R2DBC needs for it. */
    public static Object nullable(Object value, Class<?> type) {
        return value == null ? Parameters.in(type) : value;
    }

    /** Binds the values of all the parts at once (binding them one by one copies the spec's bindings each time). */
    public static GenericExecuteSpec bind(GenericExecuteSpec spec, List<SqlPart> parts) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SqlPart part : parts) {
            values.putAll(part.values());
        }
        return spec.bindValues(values);
    }

    /** The SQLSTATE that {@code ledgerline_refuse} raises (see the V4 migration). */
    public static final String REFUSED_STATE = "LL001";

    /**
     * The statement's final condition: every refusal's condition, each turned into {@code ledgerline_refuse(key,
     * detail)} when it fails. CASE keeps the order: the refusal is evaluated only when its condition is false.
     *
     * @param keyOf the key passed for each refusal (its position among the statement's refusals)
     */
    public static String checks(List<Refusal> refusals, Function<Refusal, String> keyOf) {
        if (refusals.isEmpty()) {
            return "true";
        }
        var sql = new StringBuilder();
        for (Refusal refusal : refusals) {
            if (!sql.isEmpty()) {
                sql.append("\n  and ");
            }
            sql.append("case when ").append(refusal.condition()).append(" then true else ledgerline_refuse('")
                    .append(keyOf.apply(refusal)).append("', ").append(refusal.detail() == null ? "null" : refusal.detail())
                    .append(") end");
        }
        return sql.toString();
    }

    /** What {@code ledgerline_refuse(key, detail)} raised, found anywhere in an error's causes. */
    public record Refused(String key, String detail) {
    }

    public static Optional<Refused> refused(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof PostgresqlException postgres && REFUSED_STATE.equals(postgres.getErrorDetails().getCode())) {
                return Optional.of(new Refused(postgres.getErrorDetails().getMessage(), postgres.getErrorDetails().getDetail().orElse(null)));
            }
        }
        return Optional.empty();
    }
}
