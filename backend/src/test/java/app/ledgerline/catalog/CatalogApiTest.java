package app.ledgerline.catalog;

import static app.ledgerline.support.Api.PROBLEMS;
import static app.ledgerline.support.Api.PRODUCT_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.support.Api;
import app.ledgerline.support.ApiTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogApiTest extends ApiTestBase {

    private static final String CREATE = "mutation($input: ProductInput!) { createProduct(input: $input) { product { " + PRODUCT_FIELDS + " } " + PROBLEMS + " } }";

    @Test
    void createsAProductWithItsStockRowAndShopCurrency() {
        var input = Api.product("PHYSICAL", 2599);
        input.put("requiredRoleIds", List.of("111111111111111111"));
        input.put("grantedRoleIds", List.of("222222222222222222"));
        input.put("weightGrams", 450);
        input.put("lowStockThreshold", 3);
        input.put("perCustomerLimit", 2);

        api.admin().document(CREATE).variable("input", input).execute()
                .path("createProduct.problems").entityList(Object.class).hasSize(0)
                .path("createProduct.product.sku").entity(String.class).isEqualTo((String) input.get("sku"))
                .path("createProduct.product.price.amountMinor").entity(Long.class).isEqualTo(2599L)
                .path("createProduct.product.price.currency").entity(String.class).isEqualTo("USD")
                .path("createProduct.product.price.formatted").entity(String.class).isEqualTo("$25.99")
                .path("createProduct.product.requiredRoleIds").entityList(String.class).containsExactly("111111111111111111")
                .path("createProduct.product.perCustomerLimit").entity(Integer.class).isEqualTo(2)
                .path("createProduct.product.stock.onHand").entity(Integer.class).isEqualTo(0)
                .path("createProduct.product.stock.available").entity(Integer.class).isEqualTo(0);
    }

    @Test
    void refusesADuplicateSku() {
        var input = Api.product("PHYSICAL", 1000);
        api.createProduct(input);
        var again = new HashMap<>(input);
        again.put("name", "Another name");

        api.admin().document(CREATE).variable("input", again).execute()
                .path("createProduct.product").valueIsNull()
                .path("createProduct.problems[0].code").entity(String.class).isEqualTo("DUPLICATE")
                .path("createProduct.problems[0].field").entity(String.class).isEqualTo("input.sku");
    }

    @Test
    void invalidInputNamesEachFieldAndWritesNothing() {
        var input = Api.product("PHYSICAL", -5);
        input.put("name", "x".repeat(101));
        input.put("requiredRoleIds", List.of("not-a-role"));
        input.put("imageUrl", "javascript:alert(1)");
        input.put("perCustomerLimit", 0);
        long before = api.count("select count(*) from product", Map.of());

        var problems = api.admin().document(CREATE).variable("input", input).execute()
                .path("createProduct.product").valueIsNull()
                .path("createProduct.problems[*].field").entityList(String.class).get();

        assertThat(problems).contains("input.priceMinor", "input.name", "input.requiredRoleIds[0]", "input.imageUrl", "input.perCustomerLimit");
        assertThat(api.count("select count(*) from product where sku = :sku", Map.of("sku", input.get("sku")))).isZero();
        assertThat(api.count("select count(*) from product", Map.of())).isGreaterThanOrEqualTo(before);
    }

    @Test
    void editsArchivesAndRestoresAProduct() {
        var input = Api.product("DIGITAL", 500);
        String id = api.createProduct(input);
        input.put("name", "Renamed perk");
        input.put("priceMinor", 750L);
        input.put("trackInventory", false);

        api.admin().document("mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) { product { " + PRODUCT_FIELDS + " } " + PROBLEMS + " } }")
                .variable("id", id).variable("input", input).execute()
                .path("updateProduct.product.name").entity(String.class).isEqualTo("Renamed perk")
                .path("updateProduct.product.price.amountMinor").entity(Long.class).isEqualTo(750L)
                .path("updateProduct.product.trackInventory").entity(Boolean.class).isEqualTo(false);

        api.admin().document("mutation($id: ID!) { archiveProduct(id: $id) { product { archived } } }").variable("id", id).execute()
                .path("archiveProduct.product.archived").entity(Boolean.class).isEqualTo(true);
        assertThat(api.admin().document("{ products { id } }").execute().path("products[*].id").entityList(String.class).get()).doesNotContain(id);
        assertThat(api.admin().document("{ products(includeArchived: true) { id } }").execute().path("products[*].id").entityList(String.class).get()).contains(id);

        api.admin().document("mutation($id: ID!) { restoreProduct(id: $id) { product { archived } } }").variable("id", id).execute()
                .path("restoreProduct.product.archived").entity(Boolean.class).isEqualTo(false);
    }

    @Test
    void updatingAnUnknownProductIsNotFound() {
        api.admin().document("mutation($input: ProductInput!) { updateProduct(id: \"999999999\", input: $input) { product { id } " + PROBLEMS + " } }")
                .variable("input", Api.product("PHYSICAL", 100)).execute()
                .path("updateProduct.problems[0].code").entity(String.class).isEqualTo("NOT_FOUND");
    }
}
