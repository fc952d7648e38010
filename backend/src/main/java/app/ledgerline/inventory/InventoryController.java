package app.ledgerline.inventory;

import app.ledgerline.catalog.Product;
import app.ledgerline.catalog.ProductRepository;
import app.ledgerline.platform.Payload;
import app.ledgerline.security.Access;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stock adjustments, and the stock and movement history fields of {@code Product}. */
@Controller
class InventoryController {

    record AdjustStockInput(String productId, Integer delta, String reason) {
    }

    private final InventoryService inventory;
    private final ProductRepository products;

    InventoryController(InventoryService inventory, ProductRepository products) {
        this.inventory = inventory;
        this.products = products;
    }

    @MutationMapping
    @PreAuthorize(Access.WRITE_INVENTORY)
    Mono<Payload<Product>> adjustStock(@Argument AdjustStockInput input, Authentication caller) {
        return Payload.of(inventory.adjust(input.productId(), input.delta(), input.reason(), caller.getName())
                .flatMap(level -> products.findById(level.productId())));
    }

    @BatchMapping(typeName = "Product")
    Mono<Map<Product, StockLevel>> stock(List<Product> batch) {
        return inventory.levels(batch.stream().map(Product::id).toList())
                .collectMap(StockLevel::productId, Function.identity())
                .map(levels -> batch.stream().collect(Collectors.toMap(Function.identity(),
                        p -> levels.getOrDefault(p.id(), new StockLevel(p.id(), 0, 0, p.lowStockThreshold())), (a, b) -> a)));
    }

    @SchemaMapping(typeName = "Product", field = "movements")
    Flux<StockMovement> movements(Product product, @Argument Integer first) {
        return inventory.movements(product.id(), first == null ? 50 : first);
    }
}
