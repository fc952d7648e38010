-- Lets one statement that writes for several features refuse itself (SqlPart.Refusal): raising an error rolls back
-- every write of the statement. SQLSTATE class LL is the application's own; the message is the refusal's key.
create function ledgerline_refuse(refusal text, detail text) returns boolean
    language plpgsql volatile as $$
begin
    raise exception using errcode = 'LL001', message = refusal, detail = coalesce(detail, '');
end
$$;

-- A change of stock levels (InventoryService): locks the stock rows in product id order, applies each product's
-- deltas where the result stays consistent and the product tracks inventory, writes a movement row each, and returns
-- the levels after the change of the products that changed. It is a function, not part of the caller's statement,
-- because a statement that waited for a row another transaction changed re-checks that row by setting up every
-- sub-plan of the statement again (PostgreSQL's EvalPlanQual): for an order's whole statement that costs
-- milliseconds on every wait for a much-bought product, for this one statement far less.
create function ledgerline_change_stock(product_ids bigint[], on_hand_deltas int[], reserved_deltas int[],
                                        movement_kind text, movement_reason text, movement_actor text, movement_order_id bigint)
    returns table (product_id bigint, on_hand int, reserved int, on_hand_delta int, reserved_delta int, low_stock_threshold int)
    language plpgsql volatile as $$
#variable_conflict use_column
begin
    return query
    with wanted as (
        select * from unnest(product_ids, on_hand_deltas, reserved_deltas) as w(product_id, on_hand_delta, reserved_delta)),
    locked as (
        select s.product_id from stock_level s where s.product_id = any(product_ids)
        order by s.product_id for update),
    changed as (
        update stock_level s set on_hand = s.on_hand + w.on_hand_delta, reserved = s.reserved + w.reserved_delta
        from locked l, wanted w, product p
        where s.product_id = l.product_id and w.product_id = s.product_id and p.id = s.product_id
          and p.track_inventory and s.reserved + w.reserved_delta >= 0
          and s.on_hand + w.on_hand_delta >= s.reserved + w.reserved_delta
        returning s.product_id, s.on_hand, s.reserved, w.on_hand_delta, w.reserved_delta, p.low_stock_threshold),
    moved as (
        insert into stock_movement (product_id, kind, on_hand_delta, reserved_delta, on_hand_after,
                                    reserved_after, reason, actor, order_id)
        select c.product_id, movement_kind, c.on_hand_delta, c.reserved_delta, c.on_hand, c.reserved,
               movement_reason, movement_actor, movement_order_id
        from changed c order by c.product_id)
    select c.product_id, c.on_hand, c.reserved, c.on_hand_delta, c.reserved_delta, c.low_stock_threshold
    from changed c order by c.product_id;
end
$$;

-- Counts one use of a discount for a placed order unless its total limit has been reached (DiscountService);
-- returns whether it did. A function for the reason given above: every order may use the same discount.
create function ledgerline_redeem_discount(redeemed_discount_id bigint, redeeming_order_id bigint, redeeming_customer_id bigint)
    returns boolean
    language plpgsql volatile as $$
begin
    update discount set uses = uses + 1
    where id = redeemed_discount_id and (max_uses_total is null or uses < max_uses_total);
    if not found then
        return false;
    end if;
    insert into discount_redemption (discount_id, order_id, customer_id)
    values (redeemed_discount_id, redeeming_order_id, redeeming_customer_id);
    return true;
end
$$;
