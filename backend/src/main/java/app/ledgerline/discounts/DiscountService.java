package app.ledgerline.discounts;

import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Money;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.SettingsCache;
import app.ledgerline.platform.ShopProperties;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.SqlPart;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Discount configuration, and the choice of the one discount an order gets: the best of the automatic discounts
 * that fit and the code the shopper entered. Usage is counted only when an order is placed, and given back when an
 * unpaid order is cancelled.
 */
@Service
public class DiscountService {

    /** What a discount can apply to: one priced cart line. */
    public record PricedLine(long productId, long lineTotalMinor) {
    }

    private static final String COLUMNS = """
            id, name, code, kind, percent_off, amount_off_minor, currency, customer_discord_ids, product_ids,
            starts_at, ends_at, max_uses_total, max_uses_per_customer, uses, active, created_at""";

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final ShopProperties shop;
    /** The active automatic (code-less) discounts, which every order considers; the writes below invalidate it. */
    private final SettingsCache<List<Discount>> automatic;

    DiscountService(DatabaseClient db, TransactionalOperator tx, ShopProperties shop) {
        this.db = db;
        this.tx = tx;
        this.shop = shop;
        this.automatic = new SettingsCache<>(shop.settingsCacheTtl(), () -> candidates(null).collectList());
    }

    public Flux<Discount> list(boolean includeInactive) {
        return db.sql("select " + COLUMNS + " from discount" + (includeInactive ? "" : " where active") + " order by id desc")
                .map(DiscountService::map).all();
    }

    public Mono<Discount> findById(long id) {
        return db.sql("select " + COLUMNS + " from discount where id = :id").bind("id", id).map(DiscountService::map).one();
    }

    public Mono<Discount> create(DiscountInput input) {
        return Mono.fromCallable(input::validate)
                .flatMap(productIds -> bind(db.sql("""
                        insert into discount (name, code, kind, percent_off, amount_off_minor, currency, customer_discord_ids,
                            product_ids, starts_at, ends_at, max_uses_total, max_uses_per_customer)
                        values (:name, :code, :kind, :percentOff, :amountOffMinor, :currency, :customerIds, :productIds,
                            :startsAt, :endsAt, :maxUsesTotal, :maxUsesPerCustomer)
                        returning id"""), input, productIds)
                        .bind("currency", shop.currency())
                        .map(row -> Sql.getLong(row, "id")).one())
                .flatMap(this::findById)
                .as(tx::transactional)
                .as(automatic::invalidatedBy)
                .onErrorMap(DuplicateKeyException.class, e -> duplicateCode(input));
    }

    public Mono<Discount> update(String id, DiscountInput input) {
        return Mono.fromCallable(() -> Map.entry(Ids.parse("id", id), input.validate()))
                .flatMap(entry -> bind(db.sql("""
                        update discount set name = :name, code = :code, kind = :kind, percent_off = :percentOff,
                            amount_off_minor = :amountOffMinor, customer_discord_ids = :customerIds, product_ids = :productIds,
                            starts_at = :startsAt, ends_at = :endsAt, max_uses_total = :maxUsesTotal,
                            max_uses_per_customer = :maxUsesPerCustomer, updated_at = now()
                        where id = :id"""), input, entry.getValue())
                        .bind("id", entry.getKey())
                        .fetch().rowsUpdated()
                        .flatMap(n -> n == 0 ? Mono.error(notFound(id)) : findById(entry.getKey())))
                .as(tx::transactional)
                .as(automatic::invalidatedBy)
                .onErrorMap(DuplicateKeyException.class, e -> duplicateCode(input));
    }

    public Mono<Discount> setActive(String id, boolean active) {
        return Mono.fromCallable(() -> Ids.parse("id", id))
                .flatMap(discountId -> db.sql("update discount set active = :active, updated_at = now() where id = :id")
                        .bind("active", active).bind("id", discountId).fetch().rowsUpdated()
                        .flatMap(n -> n == 0 ? Mono.error(notFound(id)) : findById(discountId)))
                .as(tx::transactional)
                .as(automatic::invalidatedBy);
    }

    /**
     * The best discount for this cart, or empty. A code that cannot be used is a problem (invalid, expired, not for
     * this customer, used up, or covering nothing in the cart); a better automatic discount still wins over a valid code.
     */
    public Mono<Optional<AppliedDiscount>> best(String discordUserId, List<PricedLine> lines, String code, Instant now) {
        String wanted = code == null || code.isBlank() ? null : code.strip().toUpperCase(Locale.ROOT);
        // A typed code is read fresh, and so is a total limit: its use count changes with every order.
        Mono<List<Discount>> candidates = wanted != null ? candidates(wanted).collectList()
                : automatic.get().flatMap(found -> found.stream().anyMatch(d -> d.maxUsesTotal() != null)
                        ? candidates(null).collectList() : Mono.just(found));
        return candidates.flatMap(found -> usesByCustomer(discordUserId, found).map(used -> {
            Discount withCode = wanted == null ? null : found.stream().filter(d -> wanted.equals(d.code())).findFirst()
                    .orElseThrow(() -> codeProblem(ProblemCode.DISCOUNT_CODE_INVALID, "There is no discount code " + wanted));
            if (withCode != null) {
                requireUsable(withCode, discordUserId, used, lines, now);
            }
            List<AppliedDiscount> options = new ArrayList<>();
            for (Discount d : found) {
                if (d.code() == null && d.inWindow(now) && d.forCustomer(discordUserId) && !d.totalLimitReached()
                        && !perCustomerLimitReached(d, used)) {
                    applied(d, lines).ifPresent(options::add);
                }
            }
            if (withCode != null) {
                applied(withCode, lines).ifPresent(options::add);
            }
            // Ties go to the code the shopper typed, then to the older discount.
            return options.stream().max(Comparator
                    .comparingLong((AppliedDiscount a) -> a.amount().amountMinor())
                    .thenComparing(a -> a.code() != null)
                    .thenComparing(a -> -a.id()));
        }));
    }

    /** The active automatic discounts, and the active one with {@code code} when not null. */
    private Flux<Discount> candidates(String code) {
        return Sql.bind(db.sql("select " + COLUMNS + " from discount where active and (code is null or code = :code)"), "code", code, String.class)
                .map(DiscountService::map).all();
    }

    /**
     * The redemption of a discount as part of the statement that writes the order ({@link SqlPart}): counts the use
     * unless the discount has just been used up (then the statement is refused with DISCOUNT_LIMIT_REACHED). The
     * order and customer ids are SQL expressions; the discount row is locked only once {@code lockAfter} is true.
     */
    public SqlPart redemption(long discountId, String orderId, String customerId, String lockAfter) {
        String ctes = """
                discount_redeemed as (
                    select ledgerline_redeem_discount(:discount_id, %1$s, %2$s) as redeemed where %3$s)""".formatted(orderId, customerId, lockAfter);
        return new SqlPart(ctes, Map.of("discount_id", discountId), List.of(new SqlPart.Refusal(
                "(select redeemed from discount_redeemed)", null,
                detail -> codeProblem(ProblemCode.DISCOUNT_LIMIT_REACHED, "This discount has just been used up"))));
    }

    /** Gives back the use of a cancelled order. */
    public Mono<Void> release(long orderId) {
        return db.sql("""
                        with released as (delete from discount_redemption where order_id = :orderId returning discount_id)
                        update discount set uses = uses - 1 where id in (select discount_id from released)""")
                .bind("orderId", orderId).then();
    }

    /** Uses of each per-customer-limited discount by the customer with this Discord id (none if they never ordered). */
    private Mono<Map<Long, Long>> usesByCustomer(String discordUserId, List<Discount> discounts) {
        Long[] limited = discounts.stream().filter(d -> d.maxUsesPerCustomer() != null).map(Discount::id).toArray(Long[]::new);
        if (limited.length == 0) {
            return Mono.just(Map.of());
        }
        return db.sql("""
                        select discount_id, count(*) as used from discount_redemption
                        where customer_id = (select id from customer where discord_user_id = :discordUserId)
                          and discount_id = any(:ids) group by discount_id""")
                .bind("discordUserId", discordUserId).bind("ids", limited)
                .map(row -> Map.entry(Sql.getLong(row, "discount_id"), Sql.getLong(row, "used")))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static boolean perCustomerLimitReached(Discount d, Map<Long, Long> used) {
        return d.maxUsesPerCustomer() != null && used.getOrDefault(d.id(), 0L) >= d.maxUsesPerCustomer();
    }

    private static void requireUsable(Discount d, String discordUserId, Map<Long, Long> used, List<PricedLine> lines, Instant now) {
        if (d.startsAt() != null && now.isBefore(d.startsAt())) {
            throw codeProblem(ProblemCode.DISCOUNT_CODE_INVALID, "Code " + d.code() + " is not valid yet");
        }
        if (!d.inWindow(now)) {
            throw codeProblem(ProblemCode.DISCOUNT_CODE_EXPIRED, "Code " + d.code() + " has expired");
        }
        if (!d.forCustomer(discordUserId)) {
            throw codeProblem(ProblemCode.DISCOUNT_NOT_FOR_CUSTOMER, "Code " + d.code() + " is not available to you");
        }
        if (d.totalLimitReached() || perCustomerLimitReached(d, used)) {
            throw codeProblem(ProblemCode.DISCOUNT_LIMIT_REACHED, "Code " + d.code() + " has been used the maximum number of times");
        }
        if (applied(d, lines).isEmpty()) {
            throw codeProblem(ProblemCode.DISCOUNT_NOT_APPLICABLE, "Code " + d.code() + " does not apply to anything in your cart");
        }
    }

    private static Optional<AppliedDiscount> applied(Discount d, List<PricedLine> lines) {
        long eligible = lines.stream().filter(l -> d.covers(l.productId())).mapToLong(PricedLine::lineTotalMinor).sum();
        long off = d.amountFor(eligible);
        return off <= 0 ? Optional.empty() : Optional.of(new AppliedDiscount(d.id(), d.name(), d.code(), new Money(off, d.currency()),
                d.maxUsesPerCustomer() != null));
    }

    private static ProblemException codeProblem(ProblemCode code, String message) {
        return new ProblemException(new Problem(code, message, "input.discountCode", null));
    }

    private static GenericExecuteSpec bind(GenericExecuteSpec spec, DiscountInput input, List<Long> productIds) {
        spec = spec.bind("name", input.name().strip()).bind("kind", input.kind().name())
                .bind("customerIds", Sql.textArray(input.customerDiscordIds()))
                .bind("productIds", productIds.toArray(Long[]::new));
        spec = Sql.bind(spec, "code", input.code(), String.class);
        spec = Sql.bind(spec, "percentOff", input.percentOff(), Integer.class);
        spec = Sql.bind(spec, "amountOffMinor", input.amountOffMinor(), Long.class);
        spec = Sql.bind(spec, "startsAt", input.startsAt(), Instant.class);
        spec = Sql.bind(spec, "endsAt", input.endsAt(), Instant.class);
        spec = Sql.bind(spec, "maxUsesTotal", input.maxUsesTotal(), Integer.class);
        return Sql.bind(spec, "maxUsesPerCustomer", input.maxUsesPerCustomer(), Integer.class);
    }

    private static ProblemException duplicateCode(DiscountInput input) {
        return new ProblemException(new Problem(ProblemCode.DUPLICATE, "Code " + input.code() + " is already used by another discount", "input.code", null));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(new Problem(ProblemCode.NOT_FOUND, "No discount with id " + id, "id", null));
    }

    static Discount map(Readable row) {
        Long[] productIds = row.get("product_ids", Long[].class);
        return new Discount(Sql.getLong(row, "id"), row.get("name", String.class), row.get("code", String.class),
                Discount.Kind.valueOf(row.get("kind", String.class)), row.get("percent_off", Integer.class),
                row.get("amount_off_minor", Long.class), row.get("currency", String.class),
                Sql.getTextArray(row, "customer_discord_ids"), productIds == null ? List.of() : Arrays.asList(productIds),
                Sql.getInstant(row, "starts_at"), Sql.getInstant(row, "ends_at"), row.get("max_uses_total", Integer.class),
                row.get("max_uses_per_customer", Integer.class), Sql.getInt(row, "uses"),
                Boolean.TRUE.equals(row.get("active", Boolean.class)), Sql.getInstant(row, "created_at"));
    }
}
