package app.ledgerline.orders;

import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Human order numbers (LL-1001, LL-1002, ...) from the sequence {@code order_number_seq}, taken a block at a time so
 * that most orders need no round trip for theirs. Every number is handed out once; they follow the order of
 * placement only roughly (orders placed at the same moment may swap blocks, several backends interleave theirs), and a
 * restart skips what was left of a block, as a refused order skips its number.
 */
@Component
class OrderNumbers {

    static final int BLOCK = 10;

    private final DatabaseClient db;
    private final ConcurrentLinkedQueue<Long> ahead = new ConcurrentLinkedQueue<>();

    OrderNumbers(DatabaseClient db) {
        this.db = db;
    }

    Mono<String> next() {
        Long number = ahead.poll();
        if (number != null) {
            return Mono.just(format(number));
        }
        return db.sql("select nextval('order_number_seq') as number from generate_series(1, :count) order by 1")
                .bind("count", BLOCK)
                .map(row -> row.get("number", Long.class))
                .all()
                .collectList()
                .map(block -> {
                    ahead.addAll(block.subList(1, block.size()));
                    return format(block.getFirst());
                });
    }

    private static String format(long number) {
        return "LL-" + number;
    }
}
