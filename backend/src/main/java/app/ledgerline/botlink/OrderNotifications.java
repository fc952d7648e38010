package app.ledgerline.botlink;

import app.ledgerline.botlink.BotTasks.DmTemplate;
import app.ledgerline.customers.CustomerService;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLifecycleListener;
import app.ledgerline.orders.OrderStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tells the customer their order shipped (the shipping issue adds the tracking number to the note). */
@Component
class OrderNotifications implements OrderLifecycleListener {

    private final CustomerService customers;
    private final BotTasks tasks;

    OrderNotifications(CustomerService customers, BotTasks tasks) {
        this.customers = customers;
        this.tasks = tasks;
    }

    @Override
    public Mono<Void> transitioned(Order order, OrderStatus from, OrderStatus to, String note, String actor) {
        if (to != OrderStatus.SHIPPED) {
            return Mono.empty();
        }
        return customers.discordUserId(order.customerId())
                .flatMap(discordId -> tasks.directMessage(discordId, DmTemplate.SHIPPED, order.number(), order.id(),
                        "Order " + order.number() + " has shipped" + (note == null || note.isBlank() ? "." : ": " + note)))
                .then();
    }
}
