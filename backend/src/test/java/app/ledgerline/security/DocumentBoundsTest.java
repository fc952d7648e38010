package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Depth and complexity limits, measured once per parsed document unless its variables decide which fields count. */
class DocumentBoundsTest {

    private final DocumentBounds bounds = new DocumentBounds(3, 6);
    /** Like the backend's document cache: the same text gives the same parsed document. */
    private final PreparsedDocumentProvider sameDocumentForSameText = new PreparsedDocumentProvider() {
        private final Map<String, PreparsedDocumentEntry> parsed = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                           Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            return CompletableFuture.completedFuture(parsed.computeIfAbsent(input.getQuery(), text -> parseAndValidate.apply(input)));
        }
    };
    private final GraphQL graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                    new SchemaParser().parse("type Query { node: Node } type Node { id: ID child: Node }"),
                    RuntimeWiring.newRuntimeWiring().build()))
            .instrumentation(bounds).preparsedDocumentProvider(sameDocumentForSameText).build();

    private String refusal(String document, Map<String, Object> variables) {
        ExecutionResult result = graphQl.execute(ExecutionInput.newExecutionInput(document).variables(variables).build());
        return result.getErrors().stream().map(GraphQLError::getMessage).findFirst().orElse(null);
    }

    @Test
    void refusesTooDeepOrTooComplexOperationsAndPassesTheOthers() {
        assertThat(refusal("{ node { child { id } } }", Map.of())).isNull();
        assertThat(refusal("{ node { child { child { id } } } }", Map.of())).isEqualTo("maximum query depth exceeded 4 > 3");
        assertThat(refusal("{ node { id a: id b: id c: id d: id } }", Map.of())).isNull();
        assertThat(refusal("{ node { id a: id b: id c: id d: id e: id } }", Map.of())).isEqualTo("maximum query complexity exceeded 7 > 6");
    }

    @Test
    void measuresEachDocumentOnceAndStillJudgesEveryRequest() {
        for (int i = 0; i < 3; i++) {
            assertThat(refusal("{ node { child { child { id } } } }", Map.of())).isEqualTo("maximum query depth exceeded 4 > 3");
            assertThat(refusal("{ node { child { id } } }", Map.of())).isNull();
        }
        assertThat(bounds.remembered()).isEqualTo(2);
    }

    @Test
    void aDocumentWhoseVariablesChooseItsFieldsIsMeasuredEveryTime() {
        String document = "query($deep: Boolean!) { node { child @include(if: $deep) { child { id } } } }";
        assertThat(refusal(document, Map.of("deep", false))).isNull();
        assertThat(refusal(document, Map.of("deep", true))).isEqualTo("maximum query depth exceeded 4 > 3");
        assertThat(refusal(document, Map.of("deep", false))).isNull();
        assertThat(bounds.remembered()).isZero();
    }
}
