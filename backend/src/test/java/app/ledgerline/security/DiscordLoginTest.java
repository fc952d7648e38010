package app.ledgerline.security;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.FakeDiscordOAuth;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/** The whole Discord code flow against a local fake of Discord: role mapping, refusals, CSRF, session, WebSocket. */
@ExtendWith(OutputCaptureExtension.class)
class DiscordLoginTest extends SessionContextTestBase {

    private static final FakeDiscordOAuth DISCORD = FakeDiscordOAuth.get();

    @Autowired
    private DiscordLogin discordLogin;

    @AfterEach
    void realTime() {
        discordLogin.useClock(Clock.systemUTC());
    }

    private Browser signedIn(String userId, List<String> roles) {
        DISCORD.nextLogin(userId, roles);
        Browser browser = new Browser(api.url());
        assertThat(browser.login()).hasPath("/");
        return browser;
    }

    private static Map<String, Object> viewer(Browser browser) {
        var result = browser.graphql("{ viewer { name roles via } }");
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(200);
        return Api.obj(Api.obj(parse(result.getResponseBody()).get("data")).get("viewer"));
    }

    private static Map<String, Object> parse(String json) {
        return Api.obj(tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class));
    }

    @Test
    void anAdminSignsInWithTheConfiguredScopesAndGetsASessionCookie() {
        String user = Long.toString(Api.unique());
        DISCORD.nextLogin(user, List.of("111", FakeDiscordOAuth.ADMIN_ROLE));
        Browser browser = new Browser(api.url());
        URI authorize = browser.startLogin();
        var params = UriComponentsBuilder.fromUri(authorize).build().getQueryParams();
        assertThat(authorize.toString()).startsWith(DISCORD.baseUrl() + "/oauth2/authorize");
        assertThat(params.getFirst("response_type")).isEqualTo("code");
        assertThat(params.getFirst("client_id")).isEqualTo(FakeDiscordOAuth.CLIENT_ID);
        assertThat(java.net.URLDecoder.decode(params.getFirst("scope"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("identify guilds.members.read");
        assertThat(java.net.URLDecoder.decode(params.getFirst("redirect_uri"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(browser.base + "/login/oauth2/code/discord");
        assertThat(params.getFirst("state")).isNotBlank();

        var callback = browser.get(Browser.approve(authorize).toString());
        assertThat(callback.getStatus().value()).isEqualTo(302);
        assertThat(callback.getResponseHeaders().getLocation()).hasPath("/");
        var session = browser.lastSetCookies.get("LEDGERLINE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.isSecure()).as("plain http in the test").isFalse();
        assertThat(browser.cookies).containsKey("XSRF-TOKEN");

        assertThat(viewer(browser)).containsEntry("name", "discord:" + user).containsEntry("roles", List.of("ADMIN")).containsEntry("via", "DISCORD");
        // Admin operations, introspection and GraphiQL work with the session.
        assertThat(browser.graphql("mutation { createProduct(input: {sku: \"\", name: \"\", priceMinor: -1, kind: PHYSICAL}) { problems { code } } }")
                .getResponseBody()).contains("INVALID_INPUT").doesNotContain("FORBIDDEN");
        assertThat(browser.graphql("{ __schema { queryType { name } } }").getResponseBody()).contains("\"Query\"");
        var graphiql = browser.get("/graphiql?path=/graphql");
        assertThat(graphiql.getStatus().value()).isEqualTo(200);
        // GraphiQL's page puts the script-readable CSRF cookie's value into the header it sends with every request.
        assertThat(graphiql.getResponseBody()).contains("XSRF-TOKEN", "\"X-XSRF-TOKEN\"");
        assertThat(browser.lastSetCookies.get("XSRF-TOKEN").isHttpOnly()).isFalse();
    }

    @Test
    void theStaffRoleMapsToStaff() {
        Browser browser = signedIn(Long.toString(Api.unique()), List.of(FakeDiscordOAuth.STAFF_ROLE));
        assertThat(viewer(browser)).containsEntry("roles", List.of("STAFF"));
        assertThat(browser.graphql("{ customers(first: 1) { id } }").getResponseBody()).doesNotContain("FORBIDDEN");
        assertThat(browser.graphql("mutation { createProduct(input: {sku: \"\", name: \"\", priceMinor: -1, kind: PHYSICAL}) { problems { code } } }")
                .getResponseBody()).contains("FORBIDDEN");
        assertThat(browser.graphql("{ __schema { queryType { name } } }").getResponseBody()).doesNotContain("\"Query\"");
        assertThat(browser.get("/graphiql?path=/graphql").getStatus().value()).isEqualTo(403);
    }

    @Test
    void aDiscordUserWithNeitherRoleIsRefusedWithAClearPage() {
        for (List<String> roles : java.util.Arrays.asList(List.of("111", "222"), null)) {
            DISCORD.nextLogin(Long.toString(Api.unique()), roles);
            Browser browser = new Browser(api.url());
            URI end = browser.login();
            assertThat(end.toString()).endsWith("/login/refused?reason=no_role");
            var page = browser.get(end.toString());
            assertThat(page.getStatus().value()).isEqualTo(403);
            assertThat(page.getResponseHeaders().getContentType().toString()).startsWith("text/html");
            assertThat(page.getResponseBody()).contains("neither the admin nor the staff role");
            assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).isEqualTo(401);
        }
    }

    @Test
    void aStateMismatchIsRefused() {
        DISCORD.nextLogin(Long.toString(Api.unique()), List.of(FakeDiscordOAuth.ADMIN_ROLE));
        Browser browser = new Browser(api.url());
        URI callback = Browser.approve(browser.startLogin());
        String forged = UriComponentsBuilder.fromUri(callback).replaceQueryParam("state", "forged-state").build().toUriString();
        var result = browser.get(forged);
        assertThat(result.getStatus().value()).isEqualTo(302);
        assertThat(result.getResponseHeaders().getLocation().toString()).endsWith("/login/refused?reason=state");
        assertThat(browser.get("/login/refused?reason=state").getResponseBody()).contains("could not be verified");
        assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).isEqualTo(401);

        // A callback without any login started in this browser is refused the same way.
        Browser stranger = new Browser(api.url());
        assertThat(stranger.get(callback.toString()).getResponseHeaders().getLocation().toString()).endsWith("reason=state");
    }

    @Test
    void aFailedTokenExchangeIsRefused() {
        DISCORD.nextLogin(Long.toString(Api.unique()), List.of(FakeDiscordOAuth.ADMIN_ROLE));
        DISCORD.failNextTokenExchange();
        Browser browser = new Browser(api.url());
        assertThat(browser.login().toString()).endsWith("/login/refused?reason=token");
        assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).isEqualTo(401);
    }

    @Test
    void cookieRequestsNeedTheCsrfHeaderAndLogoutEndsTheSession() {
        Browser browser = signedIn(Long.toString(Api.unique()), List.of(FakeDiscordOAuth.ADMIN_ROLE));
        Map<String, String> query = Map.of("query", "{ viewer { name } }");
        assertThat(browser.post("/graphql", query, null).getStatus().value()).isEqualTo(403);
        assertThat(browser.post("/graphql", query, "not-the-token").getStatus().value()).isEqualTo(403);
        assertThat(browser.post("/graphql", query, browser.cookies.get("XSRF-TOKEN")).getStatus().value()).isEqualTo(200);

        assertThat(browser.post("/logout", Map.of(), null).getStatus().value()).isEqualTo(403);
        assertThat(browser.post("/logout", Map.of(), browser.cookies.get("XSRF-TOKEN")).getStatus().value()).isEqualTo(204);
        assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).isEqualTo(401);
    }

    @Test
    void rolesAreReadAgainAtMostEveryFewMinutes() {
        String user = Long.toString(Api.unique());
        Browser browser = signedIn(user, List.of(FakeDiscordOAuth.ADMIN_ROLE));
        assertThat(DISCORD.memberReads(user)).isEqualTo(1);

        DISCORD.setRoles(user, List.of(FakeDiscordOAuth.STAFF_ROLE));
        assertThat(viewer(browser)).containsEntry("roles", List.of("ADMIN"));
        assertThat(DISCORD.memberReads(user)).as("not re-read within the interval").isEqualTo(1);

        discordLogin.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)));
        assertThat(viewer(browser)).containsEntry("roles", List.of("STAFF"));
        assertThat(DISCORD.memberReads(user)).isEqualTo(2);
        assertThat(viewer(browser)).containsEntry("roles", List.of("STAFF"));
        assertThat(DISCORD.memberReads(user)).isEqualTo(2);

        DISCORD.setRoles(user, List.of());
        discordLogin.useClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(12)));
        assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).isEqualTo(401);
        assertThat(browser.graphql("{ viewer { name } }").getStatus().value()).as("the session is gone").isEqualTo(401);
    }

    @Test
    void theDashboardsWebSocketUsesTheSessionAndChecksTheOrigin() {
        String user = Long.toString(Api.unique());
        Browser browser = signedIn(user, List.of(FakeDiscordOAuth.STAFF_ROLE));
        var headers = new HttpHeaders();
        headers.set("Cookie", browser.cookieHeader());
        headers.set("X-Forwarded-For", browser.ip);
        headers.setOrigin("http://localhost:4200");
        var result = WebSocketProbe.run(api.url(), headers, "{}", WebSocketProbe.subscribe("1", "{ viewer { name roles } }"));
        assertThat(result.received()).anySatisfy(m -> assertThat(m).contains("\"name\":\"discord:" + user + "\"").contains("STAFF"));

        var anonymous = new HttpHeaders();
        anonymous.setOrigin("http://localhost:4200");
        var refused = WebSocketProbe.run(api.url(), anonymous, "{}", WebSocketProbe.subscribe("1", "{ viewer { name } }"));
        assertThat(refused.close()).isNotNull().satisfies(status -> assertThat(status.getCode()).isEqualTo(4401));
    }

    @Test
    void secretsNeverReachTheLogs(CapturedOutput output) {
        String user = Long.toString(Api.unique());
        Browser browser = signedIn(user, List.of(FakeDiscordOAuth.ADMIN_ROLE));
        viewer(browser);
        assertThat(output.getAll()).contains("Discord user " + user + " signed in")
                .doesNotContain(FakeDiscordOAuth.CLIENT_SECRET)
                .doesNotContain(FakeDiscordOAuth.accessTokenOf(user))
                .doesNotContain(browser.cookies.get("LEDGERLINE_SESSION"))
                .doesNotContain(Api.ADMIN_TOKEN).doesNotContain(Api.BOT_TOKEN);
    }
}
