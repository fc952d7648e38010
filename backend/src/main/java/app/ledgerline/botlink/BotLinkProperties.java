package app.ledgerline.botlink;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bot's task stream.
 *
 * @param pollInterval         how often a subscription looks for tasks that became due (retries); new tasks arrive at
 *                             once through NOTIFY, this only bounds the delay of retries and of missed notifications
 * @param ackTimeout           a delivered task not acknowledged within this is delivered again on the same subscription
 * @param retryBase            delay before the first retry of a failed task; doubles with every further failure
 * @param retryMax             cap of the retry delay
 * @param maxAttempts          failures after which a task is given up (FAILED, with an alert)
 * @param batchSize            tasks read per query
 * @param permanentErrorCodes  Discord JSON error codes that no retry can fix
 * @param listenerReconnectMax cap of the backoff between attempts to re-open the LISTEN connection
 */
@ConfigurationProperties("ledgerline.botlink")
public record BotLinkProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration ackTimeout,
        @DefaultValue("5s") Duration retryBase,
        @DefaultValue("10m") Duration retryMax,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("100") int batchSize,
        @DefaultValue({"50007", "50013", "50001", "10003", "10007", "10011", "10013"}) Set<Integer> permanentErrorCodes,
        @DefaultValue("30s") Duration listenerReconnectMax) {

    /** Delay before the retry that follows the given number of failures (1 = the first failure). */
    Duration retryDelay(int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 30);
        Duration delay = retryBase.multipliedBy(factor);
        return delay.compareTo(retryMax) > 0 || delay.isNegative() ? retryMax : delay;
    }
}
