package app.ledgerline.bot.backend;

/** The backend could not be reached, or answered with an error. The message is safe to log; never shown as is. */
public class BackendException extends RuntimeException {

    public enum Kind {
        /** Connection refused, timed out, 5xx: try again later. */
        UNAVAILABLE,
        /** The backend answered but refused or failed the operation (GraphQL errors, 4xx). */
        ERROR
    }

    private final Kind kind;

    public BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
