package app.ledgerline.platform;

import java.util.List;

/**
 * Raised inside a transaction to abort it with problems the client can render. Thrown as an error signal so the
 * transaction rolls back and nothing is written; the GraphQL layer turns it back into a payload.
 */
public final class ProblemException extends RuntimeException {

    private final List<Problem> problems;

    public ProblemException(List<Problem> problems) {
        super(problems.isEmpty() ? "problem" : problems.getFirst().message(), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ProblemException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }
}
