package app.ledgerline.platform;

/** GraphQL IDs are strings; ours are database longs. */
public final class Ids {

    private Ids() {
    }

    /** The id, or a NOT_FOUND problem naming the field when it is not one of ours. */
    public static long parse(String field, String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No such id '" + id + "'", field, null));
    }
}
