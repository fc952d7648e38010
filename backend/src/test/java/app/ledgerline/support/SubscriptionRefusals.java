package app.ledgerline.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.graphql.client.GraphQlTransportException;
import org.springframework.graphql.client.SubscriptionErrorException;

/**
 * How a subscription is refused: a role that may use the WebSocket but not this subscription gets a FORBIDDEN
 * subscription error; a role that may not open a WebSocket at all (INTEGRATOR) has its connection closed with 4403.
 */
public final class SubscriptionRefusals {

    private SubscriptionRefusals() {
    }

    public static void assertRefused(Throwable error, String token) {
        if (Api.INTEGRATOR_TOKEN.equals(token)) {
            assertThat(error).isInstanceOf(GraphQlTransportException.class).hasMessageContaining("code=4403");
        } else {
            assertThat(error).isInstanceOfSatisfying(SubscriptionErrorException.class, e -> assertThat(e.getErrors())
                    .extracting(graphQlError -> graphQlError.getErrorType().toString()).containsExactly("FORBIDDEN"));
        }
    }
}
