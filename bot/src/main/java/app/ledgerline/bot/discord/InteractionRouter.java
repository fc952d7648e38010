package app.ledgerline.bot.discord;

import discord4j.common.util.TokenUtil;
import discord4j.rest.http.client.ClientRequest;
import discord4j.rest.http.client.ClientResponse;
import discord4j.rest.http.client.DiscordWebClient;
import discord4j.rest.request.DefaultRouter;
import discord4j.rest.request.DiscordWebRequest;
import discord4j.rest.request.DiscordWebResponse;
import discord4j.rest.request.RateLimitRetryOperator;
import discord4j.rest.request.Router;
import discord4j.rest.request.RouterOptions;
import discord4j.rest.route.Routes;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Discord4J's REST router, except for the answers to interactions.
 *
 * <p>Discord4J 3.3.2 sends every request through a queue per rate-limit bucket that lets one request be in flight at a
 * time, and through a global limiter of 50 requests per second. Neither fits interaction responses: Discord does not
 * count interaction endpoints against the bot's global rate limit, and each interaction token is its own bucket, but
 * Discord4J puts every interaction callback in one bucket (the route has none of its "major parameters") and every
 * edit of an interaction's reply in another (the application's id is their webhook id). Under load the bot then
 * acknowledged about 25 interactions a second, one at a time, and acknowledgements waited for seconds (see the
 * interaction benchmark in the README).
 *
 * <p>So the interaction callback ({@code POST /interactions/{id}/{token}/callback}) and the interaction's webhook
 * requests ({@code /webhooks/{application id}/{token}...}: edit, fetch, delete or follow up the reply) go straight to
 * Discord, concurrently, with Discord4J's handling of a 429 (wait as long as Discord says, then retry). Every other
 * request (commands, members, roles, DMs, messages) goes through Discord4J's own router, unchanged.
 */
final class InteractionRouter implements Router {

    private static final String CALLBACK_TEMPLATE = Routes.INTERACTION_RESPONSE_CREATE.getUriTemplate();
    private static final String WEBHOOK_TEMPLATE = "/webhooks/{webhook.id}/{webhook.token}";

    private final Router standard;
    private final RouterOptions options;
    private final DiscordWebClient web;
    private final RateLimitRetryOperator rateLimitRetry = new RateLimitRetryOperator(Schedulers.parallel());
    /** The application's id, which is also the bot's user id (in the token) and the webhook id of its interactions. */
    private final long applicationId;

    InteractionRouter(RouterOptions options) {
        this.standard = new DefaultRouter(options);
        this.options = options;
        this.web = new DiscordWebClient(options.getReactorResources().getHttpClient(), options.getExchangeStrategies(),
                options.getAuthorizationScheme(), options.getToken(), options.getResponseTransformers(),
                options.getDiscordBaseUrl());
        this.applicationId = TokenUtil.getSelfId(options.getToken());
    }

    /**
     * Whether the request answers an interaction (and so is neither queued behind other requests nor globally limited):
     * the interaction's callback, or a request on the webhook of the application's interactions.
     */
    static boolean answersInteraction(DiscordWebRequest request, long applicationId) {
        String template = request.getRoute().getUriTemplate();
        return template.equals(CALLBACK_TEMPLATE)
                || template.startsWith(WEBHOOK_TEMPLATE)
                && request.getCompleteUri().startsWith("/webhooks/" + Long.toUnsignedString(applicationId) + "/");
    }

    @Override
    public DiscordWebResponse exchange(DiscordWebRequest request) {
        if (!answersInteraction(request, applicationId)) {
            return standard.exchange(request);
        }
        Mono<ClientResponse> response = Mono.defer(() -> web.exchange(new ClientRequest(request)))
                // What Discord4J's request queue does with a response: an HTTP error becomes a ClientException...
                .flatMap(answer -> answer.getHttpResponse().status().code() >= 400
                        ? answer.createException().flatMap(Mono::error)
                        : Mono.just(answer))
                // ...a 429 is retried after the time Discord asks for...
                .retryWhen(Retry.withThrowable(rateLimitRetry::apply))
                // ...and the configured response functions apply.
                .transform(responseFunctions(request));
        return new DiscordWebResponse(response, options.getReactorResources());
    }

    private Function<Mono<ClientResponse>, Mono<ClientResponse>> responseFunctions(DiscordWebRequest request) {
        return options.getResponseTransformers().stream()
                .map(function -> function.transform(request))
                .reduce(Function::andThen)
                .orElse(Function.identity());
    }
}
