package app.ledgerline.events;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.SubscriptionExceptionResolverAdapter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * A subscription whose stream fails is reported with a graphql-transport-ws "error" message. Refusals by
 * {@code @PreAuthorize} are classified as they are for queries (FORBIDDEN, UNAUTHORIZED), not as internal errors.
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
        return null;
    }
}
