package app.ledgerline.platform;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Parses and validates each distinct GraphQL document once: the bot and the dashboard send the same few documents
 * over and over with different variables. Documents with errors are not kept. Per-request checks (depth, complexity,
 * introspection, authorisation) still run on every execution.
 */
@Configuration(proxyBeanMethods = false)
class DocumentCache {

    /** Enough for every document the clients send; a flood of distinct documents only empties it. */
    static final int MAX_DOCUMENTS = 2_000;

    @Bean
    GraphQlSourceBuilderCustomizer cachedDocuments() {
        return builder -> builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(new Provider()));
    }

    static final class Provider implements PreparsedDocumentProvider {
        private final Map<String, PreparsedDocumentEntry> documents = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
                                                                           Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
            PreparsedDocumentEntry cached = documents.get(input.getQuery());
            if (cached != null) {
                return CompletableFuture.completedFuture(cached);
            }
            PreparsedDocumentEntry entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                if (documents.size() >= MAX_DOCUMENTS) {
                    documents.clear();
                }
                documents.put(input.getQuery(), entry);
            }
            return CompletableFuture.completedFuture(entry);
        }
    }
}
