package app.ledgerline.platform;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Errors of a subscription's stream (sent as a graphql-transport-ws {@code error} message): {@code @PreAuthorize} on a
 * subscription refuses when the stream is subscribed, so a caller whose role may not subscribe gets FORBIDDEN, as for
 * queries and mutations, rather than an internal error.
 */
@Component
class SubscriptionErrors extends SubscriptionExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable ex) {
        if (ex instanceof AccessDeniedException) {
            return GraphqlErrorBuilder.newError().errorType(ErrorType.FORBIDDEN).message("Forbidden").build();
        }
        if (ex instanceof AuthenticationException) {
            return GraphqlErrorBuilder.newError().errorType(ErrorType.UNAUTHORIZED).message("Unauthorized").build();
        }
        if (ex instanceof ProblemException problem) {
            return GraphqlErrorBuilder.newError().errorType(ErrorType.BAD_REQUEST).message(problem.getMessage()).build();
        }
        return null;
    }
}
