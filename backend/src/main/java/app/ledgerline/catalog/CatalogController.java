package app.ledgerline.catalog;

import app.ledgerline.platform.Ids;
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
class CatalogController {

    private final CatalogService catalog;
    private final ProductRepository products;

    CatalogController(CatalogService catalog, ProductRepository products) {
        this.catalog = catalog;
        this.products = products;
    }

    @QueryMapping
    @PreAuthorize(Access.READ_CATALOG)
    Flux<Product> products(@Argument Boolean includeArchived) {
        return products.findAll(Boolean.TRUE.equals(includeArchived));
    }

    @QueryMapping
    @PreAuthorize(Access.READ_CATALOG)
    Mono<Product> product(@Argument String id) {
        return Mono.fromCallable(() -> Ids.parse("id", id)).flatMap(products::findById);
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Product>> createProduct(@Argument ProductInput input) {
        return Payload.of(catalog.create(input));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Product>> updateProduct(@Argument String id, @Argument ProductInput input) {
        return Payload.of(catalog.update(id, input));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Product>> archiveProduct(@Argument String id) {
        return Payload.of(catalog.setArchived(id, true));
    }

    @MutationMapping
    @PreAuthorize(Access.SHOP_CONFIG)
    Mono<Payload<Product>> restoreProduct(@Argument String id) {
        return Payload.of(catalog.setArchived(id, false));
    }
}
