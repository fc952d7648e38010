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
 * <p>A statement that announces its outbox events and bot tasks itself once committed (see {@link #announced}) needs
 * each part to name the expressions that write them.
 *
 * @param ctes the expressions, each {@code name as (...)}, comma separated, without a leading {@code with}
 * @param written SQL that is true once the part's writes are done (it reads each of them), {@code true} when none
 *                needs waiting for
 * @param events the expressions that insert {@code outbox_event} rows, each returning their {@code id, type}
 * @param botTasks the expressions that insert {@code bot_task} rows, each returning their {@code id}
 */
public record SqlPart(String ctes, Map<String, Object> values, List<Refusal> refusals, String written,
                      List<String> events, List<String> botTasks) {

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
        events = List.copyOf(events);
        botTasks = List.copyOf(botTasks);
    }

    public SqlPart(String ctes, Map<String, Object> values, List<Refusal> refusals) {
        this(ctes, values, refusals, "true", List.of(), List.of());
    }

    public static SqlPart of(String ctes, Map<String, Object> values) {
        return new SqlPart(ctes, values, List.of());
    }

    /** This part, with {@code written} read from the expressions named: each must return a row per row it writes. */
    public SqlPart writing(String... expressions) {
        return new SqlPart(ctes, values, refusals, "(" + String.join(" + ", Arrays.stream(expressions)
                .map(name -> "(select count(*) from " + name + ")").toList()) + ") >= 0", events, botTasks);
    }

    /** This part, naming the expressions that write outbox events ({@code id, type}) and bot tasks ({@code id}). */
    public SqlPart announcing(List<String> events, List<String> botTasks) {
        return new SqlPart(ctes, values, refusals, written, events, botTasks);
    }

    /**
     * Columns for the statement's final select: {@code event_ids}, {@code event_types} and {@code bot_task_ids}, what
     * the parts wrote (in id order), for the writer to announce once the statement committed; and {@code
     * announced_after_commit}, which tells the insert triggers of {@code outbox_event} and {@code bot_task} not to
     * NOTIFY from this transaction (V5 migration). A NOTIFY in a transaction holds one database-wide lock from its
     * commit until the commit is flushed, so every notifying transaction commits one after another.
     */
    public static String announced(List<SqlPart> parts) {
        List<String> events = parts.stream().flatMap(part -> part.events().stream()).toList();
        List<String> botTasks = parts.stream().flatMap(part -> part.botTasks().stream()).toList();
        String written = events.isEmpty() ? "(select null::bigint as id, null::text as type where false)"
                : "(" + String.join(" union all ", events.stream().map(name -> "select id, type from " + name).toList()) + ")";
        String tasks = botTasks.isEmpty() ? "(select null::bigint as id where false)"
                : "(" + String.join(" union all ", botTasks.stream().map(name -> "select id from " + name).toList()) + ")";
        return "(select coalesce(array_agg(x.id order by x.id), '{}') from " + written + " x) as event_ids,\n"
                + "(select coalesce(array_agg(x.type order by x.id), '{}') from " + written + " x) as event_types,\n"
                + "(select coalesce(array_agg(x.id order by x.id), '{}') from " + tasks + " x) as bot_task_ids,\n"
                + "set_config('ledgerline.announced_after_commit', 'on', true) as announced_after_commit";
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
