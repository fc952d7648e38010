package app.ledgerline.customers;

import app.ledgerline.platform.Ids;
import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
class CustomerController {

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    @QueryMapping
    @PreAuthorize(Access.OPERATIONS)
    Flux<Customer> customers(@Argument String search, @Argument Integer first) {
        return customers.search(search, first == null ? 50 : first);
    }

    @QueryMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Customer> customer(@Argument String id) {
        return Mono.fromCallable(() -> Ids.parse("id", id)).flatMap(customers::findById);
    }

    @MutationMapping
    @PreAuthorize(Access.OPERATIONS)
    Mono<Payload<Customer>> setCustomerNotes(@Argument String customerId, @Argument String notes) {
        return Payload.of(customers.setNotes(customerId, notes));
    }

    @SchemaMapping(typeName = "Customer", field = "addresses")
    @PreAuthorize(Access.PERSONAL_DATA)
    Flux<Address> addresses(Customer customer) {
        return customers.addressesOf(customer.id());
    }
}
