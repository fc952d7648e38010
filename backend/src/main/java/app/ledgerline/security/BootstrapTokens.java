package app.ledgerline.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tokens given by the environment at start ({@code LEDGERLINE_ADMIN_TOKEN}, {@code LEDGERLINE_BOT_TOKEN}): how local
 * use, CI and the bot get in before any token exists in the database. Only their hashes are kept in memory.
 */
@Component
class BootstrapTokens {

    record Bootstrap(String principal, Role role, byte[] hash) {
    }

    private final List<Bootstrap> tokens = new ArrayList<>();

    BootstrapTokens(@Value("${LEDGERLINE_ADMIN_TOKEN:}") String adminToken,
                    @Value("${LEDGERLINE_BOT_TOKEN:}") String botToken) {
        add("bootstrap-admin", Role.ADMIN, adminToken);
        add("bot", Role.BOT, botToken);
    }

    private void add(String principal, Role role, String token) {
        if (token != null && !token.isBlank()) {
            tokens.add(new Bootstrap(principal, role, TokenHash.sha256(token)));
        }
    }

    Optional<Bootstrap> match(byte[] hash) {
        return tokens.stream().filter(token -> MessageDigest.isEqual(token.hash(), hash)).findFirst();
    }
}
