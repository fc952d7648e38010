package app.ledgerline.bot.backend;

import app.ledgerline.bot.config.BotProperties;
import io.netty.channel.ChannelOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.graphql.client.ClientGraphQlResponse;
import org.springframework.graphql.client.FieldAccessException;
import org.springframework.graphql.client.GraphQlTransportException;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The one GraphQL-over-HTTP connection to the backend, with the bot's {@code BOT} bearer token. Every failure comes
 * out as a {@link BackendException} saying whether the backend was unreachable or answered with an error.
 */
@Component
public class BackendClient {

    private final HttpGraphQlClient client;
    private final BotProperties properties;

    public BackendClient(BotProperties properties) {
        this.properties = properties;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
                .responseTimeout(properties.backendTimeout());
        WebClient web = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .baseUrl(properties.backendUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.backendToken())
                .build();
        this.client = HttpGraphQlClient.create(web);
    }

    /** Runs the document and decodes the field at {@code path} (the operation's name in errors). */
    public <T> Mono<T> one(String document, Map<String, Object> variables, String path, Class<T> type) {
        return client.document(document)
                .variables(variables)
                .retrieve(path)
                .toEntity(type)
                .timeout(properties.backendTimeout())
                .onErrorMap(e -> !(e instanceof BackendException), e -> translate(path, e));
    }

    /** Like {@link #one} for a list field. */
    public <T> Mono<List<T>> list(String document, Map<String, Object> variables, String path, Class<T> type) {
        return client.document(document)
                .variables(variables)
                .retrieve(path)
                .toEntityList(type)
                .timeout(properties.backendTimeout())
                .onErrorMap(e -> !(e instanceof BackendException), e -> translate(path, e));
    }

    /** The whole response, for fields that may be null (an order that does not exist). */
    public Mono<ClientGraphQlResponse> execute(String operation, String document, Map<String, Object> variables) {
        return client.document(document)
                .variables(variables)
                .execute()
                .timeout(properties.backendTimeout())
                .flatMap(response -> response.isValid() && response.getErrors().isEmpty()
                        ? Mono.just(response)
                        : Mono.error(new BackendException(BackendException.Kind.ERROR, operation + " failed: "
                                + response.getErrors().stream().map(error -> error.getErrorType() + ": " + error.getMessage()).toList(), null)))
                .onErrorMap(e -> !(e instanceof BackendException), e -> translate(operation, e));
    }

    public static Map<String, Object> shopperInput(Shopper shopper) {
        var input = new java.util.LinkedHashMap<String, Object>();
        input.put("discordUserId", shopper.discordUserId());
        input.put("username", shopper.username());
        input.put("displayName", shopper.displayName());
        input.put("roleIds", shopper.roleIds());
        return input;
    }

    static BackendException translate(String operation, Throwable e) {
        if (e instanceof FieldAccessException access) {
            String errors = access.getResponse().getErrors().stream()
                    .map(error -> error.getErrorType() + ": " + error.getMessage())
                    .toList().toString();
            return new BackendException(BackendException.Kind.ERROR, operation + " failed: " + errors, e);
        }
        Throwable cause = e instanceof GraphQlTransportException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof WebClientResponseException response) {
            BackendException.Kind kind = response.getStatusCode().is5xxServerError()
                    ? BackendException.Kind.UNAVAILABLE : BackendException.Kind.ERROR;
            return new BackendException(kind, operation + ": backend answered HTTP " + response.getStatusCode().value(), e);
        }
        if (cause instanceof WebClientRequestException || cause instanceof TimeoutException
                || cause instanceof java.io.IOException) {
            return new BackendException(BackendException.Kind.UNAVAILABLE, operation + ": backend unreachable (" + cause.getClass().getSimpleName() + ")", e);
        }
        return new BackendException(BackendException.Kind.UNAVAILABLE, operation + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), e);
    }
}
