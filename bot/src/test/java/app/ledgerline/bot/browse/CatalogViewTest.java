package app.ledgerline.bot.browse;

import static org.assertj.core.api.Assertions.assertThat;

import app.ledgerline.bot.backend.CatalogItem;
import app.ledgerline.bot.discord.Screen;
import discord4j.core.object.component.ActionRow;
import discord4j.core.object.component.Button;
import discord4j.core.object.component.SelectMenu;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CatalogViewTest {

    static CatalogItem item(int i, boolean inStock) {
        return new CatalogItem(Integer.toString(i), "SKU-" + i, "Product " + i + " " + "x".repeat(60), "d", new CatalogItem.Money(100, "USD", "$1.00"),
                "PHYSICAL", inStock ? 3 : 0, inStock, null);
    }

    @Test
    void aLargeCatalogIsPagedWithinDiscordsLimitsAndNothingIsLost() {
        List<CatalogItem> items = IntStream.range(0, 60).mapToObj(i -> item(i, i % 7 != 0)).toList();
        List<List<CatalogItem>> pages = CatalogView.pages(items);
        assertThat(pages.stream().mapToInt(List::size).sum()).isEqualTo(60);
        for (int p = 0; p < pages.size(); p++) {
            Screen screen = CatalogView.page(items, p, "A notice.", null);
            assertThat(screen.content().length()).isLessThanOrEqualTo(2000);
            SelectMenu menu = (SelectMenu) ((ActionRow) screen.components().getFirst()).getChildren().getFirst();
            assertThat(menu.getOptions()).hasSizeLessThanOrEqualTo(25)
                    .allSatisfy(option -> assertThat(Integer.parseInt(option.getValue()) % 7).isNotZero());
            ActionRow buttons = (ActionRow) screen.components().get(1);
            assertThat(buttons.getChildren()).hasSize(2);
            assertThat(((Button) buttons.getChildren().get(0)).isDisabled()).isEqualTo(p == 0);
            assertThat(((Button) buttons.getChildren().get(1)).isDisabled()).isEqualTo(p == pages.size() - 1);
        }
    }

    @Test
    void aPageWithNothingInStockHasNoMenuAndAnEmptyCatalogSaysSo() {
        Screen soldOut = CatalogView.page(List.of(item(1, false)), 0, null, null);
        assertThat(soldOut.components()).isEmpty();
        assertThat(soldOut.content()).contains("out of stock");
        assertThat(CatalogView.page(List.of(), 0, null, null).content()).contains("nothing for sale");
    }
}
