package app.ledgerline.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two payloads of {@code ledgerline_events}: one event (the insert trigger) or an array of them (Announcer). */
class OutboxListenerParseTest {

    @Test
    void oneEventFromTheTrigger() {
        assertThat(OutboxListener.parse("{\"id\" : 42, \"type\" : \"order.placed\"}"))
                .containsExactly(new OutboxNotification(42, "order.placed"));
    }

    @Test
    void severalEventsFromTheAnnouncerInTheirOrder() {
        assertThat(OutboxListener.parse("[{\"id\" : 7, \"type\" : \"alert.raised\"}, {\"id\" : 5, \"type\" : \"order.placed\"}]"))
                .containsExactly(new OutboxNotification(7, "alert.raised"), new OutboxNotification(5, "order.placed"));
    }

    @Test
    void anythingElseIsNoEvent() {
        assertThat(OutboxListener.parse("hello")).isEmpty();
        assertThat(OutboxListener.parse(null)).isEmpty();
        assertThat(OutboxListener.parse("{\"type\": \"order.placed\"}")).isEmpty();
    }
}
