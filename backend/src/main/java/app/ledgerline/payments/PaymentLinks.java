package app.ledgerline.payments;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links a customer opens from Discord without signing in (the printable invoice): the URL carries an HMAC of what it
 * shows, so only someone given the link can open it.
 */
@Component
public class PaymentLinks {

    private static final Logger log = LoggerFactory.getLogger(PaymentLinks.class);

    private final String publicBaseUrl;
    private final byte[] secret;

    PaymentLinks(@Value("${ledgerline.public-base-url:http://localhost:8080}") String publicBaseUrl,
                 @Value("${ledgerline.link-secret:}") String secret) {
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        if (secret == null || secret.isBlank()) {
            log.warn("LEDGERLINE_LINK_SECRET is not set: invoice links will stop working when the backend restarts");
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        } else {
            this.secret = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    public String invoiceUrl(String invoiceNumber) {
        return publicBaseUrl + "/invoices/" + invoiceNumber + "?t=" + sign(invoiceNumber);
    }

    public boolean validInvoiceToken(String invoiceNumber, String token) {
        return token != null && MessageDigest.isEqual(sign(invoiceNumber).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("invoice:" + value).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
