package app.ledgerline.catalog;

import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.ShopProperties;
import app.ledgerline.platform.Sql;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** Creates, edits, archives and restores products. Every product gets its stock row when it is created. */
@Service
public class CatalogService {

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ProductRepository products;
    private final ShopProperties shop;

    CatalogService(DatabaseClient db, TransactionalOperator tx, ProductRepository products, ShopProperties shop) {
        this.db = db;
        this.tx = tx;
        this.products = products;
        this.shop = shop;
    }

    public Mono<Product> create(ProductInput input) {
        return Mono.fromRunnable(input::validate)
                .then(bindFields(db.sql("""
                        with created as (
                            insert into product (sku, name, description, price_minor, currency, kind, track_inventory,
                                required_role_ids, granted_role_ids, weight_grams, length_mm, width_mm, height_mm,
                                image_url, low_stock_threshold, per_customer_limit)
                            values (:sku, :name, :description, :priceMinor, :currency, :kind, :trackInventory,
                                :requiredRoleIds, :grantedRoleIds, :weightGrams, :lengthMm, :widthMm, :heightMm,
                                :imageUrl, :lowStockThreshold, :perCustomerLimit)
                            returning id),
                        stock as (insert into stock_level (product_id) select id from created)
                        select id from created"""), input)
                        .bind("currency", shop.currency())
                        .map(row -> Sql.getLong(row, "id"))
                        .one())
                .as(tx::transactional)
                .onErrorMap(DuplicateKeyException.class, e -> duplicateSku(input))
                .flatMap(products::findById);
    }

    public Mono<Product> update(String id, ProductInput input) {
        return Mono.fromCallable(() -> {
                    long productId = Ids.parse("id", id);
                    input.validate();
                    return productId;
                })
                .flatMap(productId -> bindFields(db.sql("""
                        update product set sku = :sku, name = :name, description = :description,
                            price_minor = :priceMinor, kind = :kind, track_inventory = :trackInventory,
                            required_role_ids = :requiredRoleIds, granted_role_ids = :grantedRoleIds,
                            weight_grams = :weightGrams, length_mm = :lengthMm, width_mm = :widthMm, height_mm = :heightMm,
                            image_url = :imageUrl, low_stock_threshold = :lowStockThreshold,
                            per_customer_limit = :perCustomerLimit, updated_at = now()
                        where id = :id"""), input)
                        .bind("id", productId)
                        .fetch().rowsUpdated()
                        .flatMap(updated -> updated == 0 ? Mono.error(notFound(id)) : products.findById(productId)))
                .as(tx::transactional)
                .onErrorMap(DuplicateKeyException.class, e -> duplicateSku(input));
    }

    public Mono<Product> setArchived(String id, boolean archived) {
        return Mono.fromCallable(() -> Ids.parse("id", id))
                .flatMap(productId -> db.sql("update product set archived_at = "
                                + (archived ? "coalesce(archived_at, now())" : "null") + ", updated_at = now() where id = :id")
                        .bind("id", productId)
                        .fetch().rowsUpdated()
                        .flatMap(updated -> updated == 0 ? Mono.error(notFound(id)) : products.findById(productId)));
    }

    private static GenericExecuteSpec bindFields(GenericExecuteSpec spec, ProductInput input) {
        spec = spec.bind("sku", input.sku())
                .bind("name", input.name().strip())
                .bind("description", input.description())
                .bind("priceMinor", input.priceMinor())
                .bind("kind", input.kind().name())
                .bind("trackInventory", input.trackInventory())
                .bind("requiredRoleIds", Sql.textArray(input.requiredRoleIds()))
                .bind("grantedRoleIds", Sql.textArray(input.grantedRoleIds()))
                .bind("lowStockThreshold", input.lowStockThreshold());
        spec = Sql.bind(spec, "weightGrams", input.weightGrams(), Integer.class);
        spec = Sql.bind(spec, "lengthMm", input.lengthMm(), Integer.class);
        spec = Sql.bind(spec, "widthMm", input.widthMm(), Integer.class);
        spec = Sql.bind(spec, "heightMm", input.heightMm(), Integer.class);
        spec = Sql.bind(spec, "imageUrl", input.imageUrl() == null || input.imageUrl().isEmpty() ? null : input.imageUrl(), String.class);
        return Sql.bind(spec, "perCustomerLimit", input.perCustomerLimit(), Integer.class);
    }

    private static ProblemException duplicateSku(ProductInput input) {
        return new ProblemException(new Problem(ProblemCode.DUPLICATE, "A product with SKU '" + input.sku() + "' already exists", "input.sku", null));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No product with id " + id, "id", id));
    }
}
