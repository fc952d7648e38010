package app.ledgerline.payments;

import app.ledgerline.customers.CustomerService;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.OrderLine;
import app.ledgerline.orders.OrderRepository;
import app.ledgerline.orders.ShippingAddress;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The printable invoice a customer opens from Discord: {@code GET /invoices/{number}?t=<signature>}. No sign-in; the
 * signature in the link is the credential, and a wrong or missing one gets the same 404 as an unknown invoice.
 */
@Configuration(proxyBeanMethods = false)
class InvoicePage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d, yyyy").withZone(ZoneOffset.UTC);

    @Bean
    RouterFunction<ServerResponse> invoiceRoutes(PaymentLinks links, PaymentRepository payments, OrderRepository orders,
                                                 CustomerService customers) {
        return RouterFunctions.route().GET("/invoices/{number}", request -> render(request, links, payments, orders, customers)).build();
    }

    private static Mono<ServerResponse> render(ServerRequest request, PaymentLinks links, PaymentRepository payments,
                                               OrderRepository orders, CustomerService customers) {
        String number = request.pathVariable("number");
        if (!number.matches("INV-[0-9]{1,12}") || !links.validInvoiceToken(number, request.queryParam("t").orElse(null))) {
            return ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).bodyValue("No such invoice");
        }
        return payments.findByInvoiceNumber(number)
                .flatMap(payment -> orders.findById(payment.orderId()).flatMap(order -> Mono.zip(
                                orders.linesOf(List.of(order.id())).collectList(), customers.findById(order.customerId()))
                        .map(t -> html(payment, order, t.getT1(), t.getT2().displayName() != null ? t.getT2().displayName() : t.getT2().username()))))
                .flatMap(html -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-store")
                        .header("Referrer-Policy", "no-referrer").bodyValue(html))
                .switchIfEmpty(ServerResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).bodyValue("No such invoice"));
    }

    private static String html(Payment payment, Order order, List<OrderLine> lines, String customerName) {
        StringBuilder rows = new StringBuilder();
        for (OrderLine line : lines) {
            rows.append("<tr><td>").append(e(line.name())).append(" <small>").append(e(line.sku())).append("</small></td><td class=n>")
                    .append(line.quantity()).append("</td><td class=n>").append(e(line.unitPrice().formatted())).append("</td><td class=n>")
                    .append(e(line.lineTotal().formatted())).append("</td></tr>");
        }
        ShippingAddress to = order.shippingAddress();
        String shipTo = to == null ? "" : "<p><b>Ship to</b><br>" + e(to.name()) + "<br>" + e(to.line1()) + "<br>"
                + (to.line2() == null ? "" : e(to.line2()) + "<br>") + e(to.city()) + (to.region() == null ? "" : ", " + e(to.region()))
                + " " + e(to.postalCode()) + "<br>" + e(to.country()) + "</p>";
        String discount = order.discount() == null ? "" : "<tr><td colspan=3>Discount: " + e(order.discount().name())
                + "</td><td class=n>-" + e(order.discount().amount().formatted()) + "</td></tr>";
        String status = switch (payment.status()) {
            case CONFIRMED -> "Paid";
            case REFUNDED -> "Refunded";
            case EXPIRED, FAILED -> "Void";
            default -> "Due " + DAY.format(payment.dueAt());
        };
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Invoice %s</title>
                <style>body{font-family:system-ui,sans-serif;max-width:720px;margin:2em auto;color:#111}table{width:100%%;border-collapse:collapse}
                td,th{padding:.4em;border-bottom:1px solid #ddd;text-align:left}.n{text-align:right}small{color:#666}
                @media print{button{display:none}}</style></head><body>
                <h1>Invoice %s</h1><p>Order %s &middot; %s &middot; <b>%s</b></p><p><b>Billed to</b><br>%s</p>%s
                <table><tr><th>Item</th><th class=n>Qty</th><th class=n>Price</th><th class=n>Total</th></tr>%s
                <tr><td colspan=3>Subtotal</td><td class=n>%s</td></tr>%s<tr><td colspan=3>Shipping</td><td class=n>%s</td></tr>
                <tr><th colspan=3>Total due</th><th class=n>%s</th></tr></table>
                <p>Please put <b>%s</b> on your payment.</p><button onclick="window.print()">Print</button></body></html>
                """.formatted(e(payment.invoiceNumber()), e(payment.invoiceNumber()), e(order.number()), DAY.format(order.placedAt()), status,
                e(customerName), shipTo, rows, e(order.subtotal().formatted()), discount, e(order.shipping().formatted()),
                e(order.total().formatted()), e(payment.invoiceNumber()));
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
