package app.ledgerline.platform;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DocumentCacheTest {

    private final DocumentCache.Provider cache = new DocumentCache.Provider();
    private final AtomicInteger parsed = new AtomicInteger();

    private PreparsedDocumentEntry get(String query, boolean valid) {
        return cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), input -> {
            parsed.incrementAndGet();
            return valid ? new PreparsedDocumentEntry(Parser.parse(input.getQuery()))
                    : new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message("invalid").build());
        }).join();
    }

    @Test
    void aValidDocumentIsParsedOnce() {
        var first = get("{ products { id } }", true);
        var second = get("{ products { id } }", true);
        assertThat(parsed).hasValue(1);
        assertThat(second.getDocument()).isSameAs(first.getDocument());
        get("{ orders { edges { cursor } } }", true);
        assertThat(parsed).hasValue(2);
    }

    @Test
    void aDocumentWithErrorsIsParsedEveryTime() {
        get("{ nosuchfield }", false);
        get("{ nosuchfield }", false);
        assertThat(parsed).hasValue(2);
    }

    @Test
    void aFloodOfDistinctDocumentsStaysBounded() {
        for (int i = 0; i <= DocumentCache.MAX_DOCUMENTS; i++) {
            get("{ product(id: \"" + i + "\") { id } }", true);
        }
        get("{ product(id: \"0\") { id } }", true);
        assertThat(parsed).hasValue(DocumentCache.MAX_DOCUMENTS + 2);
    }
}
