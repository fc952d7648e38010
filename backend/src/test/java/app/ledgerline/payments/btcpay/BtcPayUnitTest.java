package app.ledgerline.payments.btcpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.ledgerline.payments.BtcPayInvoices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The pieces that need no server: configuration from env vars, amounts, expiry and the signature check. */
class BtcPayUnitTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BtcPayProperties.class)
    static class Settlement {
        @Bean
        BtcPaySettlement settlement() {
            return new BtcPaySettlement(null, null, null, null, null);
        }
    }

    private static ApplicationContextRunner withEnv(Map<String, Object> env) {
        return new ApplicationContextRunner()
                .withInitializer(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new SystemEnvironmentPropertySource("test-env", env)))
                .withUserConfiguration(Settlement.class, BtcPayConfiguration.class);
    }

    @Test
    void theEnvVarsSwitchBtcPayOnAndItsSecretsStayHidden() {
        withEnv(Map.of("LEDGERLINE_BTCPAY_URL", "https://btcpay.example.com/", "LEDGERLINE_BTCPAY_STORE_ID", "Store1",
                "LEDGERLINE_BTCPAY_API_KEY", "key-123-secret", "LEDGERLINE_BTCPAY_WEBHOOK_SECRET", "hook-456-secret"))
                .run(context -> {
                    assertThat(context).hasSingleBean(BtcPayInvoices.class).hasSingleBean(BtcPayWebhook.class);
                    BtcPayProperties properties = context.getBean(BtcPayProperties.class);
                    assertThat(properties.storeId()).isEqualTo("Store1");
                    assertThat(properties.webhookSecret()).isEqualTo("hook-456-secret");
                    assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.toString()).doesNotContain("key-123-secret").doesNotContain("hook-456-secret");
                });
    }

    @Test
    void withoutUrlStoreAndKeyThereIsNoBtcPayBean() {
        withEnv(Map.of("LEDGERLINE_BTCPAY_URL", "https://btcpay.example.com", "LEDGERLINE_BTCPAY_STORE_ID", "Store1"))
                .run(context -> assertThat(context).doesNotHaveBean(BtcPayInvoices.class).doesNotHaveBean(BtcPayWebhook.class));
        withEnv(Map.of("LEDGERLINE_BTCPAY_URL", " ", "LEDGERLINE_BTCPAY_STORE_ID", "Store1", "LEDGERLINE_BTCPAY_API_KEY", "k"))
                .run(context -> assertThat(context).doesNotHaveBean(BtcPayInvoices.class));
    }

    @Test
    void amountsAreDecimalStringsFromMinorUnits() {
        assertThat(GreenfieldClient.decimal(1250, "USD")).isEqualTo("12.50");
        assertThat(GreenfieldClient.decimal(5, "USD")).isEqualTo("0.05");
        assertThat(GreenfieldClient.decimal(0, "EUR")).isEqualTo("0.00");
        assertThat(GreenfieldClient.decimal(123456789012L, "USD")).isEqualTo("1234567890.12");
        assertThat(GreenfieldClient.decimal(1250, "JPY")).isEqualTo("1250");

        var invoice = new GreenfieldClient.Invoice("i", "s", "Settled", "None", "12.5", "USD", "LL-1");
        assertThat(invoice.amountMinor()).isEqualTo(1250);
        assertThatThrownBy(() -> new GreenfieldClient.Invoice("i", "s", "Settled", "None", "12.505", "USD", "LL-1").amountMinor())
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void theInvoiceNeverOutlivesTheOrdersHold() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(GreenfieldClient.expirationMinutes(now, now.plus(Duration.ofHours(48)))).isEqualTo(2880);
        assertThat(GreenfieldClient.expirationMinutes(now, now.plusSeconds(90))).isEqualTo(1);
        assertThat(GreenfieldClient.expirationMinutes(now, now.plusSeconds(179))).isEqualTo(2);
        assertThat(GreenfieldClient.expirationMinutes(now, now.minusSeconds(5))).isEqualTo(1);
    }

    @Test
    void theSignatureIsAnHmacOfTheExactBody() {
        byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        String hex = BtcPayCheckoutTest.hmac("s3cret", body);
        assertThat(BtcPayWebhook.validSignature(secret, "sha256=" + hex, body)).isTrue();
        assertThat(BtcPayWebhook.validSignature(secret, "SHA256=" + hex.toUpperCase(), body)).isTrue();
        assertThat(BtcPayWebhook.validSignature(secret, "sha256=" + hex, "{\"a\":1}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(BtcPayWebhook.validSignature(secret, "sha256=" + hex.substring(2), body)).isFalse();
        assertThat(BtcPayWebhook.validSignature(secret, "sha256=xyz", body)).isFalse();
        assertThat(BtcPayWebhook.validSignature(secret, null, body)).isFalse();
        assertThat(BtcPayWebhook.validSignature(null, "sha256=" + hex, body)).isFalse();
    }
}
