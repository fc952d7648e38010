package app.ledgerline.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shop-wide settings.
 *
 * @param currency            ISO 4217 code every price is in
 * @param flatShippingMinor   added once to orders with a physical line
 * @param paymentHold         how long an unpaid order keeps its stock before it is cancelled
 * @param expirySweepInterval how often unpaid orders past their hold are looked for
 */
@ConfigurationProperties("ledgerline.shop")
public record ShopProperties(
        @DefaultValue("USD") String currency,
        @DefaultValue("0") long flatShippingMinor,
        @DefaultValue("48h") Duration paymentHold,
        @DefaultValue("30s") Duration expirySweepInterval) {
}
