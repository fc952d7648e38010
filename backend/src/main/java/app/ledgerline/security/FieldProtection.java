package app.ledgerline.security;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.function.Function;
import app.ledgerline.customers.Customer;
import app.ledgerline.orders.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.security.core.Authentication;

/**
 * Personal data on types that several roles reach: an order's shipping address and a customer's notes are for ADMIN,
 * STAFF and the BOT (which reaches only the orders and customer of the Discord user it acts for, through the storefront
 * operations). Anyone else (an integrator reading orders) gets null and a FORBIDDEN error for that field. Saved
 * addresses ({@code Customer.addresses}) are guarded on their controller method with {@link Access#PERSONAL_DATA}.
 */
@Configuration(proxyBeanMethods = false)
class FieldProtection {

    @Bean
    RuntimeWiringConfigurer personalDataFields() {
        return builder -> builder
                .type("Order", type -> type.dataFetcher("shippingAddress", personal(Order.class, Order::shippingAddress)))
                .type("Customer", type -> type.dataFetcher("notes", personal(Customer.class, Customer::notes)));
    }

    static <S, T> DataFetcher<Object> personal(Class<S> type, Function<S, T> field) {
        return env -> {
            Authentication caller = env.getGraphQlContext().get(GraphQlGuard.CALLER);
            if (Callers.hasAny(caller, Role.ADMIN, Role.STAFF, Role.BOT)) {
                return field.apply(type.cast(env.getSource()));
            }
            return forbidden(env);
        };
    }

    private static DataFetcherResult<Object> forbidden(DataFetchingEnvironment env) {
        return DataFetcherResult.newResult().data(null).error(GraphqlErrorBuilder.newError(env).errorType(ErrorType.FORBIDDEN)
                .message("'" + env.getField().getName() + "' is personal data: only admins, staff and the customer's own storefront see it")
                .build()).build();
    }
}
