package app.ledgerline.security;

import app.ledgerline.support.ApiTestBase;
import app.ledgerline.support.FakeDiscordOAuth;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A backend with Discord login pointed at {@link FakeDiscordOAuth}, small rate limits, and client addresses taken
 * from X-Forwarded-For (as behind a proxy), so each test can be its own client address. Shared by its subclasses.
 */
@TestPropertySource(properties = {
        "ledgerline.security.trust-forwarded-for=true",
        "ledgerline.security.rate-limit.ip-capacity=8",
        "ledgerline.security.rate-limit.ip-per-second=0.1",
        "ledgerline.security.rate-limit.principal-capacity=8",
        "ledgerline.security.rate-limit.principal-per-second=0.1"})
abstract class SessionContextTestBase extends ApiTestBase {

    @DynamicPropertySource
    static void discord(DynamicPropertyRegistry registry) {
        FakeDiscordOAuth.get().properties().forEach((key, value) -> registry.add(key, () -> value));
    }
}
