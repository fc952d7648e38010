package app.ledgerline.payments;

import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.Problem;
import app.ledgerline.platform.ProblemCode;
import app.ledgerline.platform.ProblemException;
import app.ledgerline.platform.SettingsCache;
import app.ledgerline.platform.ShopProperties;
import app.ledgerline.platform.Sql;
import app.ledgerline.platform.Validator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which payment methods the shop offers and what customers are told for each; shop-wide announcement settings. */
@Service
public class PaymentSettings {

    public record MethodInput(PaymentMethod method, Boolean enabled, String handle, Integer dueDays, String instructions) {
    }

    public record ShopSettings(boolean lowStockAnnouncements, String announcementChannelId, String staffAlertChannelId) {
    }

    public record ShopSettingsInput(Boolean lowStockAnnouncements, String announcementChannelId, String staffAlertChannelId) {
    }

    private static final Pattern VENMO = Pattern.compile("@?[A-Za-z0-9_-]{5,30}");
    private static final Pattern CASHTAG = Pattern.compile("\\$?[A-Za-z][A-Za-z0-9]{0,19}");
    private static final Pattern BTC_ADDRESS = Pattern.compile("(bc1|tb1|bcrt1)[a-z0-9]{8,87}|[13mn2][a-km-zA-HJ-NP-Z1-9]{25,34}");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final boolean btcPayConfigured;
    /** What every order and the bot's method list read; {@link #configure} invalidates it. */
    private final SettingsCache<List<PaymentMethodSetting>> offered;

    PaymentSettings(DatabaseClient db, TransactionalOperator tx, ShopProperties shop, ObjectProvider<BtcPayInvoices> btcPay) {
        this.db = db;
        this.tx = tx;
        this.btcPayConfigured = btcPay.getIfAvailable() != null;
        this.offered = new SettingsCache<>(shop.settingsCacheTtl(), () -> all().collectList());
    }

    /** Read now, for admins who are about to change them. */
    public Flux<PaymentMethodSetting> all() {
        return db.sql("select method, enabled, handle, due_days, instructions from payment_method_setting order by method")
                .map(row -> map(row)).all();
    }

    /** As last read (see {@link SettingsCache}): for orders, payment instructions and the bot's method list. */
    public Mono<List<PaymentMethodSetting>> current() {
        return offered.get();
    }

    public Mono<PaymentMethodSetting> find(PaymentMethod method) {
        return db.sql("select method, enabled, handle, due_days, instructions from payment_method_setting where method = :m")
                .bind("m", method.name()).map(row -> map(row)).one();
    }

    /** Enabled and usable: a manual method needs somewhere to send the money. */
    public Flux<PaymentMethod> enabled() {
        return current().flatMapIterable(settings -> settings.stream().filter(PaymentSettings::usable).map(PaymentMethodSetting::method).toList());
    }

    static boolean usable(PaymentMethodSetting s) {
        return s.enabled() && switch (s.method()) {
            case VENMO, CASH_APP -> s.handle() != null;
            case BTC -> s.automatic() || s.handle() != null;
            case INVOICE -> true;
        };
    }

    public Mono<PaymentMethodSetting> configure(MethodInput input) {
        return Mono.fromCallable(() -> validate(input))
                .flatMap(handle -> {
                    var spec = db.sql("""
                                    update payment_method_setting set enabled = :enabled, handle = :handle, due_days = :dueDays,
                                        instructions = :instructions, updated_at = now() where method = :method""")
                            .bind("enabled", input.enabled()).bind("method", input.method().name());
                    spec = Sql.bind(spec, "handle", handle.orElse(null), String.class);
                    spec = Sql.bind(spec, "dueDays", input.method() == PaymentMethod.INVOICE ? (input.dueDays() == null ? 14 : input.dueDays()) : null, Integer.class);
                    spec = Sql.bind(spec, "instructions", input.instructions() == null || input.instructions().isBlank() ? null : input.instructions().strip(), String.class);
                    return spec.then();
                })
                .then(Mono.defer(() -> find(input.method())))
                .as(tx::transactional)
                .as(offered::invalidatedBy);
    }

    private Optional<String> validate(MethodInput input) {
        var v = new Validator()
                .check(input.method() != null, "input.method", "'input.method' is required")
                .check(input.enabled() != null, "input.enabled", "'input.enabled' is required")
                .optionalText("input.instructions", input.instructions(), 500)
                .optionalRange("input.dueDays", input.dueDays(), 1, 365);
        v.orThrow();
        String handle = input.handle() == null || input.handle().isBlank() ? null : input.handle().strip();
        switch (input.method()) {
            case VENMO -> {
                v.check(handle == null || VENMO.matcher(handle).matches(), "input.handle", "A Venmo handle looks like @shop-name");
                handle = handle == null ? null : (handle.startsWith("@") ? handle : "@" + handle);
            }
            case CASH_APP -> {
                v.check(handle == null || CASHTAG.matcher(handle).matches(), "input.handle", "A Cash App $cashtag looks like $ShopName");
                handle = handle == null ? null : (handle.startsWith("$") ? handle : "$" + handle);
            }
            case BTC -> v.check(handle == null || BTC_ADDRESS.matcher(handle).matches(), "input.handle", "'input.handle' is not a Bitcoin address");
            case INVOICE -> v.check(handle == null, "input.handle", "Invoices have no handle");
        }
        boolean manual = input.method() == PaymentMethod.VENMO || input.method() == PaymentMethod.CASH_APP
                || (input.method() == PaymentMethod.BTC && !btcPayConfigured);
        v.check(!Boolean.TRUE.equals(input.enabled()) || !manual || handle != null, "input.handle",
                "Customers need somewhere to send the money: set 'input.handle' to enable " + input.method());
        v.orThrow();
        return Optional.ofNullable(handle);
    }

    public Mono<ShopSettings> shopSettings() {
        return db.sql("select low_stock_announcements, announcement_channel_id, staff_alert_channel_id from shop_setting")
                .map(row -> new ShopSettings(Boolean.TRUE.equals(row.get("low_stock_announcements", Boolean.class)),
                        row.get("announcement_channel_id", String.class), row.get("staff_alert_channel_id", String.class)))
                .one();
    }

    public Mono<ShopSettings> updateShopSettings(ShopSettingsInput input) {
        return Mono.fromRunnable(() -> {
                    var v = new Validator().check(input.lowStockAnnouncements() != null, "input.lowStockAnnouncements", "'input.lowStockAnnouncements' is required");
                    if (input.announcementChannelId() != null) {
                        v.snowflake("input.announcementChannelId", input.announcementChannelId());
                    }
                    if (input.staffAlertChannelId() != null) {
                        v.snowflake("input.staffAlertChannelId", input.staffAlertChannelId());
                    }
                    v.check(!Boolean.TRUE.equals(input.lowStockAnnouncements()) || input.announcementChannelId() != null,
                            "input.announcementChannelId", "Low-stock announcements need 'input.announcementChannelId'");
                    v.orThrow();
                })
                .then(Mono.defer(() -> {
                    var spec = db.sql("""
                                    update shop_setting set low_stock_announcements = :low, announcement_channel_id = :announce,
                                        staff_alert_channel_id = :staff, updated_at = now()""")
                            .bind("low", input.lowStockAnnouncements());
                    spec = Sql.bind(spec, "announce", input.announcementChannelId(), String.class);
                    spec = Sql.bind(spec, "staff", input.staffAlertChannelId(), String.class);
                    return spec.then();
                }))
                .then(Mono.defer(this::shopSettings));
    }

    /** Refuses a method the shop does not offer now. */
    public Mono<PaymentMethodSetting> requireUsable(PaymentMethod method) {
        return current().flatMap(settings -> Mono.justOrEmpty(settings.stream().filter(s -> s.method() == method && usable(s)).findFirst()))
                .switchIfEmpty(Mono.error(() -> new ProblemException(new Problem(ProblemCode.PAYMENT_METHOD_UNAVAILABLE,
                        "The shop does not take " + method + " payments right now", "input.paymentMethod", null))));
    }

    private PaymentMethodSetting map(io.r2dbc.spi.Readable row) {
        PaymentMethod method = PaymentMethod.valueOf(row.get("method", String.class));
        return new PaymentMethodSetting(method, Boolean.TRUE.equals(row.get("enabled", Boolean.class)), row.get("handle", String.class),
                row.get("due_days", Integer.class), row.get("instructions", String.class), method == PaymentMethod.BTC && btcPayConfigured);
    }
}
