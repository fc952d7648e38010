package app.ledgerline.platform;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Queries have no payload to carry problems, so a problem there (a bad cursor, a malformed id) becomes a GraphQL
 * error of type BAD_REQUEST whose extensions hold the same code and field a payload would.
 */
@Component
class ProblemErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected List<GraphQLError> resolveToMultipleErrors(Throwable ex, DataFetchingEnvironment env) {
        if (!(ex instanceof ProblemException problems)) {
            return null;
        }
        return problems.problems().stream().map(problem -> {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", problem.code().name());
            if (problem.field() != null) {
                extensions.put("field", problem.field());
            }
            return GraphqlErrorBuilder.newError(env).errorType(ErrorType.BAD_REQUEST).message(problem.message())
                    .extensions(extensions).build();
        }).toList();
    }
}
