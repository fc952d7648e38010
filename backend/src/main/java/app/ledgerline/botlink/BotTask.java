package app.ledgerline.botlink;

import app.ledgerline.botlink.BotTasks.DmTemplate;
import java.time.Instant;

/**
 * A Discord side effect for the bot, with the payload fields of its kind (the others are null).
 *
 * @param attempts failures acknowledged so far
 */
public record BotTask(long id, BotTaskKind kind, Status status, int attempts, Instant createdAt, Instant nextAttemptAt,
                      String lastError, Integer lastErrorCode, Instant finishedAt, Long orderId, Long entitlementId,
                      String discordUserId, String roleId, String orderNumber, String reason, DmTemplate template, String text,
                      String channelId, Boolean mentionEveryone) {

    public enum Status {
        PENDING,
        DONE,
        FAILED
    }

    /** Which attempt a delivery of the task is: 1 at first. */
    public int attempt() {
        return attempts + 1;
    }
}
