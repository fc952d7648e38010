package app.ledgerline.botlink;

import app.ledgerline.alerts.AlertKind;
import app.ledgerline.alerts.Alerts;
import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The bot's acknowledgements. Each runs in one transaction with the task's row locked, so concurrent or repeated
 * acknowledgements of one task queue and the second sees the first's outcome: a task that is DONE or FAILED is
 * returned unchanged, and what success or failure causes (entitlement status, alert) happens once.
 */
@Service
class BotTaskAcks {

    record AckInput(String id, Boolean success, Integer attempt, Integer discordErrorCode, Integer httpStatus, String message) {
    }

    private static final Logger log = LoggerFactory.getLogger(BotTaskAcks.class);
    private static final int MAX_MESSAGE = 1000;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final BotTaskRepository repository;
    private final Alerts alerts;
    private final BotLinkProperties properties;

    BotTaskAcks(DatabaseClient db, TransactionalOperator tx, BotTaskRepository repository, Alerts alerts, BotLinkProperties properties) {
        this.db = db;
        this.tx = tx;
        this.repository = repository;
        this.alerts = alerts;
        this.properties = properties;
    }

    Mono<BotTask> acknowledge(AckInput input) {
        return Mono.fromCallable(() -> Ids.parse("input.id", input.id()))
                .flatMap(id -> repository.lock(id)
                        .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.NOT_FOUND,
                                "No bot task " + input.id(), "input.id", null))))
                        .flatMap(task -> apply(task, input))
                        .then(Mono.defer(() -> repository.find(id))))
                .as(tx::transactional);
    }

    private Mono<Void> apply(BotTask task, AckInput input) {
        if (task.status() != BotTask.Status.PENDING) {
            return Mono.empty();
        }
        if (Boolean.TRUE.equals(input.success())) {
            return succeeded(task);
        }
        if (input.attempt() != null && input.attempt() != task.attempt()) {
            log.info("Ignoring a failure of bot task {} reported for attempt {}; it is at attempt {}", task.id(), input.attempt(), task.attempt());
            return Mono.empty();
        }
        return failed(task, input);
    }

    private Mono<Void> succeeded(BotTask task) {
        Mono<Void> done = db.sql("update bot_task set status = 'DONE', finished_at = now() where id = :id").bind("id", task.id()).then();
        if (task.entitlementId() == null) {
            return done;
        }
        return switch (task.kind()) {
            // A grant that completes after the order was refunded leaves the entitlement REVOKING: its revoke follows.
            case GRANT_ROLE -> done.then(db.sql("""
                            update entitlement set status = 'GRANTED', granted_at = now()
                            where id = :id and status in ('GRANTING', 'GRANT_FAILED')""")
                    .bind("id", task.entitlementId()).then());
            case REVOKE_ROLE -> done.then(db.sql("update entitlement set status = 'REVOKED', revoked_at = now() where id = :id and status = 'REVOKING'")
                    .bind("id", task.entitlementId()).then());
            default -> done;
        };
    }

    private Mono<Void> failed(BotTask task, AckInput input) {
        int failures = task.attempts() + 1;
        Integer code = input.discordErrorCode();
        boolean permanent = code != null && properties.permanentErrorCodes().contains(code);
        boolean exhausted = failures >= properties.maxAttempts();
        String error = describe(input);
        if (!permanent && !exhausted) {
            Instant next = Instant.now().plus(properties.retryDelay(failures));
            var spec = db.sql("""
                            update bot_task set attempts = :attempts, next_attempt_at = :next, last_error = :error, last_error_code = :code
                            where id = :id""")
                    .bind("id", task.id()).bind("attempts", failures).bind("next", next).bind("error", error);
            return Sql.bind(spec, "code", code, Integer.class).then();
        }
        var spec = db.sql("""
                        update bot_task set status = 'FAILED', attempts = :attempts, finished_at = now(), last_error = :error,
                            last_error_code = :code
                        where id = :id""")
                .bind("id", task.id()).bind("attempts", failures).bind("error", error);
        Mono<Void> giveUp = Sql.bind(spec, "code", code, Integer.class).then();
        String why = permanent ? error : "gave up after " + failures + " attempts; last: " + error;
        return switch (task.kind()) {
            case GRANT_ROLE -> giveUp
                    .then(task.entitlementId() == null ? Mono.<Void>empty()
                            : db.sql("update entitlement set status = 'GRANT_FAILED' where id = :id and status = 'GRANTING'")
                                    .bind("id", task.entitlementId()).then())
                    .then(alerts.raise(AlertKind.ROLE_GRANT_FAILED, Alerts.Severity.CRITICAL, null, task.orderId(),
                            "Could not grant role " + task.roleId() + " to Discord user " + task.discordUserId() + ordered(task) + ": " + why))
                    .then();
            // The entitlement stays REVOKING: the member may still hold the role, which an admin must remove by hand.
            case REVOKE_ROLE -> giveUp
                    .then(alerts.raise(AlertKind.ROLE_GRANT_FAILED, Alerts.Severity.CRITICAL, null, task.orderId(),
                            "Could not revoke role " + task.roleId() + " from Discord user " + task.discordUserId() + ordered(task) + ": " + why))
                    .then();
            case SEND_DM -> giveUp
                    .then(alerts.raise(AlertKind.DM_FAILED, Alerts.Severity.WARNING, null, task.orderId(),
                            "Could not send the " + task.template() + " message to Discord user " + task.discordUserId() + ordered(task) + ": " + why))
                    .then();
            // No alert kind fits a failed announcement; the task's last_error keeps the reason.
            case POST_ANNOUNCEMENT -> giveUp.doOnSuccess(ignored ->
                    log.warn("Gave up posting an announcement in channel {}: {}", task.channelId(), why));
        };
    }

    private static String ordered(BotTask task) {
        return task.orderNumber() == null ? "" : " (order " + task.orderNumber() + ")";
    }

    private static String describe(AckInput input) {
        var text = new StringBuilder();
        if (input.httpStatus() != null) {
            text.append("HTTP ").append(input.httpStatus());
        }
        if (input.discordErrorCode() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("Discord code ").append(input.discordErrorCode());
        }
        if (input.message() != null && !input.message().isBlank()) {
            text.append(text.isEmpty() ? "" : ": ").append(input.message().strip());
        }
        String result = text.isEmpty() ? "failed without details" : text.toString();
        return result.length() > MAX_MESSAGE ? result.substring(0, MAX_MESSAGE) : result;
    }
}
