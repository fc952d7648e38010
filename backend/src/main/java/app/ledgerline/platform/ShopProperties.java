package app.ledgerline.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shop-wide settings.
 *
 * @param currency            ISO 4217 code every price is in
 * @param flatShippingMinor   added once to orders with a physical line
 * @param paymentHold         how long an unpaid order keeps its stock before it is cancelled (invoices: until due, if later)
 * @param expirySweepInterval how often unpaid orders past their hold are looked for
 * @param settingsCacheTtl    how long payment method settings and automatic discounts are kept in memory; a change
 *                            made through this instance applies at once, one made through another instance (or in the
 *                            database directly) after at most this long
 */
@ConfigurationProperties("ledgerline.shop")
public record ShopProperties(
        @DefaultValue("USD") String currency,
        @DefaultValue("0") long flatShippingMinor,
        @DefaultValue("48h") Duration paymentHold,
        @DefaultValue("30s") Duration expirySweepInterval,
        @DefaultValue("5s") Duration settingsCacheTtl) {
}
