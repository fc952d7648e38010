package app.ledgerline.events;

/**
 * One committed {@code outbox_event} row, as announced by PostgreSQL NOTIFY on {@code ledgerline_events} (by its insert
 * trigger, or by {@link Announcer}).
 */
public record OutboxNotification(long id, String type) {
}
