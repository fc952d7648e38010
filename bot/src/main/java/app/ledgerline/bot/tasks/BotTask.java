package app.ledgerline.bot.tasks;

/**
 * One task of the backend's stream ({@code subscription { botTasks }}): a Discord side effect to perform, then
 * acknowledge. The payload fields that apply depend on {@code kind}; the others are null.
 */
public record BotTask(
        String id,
        Kind kind,
        int attempt,
        String discordUserId,
        String roleId,
        String orderNumber,
        String reason,
        String template,
        String text,
        String channelId,
        Boolean mentionEveryone) {

    public enum Kind {
        GRANT_ROLE,
        REVOKE_ROLE,
        SEND_DM,
        POST_ANNOUNCEMENT
    }

    /** For logs: what the task is, without its text. */
    @Override
    public String toString() {
        return "BotTask[id=" + id + ", kind=" + kind + ", attempt=" + attempt + ", order=" + orderNumber + "]";
    }
}
