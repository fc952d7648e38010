package app.ledgerline.platform;

import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The shape of every mutation result: a value, or the problems that stopped it. The schema's payload types
 * (OrderPayload, ProductPayload...) all read {@code problems} plus one named field, mapped by {@link #value()}.
 */
public record Payload<T>(T value, List<Problem> problems) {

    public static <T> Payload<T> ok(T value) {
        return new Payload<>(value, List.of());
    }

    public static <T> Payload<T> failed(List<Problem> problems) {
        return new Payload<>(null, problems);
    }

    /** Runs the work and turns a {@link ProblemException} into a failed payload. */
    public static <T> Mono<Payload<T>> of(Mono<T> work) {
        return work.map(Payload::ok)
                .onErrorResume(ProblemException.class, e -> Mono.just(failed(e.problems())));
    }

    public <R> Payload<R> map(Function<T, R> mapper) {
        return value == null ? new Payload<>(null, problems) : new Payload<>(mapper.apply(value), problems);
    }
}
