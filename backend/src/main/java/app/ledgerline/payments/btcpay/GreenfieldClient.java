package app.ledgerline.payments.btcpay;

import app.ledgerline.orders.Order;
import app.ledgerline.payments.BtcPayInvoices;
import io.netty.channel.ChannelOption;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two Greenfield calls Ledgerline makes: create an invoice for an order, and read an invoice back. Authenticates
 * with {@code Authorization: token KEY}; the key is never logged.
 */
public class GreenfieldClient implements BtcPayInvoices {

    /** An invoice as BTCPay reports it now. {@code amount} is a decimal string in {@code currency}. */
    public record Invoice(String id, String storeId, String status, String additionalStatus, String amount, String currency,
                          String orderId) {

        /** The amount in minor units of its currency; exact, or an error when it has more decimals than the currency. */
        public long amountMinor() {
            int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
            return new BigDecimal(amount).setScale(digits).unscaledValue().longValueExact();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebClient web;
    private final String storeId;
    private final Duration responseTimeout;

    GreenfieldClient(BtcPayProperties properties) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        this.web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.url().strip().replaceAll("/+$", ""))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "token " + properties.apiKey().strip())
                .defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
                .build();
        this.storeId = properties.storeId().strip();
        this.responseTimeout = properties.responseTimeout();
    }

    public String storeId() {
        return storeId;
    }

    @Override
    public Mono<CreatedInvoice> create(Order order, Instant expiresAt) {
        return Mono.fromCallable(() -> JSON.writeValueAsString(invoiceRequest(order, expiresAt, Instant.now())))
                .flatMap(body -> web.post().uri("/api/v1/stores/{storeId}/invoices", storeId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .retrieve()
                        .bodyToMono(String.class))
                .timeout(responseTimeout.multipliedBy(2))
                .map(response -> {
                    JsonNode json = JSON.readTree(response);
                    String id = text(json, "id");
                    String link = text(json, "checkoutLink");
                    if (id == null || link == null) {
                        throw new IllegalStateException("BTCPay answered without an invoice id or checkout link");
                    }
                    return new CreatedInvoice(id, link);
                });
    }

    /** The request body of an invoice for the order, expiring with (never after) the order's hold. */
    static Map<String, Object> invoiceRequest(Order order, Instant expiresAt, Instant now) {
        var body = new LinkedHashMap<String, Object>();
        body.put("amount", decimal(order.totalMinor(), order.currency()));
        body.put("currency", order.currency());
        body.put("metadata", Map.of("orderId", order.number(), "orderNumber", order.number()));
        body.put("checkout", Map.of("expirationMinutes", expirationMinutes(now, expiresAt)));
        return body;
    }

    /** Whole minutes left until {@code expiresAt}, rounded down so the invoice never outlives the hold; at least 1. */
    static long expirationMinutes(Instant now, Instant expiresAt) {
        return Math.max(1, Duration.between(now, expiresAt).toMinutes());
    }

    /** Minor units as the decimal string Greenfield expects: 1250 USD is "12.50". */
    static String decimal(long amountMinor, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return BigDecimal.valueOf(amountMinor, digits).toPlainString();
    }

    /** Reads the invoice as BTCPay holds it now. */
    public Mono<Invoice> invoice(String invoiceId) {
        return web.get().uri("/api/v1/stores/{storeId}/invoices/{invoiceId}", storeId, invoiceId)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(responseTimeout.multipliedBy(2))
                .map(response -> {
                    JsonNode json = JSON.readTree(response);
                    JsonNode metadata = json.path("metadata");
                    return new Invoice(text(json, "id"), text(json, "storeId"), text(json, "status"), text(json, "additionalStatus"),
                            text(json, "amount"), text(json, "currency"), metadata.isObject() ? text(metadata, "orderId") : null);
                });
    }

    static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
