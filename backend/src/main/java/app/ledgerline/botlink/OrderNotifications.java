package app.ledgerline.botlink;

import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLifecycleListener;
import app.ledgerline.orders.OrderStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells the customer their order shipped (the shipping issue adds the tracking number to the note). */
@Component
class OrderNotifications implements OrderLifecycleListener {

    private final DatabaseClient db;
    private final BotTasks tasks;

    OrderNotifications(DatabaseClient db, BotTasks tasks) {
        this.db = db;
        this.tasks = tasks;
    }

    @Override
    public Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        if (to != OrderStatus.SHIPPED) {
            return Mono.empty();
        }
        return db.sql("select discord_user_id from customer where id = :id").bind("id", order.customerId())
                .map(row -> row.get("discord_user_id", String.class)).one()
                .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.SHIPPED, order.number(), order.id(),
                        "Order " + order.number() + " has shipped" + (note == null || note.isBlank() ? "." : ": " + note)))
                .then();
    }
}
