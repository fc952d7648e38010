package app.ledgerline.platform;

import io.r2dbc.postgresql.api.PostgresqlException;
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
 * @param ctes the expressions, each {@code name as (...)}, comma separated, without a leading {@code with}
 */
public record SqlPart(String ctes, Map<String, Object> values, List<Refusal> refusals) {

    /**
     * @param condition SQL that is true when all is well (it may read the part's expressions)
     * @param detail SQL text expression evaluated when the condition fails, passed to {@code problem} (may be null)
     * @param problem what to tell the client from that detail
     */
    public record Refusal(String condition, String detail, Function<String, ProblemException> problem) {
    }

    /** The value of a bind parameter that is null, with the type R2DBC needs for it. */
    public record Null(Class<?> type) {
    }

    public SqlPart {
        values = new LinkedHashMap<>(values);
        refusals = List.copyOf(refusals);
    }

    public static SqlPart of(String ctes, Map<String, Object> values) {
        return new SqlPart(ctes, values, List.of());
    }

    /** A value for {@link #values()}: the value itself, or a typed null. */
    public static Object nullable(Object value, Class<?> type) {
        return value == null ? new Null(type) : value;
    }

    public GenericExecuteSpec bindTo(GenericExecuteSpec spec) {
        for (var entry : values.entrySet()) {
            spec = entry.getValue() instanceof Null n ? spec.bindNull(entry.getKey(), n.type()) : spec.bind(entry.getKey(), entry.getValue());
        }
        return spec;
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
