package app.ledgerline.security;

import graphql.parser.ParserOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds on what one GraphQL document may ask for. Spring for GraphQL adds every {@code Instrumentation} bean to
 * the engine. Depth and complexity ({@link DocumentBounds}) are checked on the parsed, validated document before any
 * data is fetched, so an over-limit request costs a parse and a walk of its fields; the document's size is checked
 * even before parsing ({@link GraphQlGuard}), and the parser itself refuses more tokens than a document of that size
 * could need.
 * <p>
 * Batched requests (a JSON array of operations) are not accepted by the HTTP endpoint and persisted-query extensions
 * are ignored: every request carries exactly one document, bounded as above.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlLimits {

    /** Parser limits matching the document size limit: refuses token floods before building a tree. */
    static ParserOptions parserOptions(SecurityProperties properties) {
        int chars = properties.graphql().maxDocumentChars();
        return ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxCharacters(chars).maxTokens(Math.max(1000, chars / 2)).maxRuleDepth(200));
    }

    @Bean
    DocumentBounds documentBounds(SecurityProperties properties) {
        return new DocumentBounds(properties.graphql().maxDepth(), properties.graphql().maxComplexity());
    }
}
