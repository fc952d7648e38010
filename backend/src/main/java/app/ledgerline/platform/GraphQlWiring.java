package app.ledgerline.platform;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Custom scalars and the generic resolver of every {@code *Payload} type's value field. */
@Configuration(proxyBeanMethods = false)
class GraphQlWiring {

    @Bean
    RuntimeWiringConfigurer ledgerlineWiring() {
        return new RuntimeWiringConfigurer() {
            @Override
            public void configure(graphql.schema.idl.RuntimeWiring.Builder builder) {
                builder.scalar(dateTime()).scalar(longScalar());
                DataFetcher<Object> value = env -> ((Payload<?>) env.getSource()).value();
                PAYLOAD_VALUE_FIELDS.forEach((type, field) -> builder.type(type, wiring -> wiring.dataFetcher(field, value)));
            }
        };
    }

    /** Each payload type's value field, read from {@link Payload#value()}; {@code problems} maps by name. */
    private static final Map<String, String> PAYLOAD_VALUE_FIELDS = Map.ofEntries(
            Map.entry("QuotePayload", "quote"),
            Map.entry("OrderPayload", "order"),
            Map.entry("AddressPayload", "address"),
            Map.entry("ProductPayload", "product"),
            Map.entry("StockPayload", "product"),
            Map.entry("CustomerPayload", "customer"),
            Map.entry("DiscountPayload", "discount"),
            Map.entry("PaymentMethodPayload", "setting"),
            Map.entry("ShopSettingsPayload", "settings"),
            Map.entry("BotTaskAckPayload", "task"));

    static GraphQLScalarType dateTime() {
        return GraphQLScalarType.newScalar().name("DateTime").description("ISO-8601 instant in UTC")
                .coercing(new Coercing<Instant, String>() {
                    @Override
                    public String serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Instant instant) {
                            return instant.toString();
                        }
                        throw new CoercingSerializeException("Expected an Instant but got " + value.getClass());
                    }

                    @Override
                    public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof String text) {
                            return parse(text, CoercingParseValueException::new);
                        }
                        throw new CoercingParseValueException("DateTime must be an ISO-8601 string such as 2026-01-31T12:00:00Z");
                    }

                    @Override
                    public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (input instanceof StringValue text) {
                            return parse(text.getValue(), CoercingParseLiteralException::new);
                        }
                        throw new CoercingParseLiteralException("DateTime must be an ISO-8601 string such as 2026-01-31T12:00:00Z");
                    }
                }).build();
    }

    private static <E extends RuntimeException> Instant parse(String text, java.util.function.Function<String, E> error) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw error.apply("DateTime must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, got '" + text + "'");
        }
    }

    static GraphQLScalarType longScalar() {
        return GraphQLScalarType.newScalar().name("Long").description("64-bit integer")
                .coercing(new Coercing<Long, Long>() {
                    @Override
                    public Long serialize(Object value, GraphQLContext context, Locale locale) {
                        if (value instanceof Number number) {
                            return number.longValue();
                        }
                        throw new CoercingSerializeException("Expected a number but got " + value.getClass());
                    }

                    @Override
                    public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (input instanceof Long || input instanceof Integer || input instanceof Short) {
                            return ((Number) input).longValue();
                        }
                        if (input instanceof java.math.BigInteger big && big.bitLength() < 64) {
                            return big.longValue();
                        }
                        if (input instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                                && Math.abs(number.doubleValue()) < 9.0e15) {
                            return number.longValue();
                        }
                        throw new CoercingParseValueException("Long must be a whole number, got " + input);
                    }

                    @Override
                    public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        if (input instanceof IntValue value && value.getValue().bitLength() < 64) {
                            return value.getValue().longValue();
                        }
                        throw new CoercingParseLiteralException("Long must be a whole number literal");
                    }
                }).build();
    }
}
