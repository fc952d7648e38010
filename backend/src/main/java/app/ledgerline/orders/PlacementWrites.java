package app.ledgerline.orders;

import app.ledgerline.platform.SqlPart;
import reactor.core.publisher.Mono;

/**
 * What another feature writes when an order is placed (the payment row, its DM), as part of the one statement that
 * writes the order: it commits with the order or not at all. The part's expressions may read {@code o}, the new
 * order's row ({@code id, number}), and {@code c}, the shopper's customer row ({@code id}). A {@code ProblemException}
 * refuses the order before anything is written.
 */
public interface PlacementWrites {

    Mono<SqlPart> writes(NewOrder order, PlaceOrderInput input);
}
