package app.ledgerline.payments;

import app.ledgerline.customers.ShopperInput;
import app.ledgerline.orders.Order;
import app.ledgerline.orders.PaymentMethod;
import app.ledgerline.platform.Batches;
import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class PaymentController {

    record ConfirmPaymentInput(String number, Long amountMinor, String reference) {
    }

    private final PaymentSettings settings;
    private final PaymentService service;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;

    PaymentController(PaymentSettings settings, PaymentService service, PaymentRepository payments, PaymentLifecycle lifecycle) {
        this.settings = settings;
        this.service = service;
        this.payments = payments;
        this.lifecycle = lifecycle;
    }

    @QueryMapping
    @PreAuthorize("hasAnyRole('BOT', 'ADMIN', 'STAFF')")
    Flux<PaymentMethod> enabledPaymentMethods() {
        return settings.enabled();
    }

    @QueryMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Flux<PaymentMethodSetting> paymentMethodSettings() {
        return settings.all();
    }

    @QueryMapping
    @PreAuthorize(Access.OPERATIONS)
    Flux<Payment> payments(@Argument List<PaymentStatus> status, @Argument Integer first) {
        return payments.list(status, first == null ? 50 : first);
    }

    @QueryMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<PaymentSettings.ShopSettings> shopSettings() {
        return settings.shopSettings();
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<PaymentMethodSetting>> configurePaymentMethod(@Argument PaymentSettings.MethodInput input) {
        return Payload.of(settings.configure(input));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<PaymentSettings.ShopSettings>> updateShopSettings(@Argument PaymentSettings.ShopSettingsInput input) {
        return Payload.of(settings.updateShopSettings(input));
    }

    @MutationMapping
    @PreAuthorize(Access.STOREFRONT)
    Mono<Payload<Order>> claimPayment(@Argument ShopperInput shopper, @Argument String number, @Argument String reference) {
        return Payload.of(service.claim(shopper, number, reference));
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Order>> confirmPayment(@Argument ConfirmPaymentInput input, Authentication caller) {
        return Payload.of(service.confirm(input.number(), input.amountMinor(), input.reference(), caller.getName()));
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Order>> rejectPayment(@Argument String number, @Argument String reason, Authentication caller) {
        return Payload.of(service.reject(number, reason, caller.getName()));
    }

    @BatchMapping(typeName = "Order")
    Mono<Map<Order, Payment>> payment(List<Order> batch) {
        return payments.findByOrderIds(batch.stream().map(Order::id).toList())
                .collectMap(Payment::orderId, Function.identity())
                .map(byOrder -> batch.stream().filter(o -> byOrder.containsKey(o.id()))
                        .collect(Collectors.toMap(Function.identity(), o -> byOrder.get(o.id()), (a, b) -> a)));
    }

    /** One read of the method settings for every payment in the batch. */
    @BatchMapping(typeName = "Payment", field = "instructions")
    Mono<Map<Payment, PaymentInstructions>> instructions(List<Payment> batch) {
        return settings.current()
                .map(current -> current.stream().filter(s -> s.instructions() != null)
                        .collect(Collectors.toMap(PaymentMethodSetting::method, PaymentMethodSetting::instructions)))
                .map(extra -> batch.stream().collect(Collectors.toMap(Function.identity(),
                        p -> lifecycle.instructions(p, extra.get(p.method())), (a, b) -> a)));
    }

    @BatchMapping(typeName = "Payment")
    Mono<Map<Payment, List<PaymentEvent>>> events(List<Payment> batch) {
        return Batches.grouped(batch, Payment::id, payments.eventsOf(batch.stream().map(Payment::id).toList()), PaymentEvent::paymentId);
    }
}
