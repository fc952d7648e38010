package app.ledgerline.payments;

import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.Sql;
import io.r2dbc.spi.Readable;
import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class PaymentRepository {

    static final String COLUMNS = """
            p.id, p.order_id, o.number, p.method, p.status, p.amount_minor, p.currency, p.claimed_reference, p.claimed_at,
            p.external_reference, p.received_minor, p.confirmed_by, p.confirmed_at, p.failure_reason, p.pay_to,
            p.provider_invoice_id, p.checkout_url, p.invoice_number, p.due_at, p.created_at""";

    private final DatabaseClient db;

    PaymentRepository(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Payment> findByOrderIds(Collection<Long> orderIds) {
        return db.sql("select " + COLUMNS + " from payment p join customer_order o on o.id = p.order_id where p.order_id = any(:ids)")
                .bind("ids", orderIds.toArray(Long[]::new)).map(PaymentRepository::map).all();
    }

    public Mono<Payment> findByOrderId(long orderId) {
        return findByOrderIds(List.of(orderId)).next();
    }

    /** Locks the payment row until the transaction ends. */
    public Mono<Payment> lockByOrderId(long orderId) {
        return db.sql("select " + COLUMNS + " from payment p join customer_order o on o.id = p.order_id where p.order_id = :id for update of p")
                .bind("id", orderId).map(PaymentRepository::map).one();
    }

    public Mono<Payment> findByInvoiceNumber(String invoiceNumber) {
        return db.sql("select " + COLUMNS + " from payment p join customer_order o on o.id = p.order_id where p.invoice_number = :n")
                .bind("n", invoiceNumber).map(PaymentRepository::map).one();
    }

    public Mono<Payment> findByProviderInvoiceId(String providerInvoiceId) {
        return db.sql("select " + COLUMNS + " from payment p join customer_order o on o.id = p.order_id where p.provider_invoice_id = :id")
                .bind("id", providerInvoiceId).map(PaymentRepository::map).one();
    }

    public Flux<Payment> list(List<PaymentStatus> statuses, int first) {
        boolean filtered = statuses != null && !statuses.isEmpty();
        var spec = db.sql("select " + COLUMNS + " from payment p join customer_order o on o.id = p.order_id"
                        + (filtered ? " where p.status = any(:statuses)" : "") + " order by p.id desc limit :first")
                .bind("first", Math.clamp(first, 1, 200));
        if (filtered) {
            spec = spec.bind("statuses", statuses.stream().map(Enum::name).toArray(String[]::new));
        }
        return spec.map(PaymentRepository::map).all();
    }

    public Flux<PaymentEvent> eventsOf(Collection<Long> paymentIds) {
        return db.sql("select payment_id, from_status, to_status, note, actor, created_at from payment_event"
                        + " where payment_id = any(:ids) order by payment_id, id")
                .bind("ids", paymentIds.toArray(Long[]::new))
                .map(row -> new PaymentEvent(Sql.getLong(row, "payment_id"), status(row, "from_status"), status(row, "to_status"),
                        row.get("note", String.class), row.get("actor", String.class), Sql.getInstant(row, "created_at")))
                .all();
    }

    private static PaymentStatus status(Readable row, String column) {
        String value = row.get(column, String.class);
        return value == null ? null : PaymentStatus.valueOf(value);
    }

    static Payment map(Readable row) {
        return new Payment(Sql.getLong(row, "id"), Sql.getLong(row, "order_id"), row.get("number", String.class),
                PaymentMethod.valueOf(row.get("method", String.class)), PaymentStatus.valueOf(row.get("status", String.class)),
                Sql.getLong(row, "amount_minor"), row.get("currency", String.class), row.get("claimed_reference", String.class),
                Sql.getInstant(row, "claimed_at"), row.get("external_reference", String.class), row.get("received_minor", Long.class),
                row.get("confirmed_by", String.class), Sql.getInstant(row, "confirmed_at"), row.get("failure_reason", String.class),
                row.get("pay_to", String.class), row.get("provider_invoice_id", String.class), row.get("checkout_url", String.class),
                row.get("invoice_number", String.class), Sql.getInstant(row, "due_at"), Sql.getInstant(row, "created_at"));
    }
}
