package app.ledgerline.bot.backend;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The backend's storefront catalog. */
@Component
public class ShopBackend {

    static final String CATALOG = """
            query StorefrontCatalog($shopper: ShopperInput!) {
              storefrontCatalog(shopper: $shopper) {
                id sku name description kind available inStock remainingForShopper
                price { amountMinor currency formatted }
              }
            }""";

    private final BackendClient client;

    public ShopBackend(BackendClient client) {
        this.client = client;
    }

    public Mono<List<CatalogItem>> catalog(Shopper shopper) {
        return client.list(CATALOG, Map.of("shopper", BackendClient.shopperInput(shopper)), "storefrontCatalog", CatalogItem.class);
    }
}
