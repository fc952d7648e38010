package app.ledgerline.bot.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CartsTest {

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    final Carts carts = new Carts(clock);

    @Test
    void setsQuantitiesInOneCartPerUserInTheOrderAdded() {
        Cart first = carts.setQuantity("u1", "10", "Tee", 2);
        Cart second = carts.setQuantity("u1", "11", "Mug", 1);
        Cart third = carts.setQuantity("u1", "10", "Tee", 5);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(third.lines()).extracting(Cart.Item::productId, Cart.Item::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("10", 5), org.assertj.core.groups.Tuple.tuple("11", 1));
        assertThat(third.units()).isEqualTo(6);
        assertThat(carts.setQuantity("u1", "11", null, 0).lines()).hasSize(1);
        assertThat(carts.current("u2")).isEmpty();
    }

    @Test
    void anIdleCartExpiresAndItsButtonsAreGone() {
        Cart cart = carts.setQuantity("u1", "10", "Tee", 1);
        clock.now = clock.now.plus(Carts.IDLE).minusSeconds(1);
        assertThat(carts.find("u1", cart.id())).isInstanceOf(Carts.Lookup.Open.class);
        // Using the cart keeps it alive.
        carts.update("u1", cart.id(), c -> c.withDiscountCode("X"));
        clock.now = clock.now.plus(Carts.IDLE).minusSeconds(1);
        assertThat(carts.current("u1")).isPresent();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(carts.find("u1", cart.id())).isInstanceOf(Carts.Lookup.Gone.class);
        assertThat(carts.update("u1", cart.id(), c -> c.withDiscountCode("Y"))).isEmpty();
        Cart fresh = carts.setQuantity("u1", "10", "Tee", 1);
        assertThat(fresh.id()).isNotEqualTo(cart.id());
        assertThat(fresh.discountCode()).isNull();
    }

    @Test
    void aCartIsPlacedOnceAndThenNamesItsOrder() {
        Cart cart = carts.setQuantity("u1", "10", "Tee", 1);
        assertThat(carts.startPlacing("u1", cart.id())).isPresent();
        assertThat(carts.startPlacing("u1", cart.id())).isEmpty();
        assertThat(carts.find("u1", cart.id())).isInstanceOf(Carts.Lookup.Placing.class);
        carts.placed("u1", cart.id(), "LL-1001");
        assertThat(carts.find("u1", cart.id())).isEqualTo(new Carts.Lookup.Placed("LL-1001"));
        assertThat(carts.current("u1")).isEmpty();
        // The next product starts a new cart.
        assertThat(carts.setQuantity("u1", "10", "Tee", 1).id()).isNotEqualTo(cart.id());
    }

    @Test
    void aRefusedPlacementReopensTheCart() {
        Cart cart = carts.setQuantity("u1", "10", "Tee", 1);
        carts.startPlacing("u1", cart.id());
        carts.reopen("u1", cart.id());
        assertThat(carts.find("u1", cart.id())).isInstanceOf(Carts.Lookup.Open.class);
        assertThat(carts.startPlacing("u1", cart.id())).isPresent();
    }

    @Test
    void anEmptiedCartIsGoneAndAnOlderIdDoesNotTouchTheNewCart() {
        Cart old = carts.setQuantity("u1", "10", "Tee", 1);
        carts.empty("u1", old.id());
        assertThat(carts.find("u1", old.id())).isInstanceOf(Carts.Lookup.Gone.class);
        Cart current = carts.setQuantity("u1", "11", "Mug", 1);
        carts.empty("u1", old.id());
        assertThat(carts.update("u1", old.id(), c -> c.withQuantity("11", null, 0))).isEmpty();
        assertThat(carts.current("u1")).contains(current);
    }
}
