package app.ledgerline.platform;

/** An expected business failure or invalid input, rendered by clients; see ProblemCode in the schema. */
public record Problem(ProblemCode code, String message, String field, String productId) {

    public static Problem of(ProblemCode code, String message) {
        return new Problem(code, message, null, null);
    }

    public static Problem invalid(String field, String message) {
        return new Problem(ProblemCode.INVALID_INPUT, message, field, null);
    }

    public static Problem forProduct(ProblemCode code, long productId, String message) {
        return new Problem(code, message, null, Long.toString(productId));
    }
}
