package app.ledgerline.payments.btcpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/btcpay}: BTCPay's store webhook. The raw body must carry
 * {@code BTCPay-Sig: sha256=<hex HMAC-SHA256(secret, body)>}, else 401 and nothing changes. A delivery of this
 * store's invoice is acted on once (keyed by its original delivery id); the invoice is re-read from BTCPay before the
 * transaction starts, and what BTCPay says now decides, not the event type, so repeated and out-of-order deliveries
 * change nothing twice.
 */
public class BtcPayWebhook {

    static final String PATH = "/webhooks/btcpay";
    static final String SIGNATURE_HEADER = "BTCPay-Sig";

    /** The fields of a delivery Ledgerline uses. {@code key} identifies the delivery across redeliveries. */
    record Delivery(String deliveryId, String webhookId, String originalDeliveryId, boolean redelivery, String type,
                    String invoiceId, String storeId) {

        String key() {
            return originalDeliveryId != null && !originalDeliveryId.isBlank() ? originalDeliveryId : deliveryId;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BtcPayWebhook.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] secret;
    private final GreenfieldClient client;
    private final BtcPaySettlement settlement;

    BtcPayWebhook(BtcPayProperties properties, GreenfieldClient client, BtcPaySettlement settlement) {
        this.secret = properties.webhookSecretSet() ? properties.webhookSecret().getBytes(StandardCharsets.UTF_8) : null;
        this.client = client;
        this.settlement = settlement;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String signature = request.headers().firstHeader(SIGNATURE_HEADER);
        return request.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    if (!validSignature(secret, signature, body)) {
                        log.warn("Refused a BTCPay webhook delivery with a {} signature", signature == null ? "missing" : "wrong");
                        return respond(HttpStatus.UNAUTHORIZED, "Bad signature");
                    }
                    Delivery delivery;
                    try {
                        delivery = parse(body);
                    } catch (RuntimeException e) {
                        return respond(HttpStatus.BAD_REQUEST, "Not a BTCPay webhook delivery");
                    }
                    return process(delivery);
                })
                .onErrorResume(DataBufferLimitException.class, e -> respond(HttpStatus.CONTENT_TOO_LARGE, "Too large"));
    }

    private Mono<ServerResponse> process(Delivery delivery) {
        if (delivery.key() == null || delivery.key().isBlank()) {
            return respond(HttpStatus.BAD_REQUEST, "No deliveryId");
        }
        if (!client.storeId().equals(delivery.storeId()) || delivery.invoiceId() == null || delivery.invoiceId().isBlank()) {
            // Another store's invoice, or an event about no invoice (a test ping): nothing of ours.
            return respond(HttpStatus.OK, "ignored");
        }
        return settlement.seen(delivery.key()).flatMap(seen -> {
            if (seen) {
                return respond(HttpStatus.OK, "duplicate");
            }
            return client.invoice(delivery.invoiceId())
                    .flatMap(invoice -> settlement.apply(delivery, invoice)
                            .flatMap(outcome -> respond(HttpStatus.OK, outcome))
                            .onErrorResume(e -> {
                                log.error("BTCPay delivery {} ({} of invoice {}) failed; BTCPay will redeliver it", delivery.deliveryId(),
                                        delivery.type(), delivery.invoiceId(), e);
                                return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Failed");
                            }))
                    .switchIfEmpty(Mono.defer(() -> respond(HttpStatus.SERVICE_UNAVAILABLE, "BTCPay returned no invoice")))
                    // The settlement answers its own failures above: what arrives here is the re-read failing.
                    .onErrorResume(WebClientResponseException.NotFound.class, e -> respond(HttpStatus.OK, "ignored: no such invoice at BTCPay"))
                    .onErrorResume(e -> {
                        log.warn("Could not re-read BTCPay invoice {} for delivery {}: {}", delivery.invoiceId(), delivery.deliveryId(), e.toString());
                        return respond(HttpStatus.SERVICE_UNAVAILABLE, "Could not re-read the invoice");
                    });
        });
    }

    static Delivery parse(byte[] body) {
        JsonNode json = JSON.readTree(body);
        if (!json.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        JsonNode redelivery = json.get("isRedelivery");
        return new Delivery(GreenfieldClient.text(json, "deliveryId"), GreenfieldClient.text(json, "webhookId"),
                GreenfieldClient.text(json, "originalDeliveryId"), redelivery != null && redelivery.asBoolean(),
                GreenfieldClient.text(json, "type"), GreenfieldClient.text(json, "invoiceId"), GreenfieldClient.text(json, "storeId"));
    }

    /** {@code sha256=<hex>} of the body under the secret, compared in constant time; no secret accepts nothing. */
    static boolean validSignature(byte[] secret, String header, byte[] body) {
        if (secret == null || header == null) {
            return false;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "sha256=", 0, 7)) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(7));
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static Mono<ServerResponse> respond(HttpStatus status, String text) {
        return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(text);
    }
}
