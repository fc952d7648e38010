package app.ledgerline.payments.btcpay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * BTCPay Server (Greenfield API). With {@code url}, {@code storeId} and {@code apiKey} set, BTC orders get a BTCPay
 * invoice and are confirmed by its webhook; otherwise BTC is the manual address flow.
 *
 * @param url            the server's base URL ({@code LEDGERLINE_BTCPAY_URL}), e.g. https://btcpay.example.com
 * @param storeId        the store the invoices belong to ({@code LEDGERLINE_BTCPAY_STORE_ID})
 * @param apiKey         a Greenfield API key with invoice permissions on that store ({@code LEDGERLINE_BTCPAY_API_KEY})
 * @param webhookSecret  the store webhook's secret ({@code LEDGERLINE_BTCPAY_WEBHOOK_SECRET}); without it every
 *                       delivery is refused
 * @param connectTimeout how long to wait for a connection to BTCPay
 * @param responseTimeout how long to wait for BTCPay's whole answer
 */
@ConfigurationProperties("ledgerline.btcpay")
public record BtcPayProperties(
        String url,
        String storeId,
        String apiKey,
        String webhookSecret,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration responseTimeout) {

    /** URL, store and key are all set. */
    public boolean configured() {
        return present(url) && present(storeId) && present(apiKey);
    }

    public boolean webhookSecretSet() {
        return present(webhookSecret);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints the key or the secret. */
    @Override
    public String toString() {
        return "BtcPayProperties[url=" + url + ", storeId=" + storeId + ", apiKey=" + (present(apiKey) ? "<set>" : "<unset>")
                + ", webhookSecret=" + (present(webhookSecret) ? "<set>" : "<unset>") + ", connectTimeout=" + connectTimeout
                + ", responseTimeout=" + responseTimeout + "]";
    }
}
