package app.ledgerline.discounts;

import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class DiscountController {

    private final DiscountService discounts;

    DiscountController(DiscountService discounts) {
        this.discounts = discounts;
    }

    @QueryMapping
    @PreAuthorize(Access.OPERATIONS)
    Flux<Discount> discounts(@Argument Boolean includeInactive) {
        return discounts.list(!Boolean.FALSE.equals(includeInactive));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Discount>> createDiscount(@Argument DiscountInput input) {
        return Payload.of(discounts.create(input));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Discount>> updateDiscount(@Argument String id, @Argument DiscountInput input) {
        return Payload.of(discounts.update(id, input));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Discount>> setDiscountActive(@Argument String id, @Argument Boolean active) {
        return Payload.of(discounts.setActive(id, Boolean.TRUE.equals(active)));
    }
}
