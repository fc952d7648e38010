package app.ledgerline.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in, limits and hardening ({@code ledgerline.security.*}; every value has an environment variable in
 * application.yml). Secrets here are never logged: {@link #toString()} of {@link Discord} hides the client secret.
 *
 * @param allowedOrigins origins whose browsers may open the dashboard's WebSocket (and call with the session cookie)
 * @param websocketRoles roles that may open a GraphQL WebSocket; a valid credential of another role is closed with 4403
 * @param trustForwardedFor take the client address for rate limits and the audit log from the last
 *                       {@code X-Forwarded-For} entry (only behind a reverse proxy that sets it)
 */
@ConfigurationProperties("ledgerline.security")
public record SecurityProperties(
        @DefaultValue Discord discord,
        @DefaultValue GraphQl graphql,
        @DefaultValue RateLimits rateLimit,
        @DefaultValue Session session,
        @DefaultValue({"http://localhost:8080", "http://localhost:4200"}) List<String> allowedOrigins,
        @DefaultValue({"ADMIN", "STAFF", "BOT"}) List<Role> websocketRoles,
        @DefaultValue("false") boolean trustForwardedFor,
        @DefaultValue("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https://cdn.discordapp.com; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
        String contentSecurityPolicy) {

    /**
     * Discord login for admins and staff. Login is on when a client id is set.
     *
     * @param roleRecheckInterval how long a signed-in session keeps the roles it read before they are read again
     */
    public record Discord(
            @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecret,
            @DefaultValue("") String guildId,
            @DefaultValue List<String> adminRoleIds,
            @DefaultValue List<String> staffRoleIds,
            @DefaultValue("https://discord.com/oauth2/authorize") String authorizeUri,
            @DefaultValue("https://discord.com/api/oauth2/token") String tokenUri,
            @DefaultValue("https://discord.com/api/v10") String apiBaseUrl,
            @DefaultValue("{baseUrl}/login/oauth2/code/{registrationId}") String redirectUri,
            @DefaultValue("5m") Duration roleRecheckInterval,
            @DefaultValue("/") String successUrl) {

        public boolean enabled() {
            return clientId != null && !clientId.isBlank();
        }

        @Override
        public String toString() {
            return "Discord[clientId=" + clientId + ", clientSecret=" + (clientSecret.isEmpty() ? "" : "***") + ", guildId=" + guildId
                    + ", adminRoleIds=" + adminRoleIds + ", staffRoleIds=" + staffRoleIds + "]";
        }
    }

    /**
     * Limits on every GraphQL request (HTTP and WebSocket).
     *
     * @param maxDocumentChars checked before the document is parsed
     */
    public record GraphQl(
            @DefaultValue("15") int maxDepth,
            @DefaultValue("1000") int maxComplexity,
            @DefaultValue("16384") int maxDocumentChars,
            @DefaultValue("20") int maxOperationsPerConnection) {
    }

    /**
     * Token buckets: {@code *Capacity} requests at once, refilled at {@code *PerSecond}. {@code ip*}: per client
     * address, for unauthenticated requests, failed credentials and webhooks; {@code principal*}: per signed-in caller
     * (token or Discord login); {@code bot*}: per BOT principal, which carries the whole storefront's traffic.
     */
    public record RateLimits(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("300") int ipCapacity,
            @DefaultValue("50") double ipPerSecond,
            @DefaultValue("600") int principalCapacity,
            @DefaultValue("100") double principalPerSecond,
            @DefaultValue("10000") int botCapacity,
            @DefaultValue("5000") double botPerSecond) {
    }

    /**
     * @param secureCookie {@code auto}: Secure when the request came over TLS (directly or per X-Forwarded-Proto with
     *                     {@code server.forward-headers-strategy}); {@code always}; {@code never}
     */
    public record Session(
            @DefaultValue("LEDGERLINE_SESSION") String cookieName,
            @DefaultValue("auto") String secureCookie,
            @DefaultValue("Lax") String sameSite) {
    }
}
