package app.ledgerline.security;

import graphql.ExecutionResult;
import graphql.analysis.QueryComplexityCalculator;
import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses an operation deeper or more complex (one point per field, as graphql-java counts) than allowed, before
 * anything is fetched. The bot and the dashboard send the same few documents over and over ({@code DocumentCache}
 * hands back the same parsed {@link Document}), so the two walks of the document are done once per document and
 * operation, not per request; a document with {@code @skip} or {@code @include} is walked every time, because its
 * variables decide which fields count.
 */
final class DocumentBounds extends SimplePerformantInstrumentation {

    /** As many as the document cache keeps; a flood of distinct documents only empties it. */
    static final int MAX_REMEMBERED = 2_000;

    /** Document nodes compare by identity, so a key is one parsed document. */
    private record Key(Document document, String operationName) {
    }

    record Bounds(int depth, int complexity) {
    }

    private final int maxDepth;
    private final int maxComplexity;
    private final Map<Key, Bounds> remembered = new ConcurrentHashMap<>();

    DocumentBounds(int maxDepth, int maxComplexity) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState state) {
        Bounds bounds = boundsOf(parameters.getExecutionContext());
        if (bounds.depth() > maxDepth) {
            throw new AbortExecutionException("maximum query depth exceeded " + bounds.depth() + " > " + maxDepth);
        }
        if (bounds.complexity() > maxComplexity) {
            throw new AbortExecutionException("maximum query complexity exceeded " + bounds.complexity() + " > " + maxComplexity);
        }
        return SimpleInstrumentationContext.noOp();
    }

    Bounds boundsOf(ExecutionContext context) {
        Key key = new Key(context.getDocument(), context.getExecutionInput().getOperationName());
        Bounds known = remembered.get(key);
        if (known != null) {
            return known;
        }
        Bounds bounds = measure(context);
        if (!hasConditionalFields(context.getDocument())) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, bounds);
        }
        return bounds;
    }

    int remembered() {
        return remembered.size();
    }

    private static Bounds measure(ExecutionContext context) {
        QueryTraverser traverser = QueryTraverser.newQueryTraverser()
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .coercedVariables(context.getCoercedVariables())
                .build();
        int depth = traverser.reducePreOrder((field, deepest) -> Math.max(deepest, depthOf(field)), 0);
        int complexity = QueryComplexityCalculator.newCalculator()
                .fieldComplexityCalculator((environment, childComplexity) -> 1 + childComplexity)
                .schema(context.getGraphQLSchema())
                .document(context.getDocument())
                .operationName(context.getExecutionInput().getOperationName())
                .variables(context.getCoercedVariables())
                .build()
                .calculate();
        return new Bounds(depth, complexity);
    }

    private static int depthOf(QueryVisitorFieldEnvironment field) {
        int depth = 1;
        for (var parent = field.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
            depth++;
        }
        return depth;
    }

    private static boolean hasConditionalFields(Document document) {
        boolean[] found = {false};
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
                if (node.getName().equals("skip") || node.getName().equals("include")) {
                    found[0] = true;
                    return TraversalControl.QUIT;
                }
                return TraversalControl.CONTINUE;
            }
        }, document);
        return found[0];
    }
}
