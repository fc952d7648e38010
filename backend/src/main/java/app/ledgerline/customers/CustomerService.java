package app.ledgerline.customers;

import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.SqlPart;
import app.ledgerline.platform.Validator;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Customers are created and kept current from the Discord identity the bot passes with each storefront call. */
@Service
public class CustomerService {

    private static final String COLUMNS = "c.id, c.discord_user_id, c.username, c.display_name, c.notes, c.created_at";
    private static final String ADDRESS_COLUMNS = "a.id, a.customer_id, a.name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country, a.phone, a.is_default";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    CustomerService(DatabaseClient db, TransactionalOperator tx) {
        this.db = db;
        this.tx = tx;
    }

    /**
     * Creates or refreshes the customer and returns its id. In a transaction this also locks the customer's row until
     * commit, which serialises one customer's concurrent orders (purchase and discount limits stay exact).
     */
    public Mono<Long> upsert(ShopperInput shopper) {
        SqlPart upsert = upsertPart(shopper);
        return SqlPart.bind(db.sql("with " + upsert.ctes() + " select id from c"), List.of(upsert))
                .map(row -> Sql.getLong(row, "id"))
                .one();
    }

    /**
     * {@link #upsert} as part of another statement: the expression {@code c} is the customer's row ({@code id}),
     * created or refreshed.
     */
    public SqlPart upsertPart(ShopperInput shopper) {
        return SqlPart.of("""
                c as (
                    insert into customer (discord_user_id, username, display_name) values (:customer_id, :customer_username, :customer_display_name)
                    on conflict (discord_user_id) do update
                        set username = excluded.username, display_name = excluded.display_name, updated_at = now()
                    returning id)""", Map.of("customer_id", shopper.discordUserId(), "customer_username", shopper.username().strip(),
                "customer_display_name", SqlPart.nullable(blankToNull(shopper.displayName()), String.class)));
    }

    /** The Discord user id of a customer, for DMs and role changes. */
    public Mono<String> discordUserId(long customerId) {
        return db.sql("select discord_user_id from customer where id = :id").bind("id", customerId)
                .map(row -> row.get("discord_user_id", String.class)).one();
    }

    public Mono<Customer> findById(long id) {
        return db.sql("select " + COLUMNS + " from customer c where c.id = :id").bind("id", id).map(CustomerService::map).one();
    }

    public Flux<Customer> findAllById(Collection<Long> ids) {
        return db.sql("select " + COLUMNS + " from customer c where c.id = any(:ids)").bind("ids", ids.toArray(Long[]::new))
                .map(CustomerService::map).all();
    }

    /** By name (username or display name, partial), exact Discord user id, or order number; newest first. */
    public Flux<Customer> search(String text, int first) {
        int limit = Math.clamp(first, 1, 200);
        if (text == null || text.isBlank()) {
            return db.sql("select " + COLUMNS + " from customer c order by c.id desc limit :limit").bind("limit", limit)
                    .map(CustomerService::map).all();
        }
        String term = text.strip();
        String like = "%" + term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.sql("select " + COLUMNS + " from customer c where c.discord_user_id = :term"
                        + " or lower(c.username) like :like or lower(c.display_name) like :like"
                        + " or c.id = (select o.customer_id from customer_order o where o.number = upper(:term))"
                        + " order by c.id desc limit :limit")
                .bind("term", term).bind("like", like).bind("limit", limit)
                .map(CustomerService::map).all();
    }

    public Mono<Customer> setNotes(String customerId, String notes) {
        return Mono.fromCallable(() -> {
                    long id = Ids.parse("customerId", customerId);
                    new Validator().check(notes != null, "notes", "'notes' is required").optionalText("notes", notes, 5000).orThrow();
                    return id;
                })
                .flatMap(id -> db.sql("update customer set notes = :notes, updated_at = now() where id = :id")
                        .bind("notes", notes).bind("id", id).fetch().rowsUpdated()
                        .flatMap(n -> n == 0 ? Mono.error(new ProblemException(new Problem(ProblemCode.NOT_FOUND,
                                "No customer with id " + customerId, "customerId", null))) : findById(id)));
    }

    /** Saves an address for the shopper (created if new); the first one or one marked default becomes the default. */
    public Mono<Address> saveAddress(ShopperInput shopper, AddressInput input, boolean makeDefault) {
        return Mono.fromCallable(() -> {
                    var v = new Validator();
                    if (shopper == null) {
                        v.check(false, "shopper", "'shopper' is required");
                    } else {
                        shopper.validate(v, "shopper");
                    }
                    if (input == null) {
                        v.check(false, "address", "'address' is required");
                    } else {
                        input.validate(v, "address");
                    }
                    v.orThrow();
                    return input.normalized();
                })
                .flatMap(address -> upsert(shopper).flatMap(customerId -> db.sql("""
                                update customer_address set is_default = false
                                where customer_id = :customerId and is_default and :makeDefault""")
                        .bind("customerId", customerId).bind("makeDefault", makeDefault)
                        .then()
                        .then(insertAddress(customerId, address, makeDefault))))
                .as(tx::transactional);
    }

    private Mono<Address> insertAddress(long customerId, AddressInput a, boolean makeDefault) {
        var spec = db.sql("""
                        insert into customer_address (customer_id, name, line1, line2, city, region, postal_code, country, phone, is_default)
                        values (:customerId, :name, :line1, :line2, :city, :region, :postalCode, :country, :phone,
                                :makeDefault or not exists (select 1 from customer_address where customer_id = :customerId and is_default))
                        returning id, customer_id, name, line1, line2, city, region, postal_code, country, phone, is_default""")
                .bind("customerId", customerId).bind("name", a.name()).bind("line1", a.line1()).bind("city", a.city())
                .bind("postalCode", a.postalCode()).bind("country", a.country()).bind("makeDefault", makeDefault);
        spec = Sql.bind(spec, "line2", a.line2(), String.class);
        spec = Sql.bind(spec, "region", a.region(), String.class);
        spec = Sql.bind(spec, "phone", a.phone(), String.class);
        return spec.map(CustomerService::mapAddress).one();
    }

    public Flux<Address> addressesOf(long customerId) {
        return db.sql("select " + ADDRESS_COLUMNS + " from customer_address a where a.customer_id = :id order by a.is_default desc, a.id desc")
                .bind("id", customerId).map(CustomerService::mapAddress).all();
    }

    public Flux<Address> addressesOf(String discordUserId) {
        return db.sql("select " + ADDRESS_COLUMNS + " from customer_address a join customer c on c.id = a.customer_id"
                        + " where c.discord_user_id = :id order by a.is_default desc, a.id desc")
                .bind("id", discordUserId).map(CustomerService::mapAddress).all();
    }

    static Customer map(Readable row) {
        return new Customer(Sql.getLong(row, "id"), row.get("discord_user_id", String.class), row.get("username", String.class),
                row.get("display_name", String.class), row.get("notes", String.class), Sql.getInstant(row, "created_at"));
    }

    static Address mapAddress(Readable row) {
        return new Address(Sql.getLong(row, "id"), row.get("name", String.class), row.get("line1", String.class),
                row.get("line2", String.class), row.get("city", String.class), row.get("region", String.class),
                row.get("postal_code", String.class), row.get("country", String.class), row.get("phone", String.class),
                Boolean.TRUE.equals(row.get("is_default", Boolean.class)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
