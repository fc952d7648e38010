package app.ledgerline.security;

import app.ledgerline.platform.Payload;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log: every mutation called by an ADMIN or STAFF caller (whether it succeeded, returned problems or was
 * refused) becomes a row with who, when, the mutation and its arguments (secrets redacted), the outcome, the id of
 * what it returned and that value as it stood after the change. Written by a graphql-java instrumentation around each
 * top-level mutation field, so no controller has to remember it; the response waits for the row.
 */
@Component
public class AuditLog extends SimplePerformantInstrumentation {

    record Filter(String actor, String field) {
    }

    record Entry(long id, Instant at, String actor, String actorRole, String operation, String field, String arguments,
                 String outcome, List<ProblemCode> problems, String targetId, String after, String clientIp) {
    }

    record Edge(String cursor, Entry node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    record Connection(List<Edge> edges, PageInfo pageInfo) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Keys whose text is never written (a key such as "token" holding an object, an ApiToken, is kept). */
    private static final Pattern SECRET = Pattern.compile("(?i).*(secret|password|token|authorization|apikey|api_key|credential).*");
    /** Payload components that are never the audited value. */
    private static final Pattern SECRET_COMPONENT = Pattern.compile("(?i).*(secret|password).*");

    private final DatabaseClient db;
    private final JsonMapper json = JsonMapper.builder().build();

    AuditLog(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState state) {
        DataFetchingEnvironment env = parameters.getEnvironment();
        if (env.getOperationDefinition().getOperation() != OperationDefinition.Operation.MUTATION
                || env.getExecutionStepInfo().getPath().getLevel() != 1) {
            return dataFetcher;
        }
        return (DataFetcher<Object>) environment -> {
            Authentication caller = environment.getGraphQlContext().get(GraphQlGuard.CALLER);
            if (!Callers.hasAny(caller, Role.ADMIN, Role.STAFF)) {
                return dataFetcher.get(environment);
            }
            Object result;
            try {
                result = dataFetcher.get(environment);
            } catch (Exception e) {
                return record(environment, caller, null, e).then(Mono.<Object>error(e)).toFuture();
            }
            if (result instanceof CompletionStage<?> stage) {
                return stage.handle((value, error) -> new Object[] {value, error})
                        .thenCompose(outcome -> {
                            Throwable error = outcome[1] instanceof CompletionException c && c.getCause() != null ? c.getCause() : (Throwable) outcome[1];
                            return record(environment, caller, outcome[0], error).toFuture().thenCompose(done -> error != null
                                    ? CompletableFuture.failedFuture(error) : CompletableFuture.completedFuture(outcome[0]));
                        });
            }
            Object value = result;
            return record(environment, caller, value, null).thenReturn(new Object[] {value}).map(v -> v[0]).toFuture();
        };
    }

    private Mono<Void> record(DataFetchingEnvironment env, Authentication caller, Object value, Throwable error) {
        return Mono.defer(() -> {
            List<Problem> problems = List.of();
            Object returned = value;
            if (error instanceof ProblemException problemException) {
                problems = problemException.problems();
            } else if (value instanceof Payload<?> payload) {
                problems = payload.problems();
                returned = payload.value();
            } else if (value != null && value.getClass().isRecord()) {
                Object[] parts = payloadParts(value);
                problems = parts[1] == null ? List.of() : castProblems(parts[1]);
                returned = parts[0];
            }
            String outcome = error != null && problems.isEmpty() ? "ERROR" : problems.isEmpty() ? "OK" : "PROBLEMS";
            String role = Callers.primaryRole(caller).map(Enum::name).orElse("");
            var spec = db.sql("""
                            insert into audit_log (actor, actor_role, operation, field, arguments, outcome, problems, target_id, after, client_ip)
                            values (:actor, :role, :operation, :field, :arguments, :outcome, :problems, :targetId, :after, :ip)""")
                    .bind("actor", caller.getName()).bind("role", role)
                    .bind("field", env.getField().getName())
                    .bind("arguments", Json.of(json.writeValueAsString(redact(json.valueToTree(env.getArguments())))))
                    .bind("outcome", outcome);
            spec = Sql.bind(spec, "operation", env.getOperationDefinition().getName(), String.class);
            spec = Sql.bind(spec, "problems", problems.isEmpty() ? null : Json.of(json.writeValueAsString(redact(json.valueToTree(problems)))), Json.class);
            spec = Sql.bind(spec, "targetId", idOf(returned), String.class);
            spec = Sql.bind(spec, "after", returned == null ? null : Json.of(json.writeValueAsString(redact(json.valueToTree(returned)))), Json.class);
            spec = Sql.bind(spec, "ip", env.getGraphQlContext().get(GraphQlGuard.CLIENT_IP), String.class);
            return spec.then();
        }).onErrorResume(e -> {
            log.error("Could not write the audit entry of {} by {}", env.getField().getName(), caller.getName(), e);
            return Mono.empty();
        });
    }

    /** {value, problems} of a payload record (a component named problems, and the first other one that is no secret). */
    private static Object[] payloadParts(Object record) {
        Object value = null;
        Object problems = null;
        try {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                component.getAccessor().setAccessible(true);
                Object part = component.getAccessor().invoke(record);
                if (component.getName().equals("problems")) {
                    problems = part;
                } else if (value == null && !SECRET_COMPONENT.matcher(component.getName()).matches()) {
                    value = part;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Object[] {record, null};
        }
        return new Object[] {value, problems};
    }

    @SuppressWarnings("unchecked")
    private static List<Problem> castProblems(Object problems) {
        return problems instanceof List<?> list && list.stream().allMatch(Problem.class::isInstance) ? (List<Problem>) list : List.of();
    }

    private static String idOf(Object value) {
        if (value == null || !value.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            if (component.getName().equals("id")) {
                try {
                    component.getAccessor().setAccessible(true);
                    return String.valueOf(component.getAccessor().invoke(value));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Replaces the value of every key that looks like a secret, at any depth. */
    static JsonNode redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : new ArrayList<>(object.propertyNames())) {
                JsonNode child = object.get(name);
                if (SECRET.matcher(name).matches() && child != null && (child.isString() || child.isNumber())) {
                    object.put(name, "[redacted]");
                } else {
                    redact(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditLog::redact);
        }
        return node;
    }

    Mono<Connection> page(Filter filter, int first, String after) {
        int limit = Math.clamp(first, 1, 200);
        return Mono.fromCallable(() -> after == null ? Long.MAX_VALUE : decodeCursor(after)).flatMap(before -> {
            String actor = filter == null ? null : filter.actor();
            String field = filter == null ? null : filter.field();
            var spec = db.sql("select * from audit_log where id < :before and (:actor::text is null or actor = :actor) "
                    + "and (:field::text is null or field = :field) order by id desc limit :limit");
            spec = spec.bind("before", before).bind("limit", limit + 1);
            spec = Sql.bind(spec, "actor", actor, String.class);
            spec = Sql.bind(spec, "field", field, String.class);
            return spec.map(this::read).all().collectList();
        }).map(rows -> {
            List<Edge> edges = rows.stream().limit(limit).map(e -> new Edge(encodeCursor(e.id()), e)).toList();
            return new Connection(edges, new PageInfo(rows.size() > limit, edges.isEmpty() ? null : edges.getLast().cursor()));
        });
    }

    private Entry read(Readable row) {
        List<ProblemCode> codes = new ArrayList<>();
        Json problems = row.get("problems", Json.class);
        if (problems != null) {
            for (JsonNode problem : json.readTree(problems.asString())) {
                codes.add(ProblemCode.valueOf(problem.get("code").asString()));
            }
        }
        Json after = row.get("after", Json.class);
        return new Entry(Sql.getLong(row, "id"), Sql.getInstant(row, "at"), row.get("actor", String.class), row.get("actor_role", String.class),
                row.get("operation", String.class), row.get("field", String.class), row.get("arguments", Json.class).asString(),
                row.get("outcome", String.class), codes, row.get("target_id", String.class), after == null ? null : after.asString(),
                row.get("client_ip", String.class));
    }

    static String encodeCursor(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("audit:" + id).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith("audit:")) {
                return Long.parseLong(text.substring(6));
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ProblemException(new Problem(ProblemCode.INVALID_INPUT, "'after' is not a cursor from this list", "after", null));
    }

}
