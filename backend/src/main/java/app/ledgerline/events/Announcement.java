package app.ledgerline.events;

import java.util.ArrayList;
import java.util.List;

/** The outbox events and bot tasks that a committed write announces itself ({@link Announcer}). */
public record Announcement(List<OutboxNotification> events, List<Long> botTaskIds) {

    public Announcement {
        events = List.copyOf(events);
        botTaskIds = List.copyOf(botTaskIds);
    }

    /** From a statement's {@code event_ids}, {@code event_types} and {@code bot_task_ids} columns. */
    public static Announcement of(Long[] eventIds, String[] eventTypes, Long[] botTaskIds) {
        if (eventIds.length != eventTypes.length) {
            throw new IllegalArgumentException(eventIds.length + " event ids but " + eventTypes.length + " types");
        }
        var events = new ArrayList<OutboxNotification>(eventIds.length);
        for (int i = 0; i < eventIds.length; i++) {
            events.add(new OutboxNotification(eventIds[i], eventTypes[i]));
        }
        return new Announcement(events, List.of(botTaskIds));
    }

    public boolean isEmpty() {
        return events.isEmpty() && botTaskIds.isEmpty();
    }
}
