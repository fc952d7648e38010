package app.ledgerline.catalog;

import static app.ledgerline.platform.Sql.getInstant;
import static app.ledgerline.platform.Sql.getNullableInt;
import static app.ledgerline.platform.Sql.getTextArray;

import app.ledgerline.platform.Sql;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class ProductRepository {

    /** Every column of {@code product p}, as {@link #map} reads them. */
    public static final String COLUMNS = """
            p.id, p.sku, p.name, p.description, p.price_minor, p.currency, p.kind, p.track_inventory,
            p.required_role_ids, p.granted_role_ids, p.weight_grams, p.length_mm, p.width_mm, p.height_mm,
            p.image_url, p.low_stock_threshold, p.per_customer_limit, p.archived_at, p.created_at, p.updated_at""";

    private final DatabaseClient db;

    ProductRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Product> findById(long id) {
        return db.sql("select " + COLUMNS + " from product p where p.id = :id").bind("id", id).map(ProductRepository::map).one();
    }

    public Flux<Product> findAllById(Collection<Long> ids) {
        return db.sql("select " + COLUMNS + " from product p where p.id = any(:ids) order by p.id")
                .bind("ids", ids.toArray(Long[]::new))
                .map(ProductRepository::map)
                .all();
    }

    public Flux<Product> findAll(boolean includeArchived) {
        return db.sql("select " + COLUMNS + " from product p"
                        + (includeArchived ? "" : " where p.archived_at is null") + " order by p.name, p.id")
                .map(ProductRepository::map)
                .all();
    }

    /** Active products a member with these roles may see (empty required roles: everyone). */
    public Flux<Product> findVisibleTo(Collection<String> roleIds) {
        return db.sql("select " + COLUMNS + " from product p where p.archived_at is null"
                        + " and (cardinality(p.required_role_ids) = 0 or p.required_role_ids && :roles) order by p.name, p.id")
                .bind("roles", roleIds.toArray(String[]::new))
                .map(ProductRepository::map)
                .all();
    }

    public static Product map(Readable row) {
        return new Product(
                Sql.getLong(row, "id"),
                row.get("sku", String.class),
                row.get("name", String.class),
                row.get("description", String.class),
                Sql.getLong(row, "price_minor"),
                row.get("currency", String.class),
                ProductKind.valueOf(row.get("kind", String.class)),
                Boolean.TRUE.equals(row.get("track_inventory", Boolean.class)),
                getTextArray(row, "required_role_ids"),
                getTextArray(row, "granted_role_ids"),
                getNullableInt(row, "weight_grams"),
                getNullableInt(row, "length_mm"),
                getNullableInt(row, "width_mm"),
                getNullableInt(row, "height_mm"),
                row.get("image_url", String.class),
                Sql.getInt(row, "low_stock_threshold"),
                getNullableInt(row, "per_customer_limit"),
                getInstant(row, "archived_at"),
                getInstant(row, "created_at"),
                getInstant(row, "updated_at"));
    }
}
