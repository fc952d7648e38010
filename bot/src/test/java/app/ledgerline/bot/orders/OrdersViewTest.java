package app.ledgerline.bot.orders;

import app.ledgerline.bot.backend.Problem;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.bot.backend.CatalogItem.Money;
import app.ledgerline.bot.backend.CustomerOrder;
import app.ledgerline.bot.backend.PaymentClaim;
import app.ledgerline.bot.discord.Screen;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.core.object.component.SelectMenu;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrdersViewTest {

    static final Instant PLACED = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant EXPIRES = Instant.parse("2026-03-03T12:00:00Z");

    static Money usd(long minor) {
        return new Money(minor, "USD", "$%d.%02d".formatted(minor / 100, minor % 100));
    }

    static CustomerOrder.Line line(String name, int quantity, long unitMinor) {
        return new CustomerOrder.Line(name, "PHYSICAL", usd(unitMinor), quantity, usd(unitMinor * quantity));
    }

    static CustomerOrder order(String number, String status, String paymentStatus, List<CustomerOrder.Line> lines,
                               CustomerOrder.Instructions instructions, List<CustomerOrder.Event> history) {
        long total = lines.stream().mapToLong(l -> l.lineTotal().amountMinor()).sum();
        return new CustomerOrder(number, status, PLACED, EXPIRES, lines, usd(total), null, usd(0), usd(total), "VENMO", null, history,
                new CustomerOrder.Payment("VENMO", paymentStatus, usd(total), null, null, null, instructions));
    }

    static CustomerOrder pending(String number) {
        return order(number, "PENDING", "AWAITING", List.of(line("Tee", 1, 2500)),
                new CustomerOrder.Instructions("Send exactly $25.00 on Venmo to @shop with the note \"" + number + "\".", null, null, null),
                List.of());
    }

    @Test
    void manyOrdersWithLongNamesFitInOneMessageListingWholeOrdersAndOfferingEachInTheMenu() {
        List<CustomerOrder> orders = IntStream.range(0, 30)
                .mapToObj(i -> order("LL-" + (1000 + i), i % 3 == 0 ? "PENDING" : "PAID", i % 3 == 0 ? "AWAITING" : "CONFIRMED",
                        IntStream.range(0, 8).mapToObj(j -> line("Very *long* product_name number " + j + " " + "x".repeat(70), 2, 999)).toList(),
                        null, List.of()))
                .toList();
        Screen screen = OrdersView.list(orders, "A notice " + "n".repeat(400));

        assertThat(screen.content().length()).isLessThanOrEqualTo(Screen.MAX_CONTENT);
        assertThat(screen.content()).startsWith("A notice").contains("**Your orders**", "LL-1000", "Awaiting payment — pay by <t:"
                + EXPIRES.getEpochSecond() + ":f>", "Paid — being prepared for shipping", "older orders — choose them in the menu",
                "/order number:");
        // Whole entries only: every order shown has its number, items and status; the text never ends mid-entry.
        int shown = (int) orders.stream().filter(o -> screen.content().contains("**" + o.number() + "**")).count();
        assertThat(shown).isBetween(1, 29);
        assertThat(screen.content()).contains("…and " + (30 - shown) + " older orders");
        // Names are shop data: escaped, and the summary is shortened.
        assertThat(screen.content()).contains("Very \\*long\\* product\\_name").doesNotContain("Very *long*");
        SelectMenu menu = (SelectMenu) ((ActionRow) screen.components().getFirst()).getChildren().getFirst();
        assertThat(menu.getCustomId()).isEqualTo("orders:view");
        assertThat(menu.getOptions()).hasSize(25).allSatisfy(option -> {
            assertThat(option.getLabel().length()).isLessThanOrEqualTo(100);
            assertThat(option.getDescription().orElseThrow().length()).isLessThanOrEqualTo(100);
        });
        assertThat(menu.getOptions().getFirst().getValue()).isEqualTo("LL-1000");
        assertThat(screen.components()).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void noOrdersPointsToTheShop() {
        Screen screen = OrdersView.list(List.of(), null);
        assertThat(screen.content()).contains("haven't placed any orders", "`/shop`");
        assertThat(screen.components()).isEmpty();
    }

    @Test
    void statusWordsSayWhereEachOrderStands() {
        assertThat(OrdersView.status(pending("LL-1"), true)).isEqualTo("Awaiting payment — pay by <t:" + EXPIRES.getEpochSecond()
                + ":f> (<t:" + EXPIRES.getEpochSecond() + ":R>)");
        assertThat(OrdersView.status(order("LL-1", "PENDING", "CLAIMED", List.of(), null, List.of()), true)).isEqualTo("Payment claimed, being checked");
        assertThat(OrdersView.status(order("LL-1", "CANCELLED", "EXPIRED", List.of(), null, List.of()), true)).isEqualTo("Cancelled (expired unpaid)");
        assertThat(OrdersView.status(order("LL-1", "CANCELLED", "FAILED", List.of(), null, List.of()), true)).isEqualTo("Cancelled");
        assertThat(OrdersView.status(order("LL-1", "SHIPPED", "CONFIRMED", List.of(), null, List.of()), true)).isEqualTo("Shipped");
        assertThat(OrdersView.status(order("LL-1", "PAID", "CONFIRMED", List.of(), null, List.of()), true)).isEqualTo("Paid");
    }

    @Test
    void aPendingOrderSaysHowToPayWithItsLinksAndTheHintToUsePaid() {
        CustomerOrder order = order("LL-7", "PENDING", "AWAITING", List.of(line("Tee", 2, 2500)),
                new CustomerOrder.Instructions("Invoice INV-1 for $50.00 is due March 15, 2026. Open it here: https://shop.example/invoices/INV-1?t=a_b-c",
                        null, "https://shop.example/invoices/INV-1?t=a_b-c", null),
                List.of(new CustomerOrder.Event(null, "PENDING", "Order placed", PLACED)));
        Screen screen = OrdersView.details(order, true);
        assertThat(screen.content()).contains("**Order LL-7**", "2 × Tee — $25.00 each, $50.00", "**Total: $50.00**", "**How to pay**",
                        "Invoice INV\\-1 for $50.00", "https://shop.example/invoices/INV-1?t=a_b-c", "/paid number:LL-7 reference:",
                        "<t:" + PLACED.getEpochSecond() + ":f> — placed")
                .doesNotContain("a\\_b");
        ActionRow row = (ActionRow) screen.components().getFirst();
        Button invoice = (Button) row.getChildren().getFirst();
        assertThat(invoice.getUrl()).contains("https://shop.example/invoices/INV-1?t=a_b-c");
        assertThat(((Button) row.getChildren().get(1)).getCustomId()).contains("orders:list");
    }

    @Test
    void aPaidOrderShowsNoPaymentInstructions() {
        Screen screen = OrdersView.details(order("LL-8", "PAID", "CONFIRMED", List.of(line("Tee", 1, 2500)),
                new CustomerOrder.Instructions("Send exactly $25.00", null, null, null), List.of()), false);
        assertThat(screen.content()).contains("Paid", "received").doesNotContain("How to pay", "/paid");
        assertThat(screen.components()).isEmpty();
    }

    @Test
    void aHugeOrderStillFitsInOneMessage() {
        List<CustomerOrder.Line> lines = IntStream.range(0, 60).mapToObj(i -> line("Item (" + i + ") " + "y".repeat(90), 3, 1234)).toList();
        List<CustomerOrder.Event> history = IntStream.range(0, 20)
                .mapToObj(i -> new CustomerOrder.Event("PENDING", i % 2 == 0 ? "PAID" : "SHIPPED", "note", PLACED.plusSeconds(i))).toList();
        CustomerOrder order = new CustomerOrder("LL-9", "PENDING", PLACED, EXPIRES, lines, usd(1), new CustomerOrder.Discount("Big sale", "SAVE", usd(5)),
                usd(700), usd(2), "VENMO", new CustomerOrder.Address("Ann", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US"), history,
                new CustomerOrder.Payment("VENMO", "AWAITING", usd(2), null, null, null,
                        new CustomerOrder.Instructions("Pay ".repeat(400), null, null, null)));
        Screen screen = OrdersView.details(order, true);
        assertThat(screen.content().length()).isLessThanOrEqualTo(Screen.MAX_CONTENT);
        assertThat(screen.content()).contains("more items", "earlier", "**Ship to**", "Springfield, IL 62701", "Discount (Big sale, code SAVE)",
                "**Total: $0.02**", "**How to pay**");
    }

    @Test
    void aRefusedClaimIsExplainedFromTheOrderAsItIsNow() {
        Problem state = new Problem("PAYMENT_STATE", "Order LL-3 is CANCELLED: its payment is settled", "number", null);
        assertThat(OrdersView.notClaimable(order("LL-3", "CANCELLED", "EXPIRED", List.of(), null, List.of()), state).content())
                .contains("Order LL-3 is no longer awaiting payment — it expired", "`/shop`");
        assertThat(OrdersView.notClaimable(order("LL-3", "CANCELLED", "FAILED", List.of(), null, List.of()), state).content())
                .contains("no longer awaiting payment — it was cancelled");
        assertThat(OrdersView.notClaimable(order("LL-3", "SHIPPED", "CONFIRMED", List.of(), null, List.of()), state).content())
                .contains("already paid");
        Screen btc = OrdersView.notClaimable(order("LL-3", "PENDING", "AWAITING", List.of(),
                new CustomerOrder.Instructions("Pay on https://btcpay.example/i/1", "https://btcpay.example/i/1", null, null), List.of()), state);
        assertThat(btc.content()).contains("BTC", "confirmed there automatically");
        assertThat(((Button) ((ActionRow) btc.components().getFirst()).getChildren().getFirst()).getUrl()).contains("https://btcpay.example/i/1");
        assertThat(OrdersView.notFound(" ll-42 ").content()).isEqualTo(
                "I couldn't find order LL-42 among your orders. Run `/orders` to see your orders and their numbers (they look like LL-1042).");
        assertThat(OrdersView.notFound("*bold*").content()).contains("order \\*bold\\* among");
    }

    @Test
    void aShippedOrderShowsWhatTheShopWroteWhenShippingIt() {
        CustomerOrder shipped = order("LL-9", "SHIPPED", "CONFIRMED", List.of(line("Tee", 1, 2500)), null, List.of(
                new CustomerOrder.Event(null, "PENDING", "Order placed", PLACED),
                new CustomerOrder.Event("PENDING", "PAID", null, PLACED.plusSeconds(60)),
                new CustomerOrder.Event("PAID", "SHIPPED", "UPS tracking 1Z999AA10123456784", PLACED.plusSeconds(120))));
        assertThat(OrdersView.entry(shipped)).contains("Shipped — UPS tracking 1Z999AA10123456784");
        assertThat(OrdersView.details(shipped, false).content()).contains("shipped: UPS tracking 1Z999AA10123456784");
    }
}
