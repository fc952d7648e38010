package app.ledgerline.alerts;

import app.ledgerline.platform.Sql;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class AlertRepository {

    static final String COLUMNS = """
            a.id, a.kind, a.severity, a.product_id, a.order_id, a.message, a.created_at, a.acknowledged_by,
            a.acknowledged_at, a.acknowledged_note""";

    private final DatabaseClient db;

    AlertRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Alert> findById(long id) {
        return db.sql("select " + COLUMNS + " from alert a where a.id = :id").bind("id", id).map(AlertRepository::map).one();
    }

    /** Newest first, keyset-paged below {@code beforeId}; fetches one extra row to tell if there is a next page. */
    Flux<Alert> list(AlertFilter filter, Long productId, Long orderId, Long beforeId, int limit) {
        var where = new ArrayList<String>();
        var binds = new ArrayList<Map.Entry<String, Object>>();
        if (filter.kinds() != null && !filter.kinds().isEmpty()) {
            where.add("a.kind = any(:kinds)");
            binds.add(Map.entry("kinds", filter.kinds().stream().map(Enum::name).toArray(String[]::new)));
        }
        if (filter.severities() != null && !filter.severities().isEmpty()) {
            where.add("a.severity = any(:severities)");
            binds.add(Map.entry("severities", filter.severities().stream().map(Enum::name).toArray(String[]::new)));
        }
        if (filter.acknowledged() != null) {
            where.add(filter.acknowledged() ? "a.acknowledged_at is not null" : "a.acknowledged_at is null");
        }
        if (productId != null) {
            where.add("a.product_id = :productId");
            binds.add(Map.entry("productId", productId));
        }
        if (orderId != null) {
            where.add("a.order_id = :orderId");
            binds.add(Map.entry("orderId", orderId));
        }
        if (beforeId != null) {
            where.add("a.id < :beforeId");
            binds.add(Map.entry("beforeId", beforeId));
        }
        var spec = db.sql("select " + COLUMNS + " from alert a"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by a.id desc limit :limit").bind("limit", limit);
        for (var bind : binds) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec.map(AlertRepository::map).all();
    }

    static Alert map(Readable row) {
        return new Alert(Sql.getLong(row, "id"), AlertKind.valueOf(row.get("kind", String.class)),
                Alerts.Severity.valueOf(row.get("severity", String.class)), row.get("product_id", Long.class),
                row.get("order_id", Long.class), row.get("message", String.class), Sql.getInstant(row, "created_at"),
                row.get("acknowledged_by", String.class), Sql.getInstant(row, "acknowledged_at"),
                row.get("acknowledged_note", String.class));
    }
}
