package app.ledgerline.bot.tasks;

import discord4j.rest.http.client.ClientException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** How performing a task ended, as {@code acknowledgeBotTask} wants it. */
public record TaskOutcome(boolean success, Integer discordErrorCode, Integer httpStatus, String message) {

    private static final int MAX_MESSAGE = 500;

    public static TaskOutcome done() {
        return new TaskOutcome(true, null, null, null);
    }

    /**
     * A failed Discord call: the HTTP status and Discord's JSON error code when Discord answered (the backend decides
     * from the code whether to retry), else the kind of failure (timeout, connection refused).
     */
    public static TaskOutcome failed(Throwable error) {
        if (error instanceof ClientException client) {
            Integer code = null;
            String message = null;
            var body = client.getErrorResponse().map(r -> r.getFields()).orElse(Map.of());
            Object rawCode = body.get("code");
            if (rawCode instanceof Number number) {
                code = number.intValue();
            } else if (rawCode instanceof String text && text.matches("-?[0-9]{1,9}")) {
                code = Integer.valueOf(text);
            }
            Object rawMessage = body.get("message");
            if (rawMessage != null) {
                message = rawMessage.toString();
            }
            int status = client.getStatus().code();
            return new TaskOutcome(false, code, status, clip(message != null ? message : client.getStatus().reasonPhrase()));
        }
        String what = error instanceof TimeoutException ? "Discord did not answer in time" : error.getClass().getSimpleName();
        return new TaskOutcome(false, null, null, clip(what));
    }

    Map<String, Object> ackInput(BotTask task) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", task.id());
        input.put("success", success);
        input.put("attempt", task.attempt());
        input.put("discordErrorCode", discordErrorCode);
        input.put("httpStatus", httpStatus);
        input.put("message", message);
        return input;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE);
    }
}
