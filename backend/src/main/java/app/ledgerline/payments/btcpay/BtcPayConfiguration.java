package app.ledgerline.payments.btcpay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The BTCPay client and webhook exist only when URL, store and API key are configured; without them the
 * {@link app.ledgerline.payments.BtcPayInvoices} bean is absent and BTC is paid by hand to the shop's address.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(BtcPayConfiguration.Configured.class)
class BtcPayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BtcPayConfiguration.class);

    @Bean
    GreenfieldClient btcPayInvoices(BtcPayProperties properties) {
        log.info("BTCPay checkout on: {} store {}", properties.url(), properties.storeId());
        if (!properties.webhookSecretSet()) {
            log.warn("LEDGERLINE_BTCPAY_WEBHOOK_SECRET is not set: every BTCPay webhook delivery is refused and BTC orders are never confirmed automatically");
        }
        return new GreenfieldClient(properties);
    }

    @Bean
    BtcPayWebhook btcPayWebhook(BtcPayProperties properties, GreenfieldClient client, BtcPaySettlement settlement) {
        return new BtcPayWebhook(properties, client, settlement);
    }

    @Bean
    org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> btcPayWebhookRoute(
            BtcPayWebhook webhook) {
        return org.springframework.web.reactive.function.server.RouterFunctions.route()
                .POST(BtcPayWebhook.PATH, webhook::handle).build();
    }

    /** True when {@code ledgerline.btcpay.url}, {@code store-id} and {@code api-key} are all set (env vars included). */
    static final class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("ledgerline.btcpay", BtcPayProperties.class)
                    .map(BtcPayProperties::configured).orElse(false);
        }
    }
}
