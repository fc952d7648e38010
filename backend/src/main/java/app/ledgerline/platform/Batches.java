package app.ledgerline.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shapes the result of one query for a whole {@code @BatchMapping} batch: values matched back to their parents. */
public final class Batches {

    private Batches() {
    }

    /** Each parent with its values (an empty list when it has none), in the parents' order. */
    public static <P, K, V> Mono<Map<P, List<V>>> grouped(List<P> parents, Function<P, K> parentKey, Flux<V> values,
                                                          Function<V, K> valueKey) {
        return values.collectMultimap(valueKey).map(byKey -> {
            Map<P, List<V>> result = new LinkedHashMap<>();
            for (P parent : parents) {
                Collection<V> found = byKey.get(parentKey.apply(parent));
                result.put(parent, found == null ? List.of() : List.copyOf(found));
            }
            return result;
        });
    }
}
