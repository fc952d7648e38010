\set pid random(1, 1000)
BEGIN;
SET LOCAL search_path = bare_order;
UPDATE stock SET reserved = reserved + 1 WHERE product_id = :pid AND on_hand - reserved >= 1;
INSERT INTO orders (product_id, total) VALUES (:pid, 1500) RETURNING id \gset
INSERT INTO line (order_id, product_id, qty) VALUES (:id, :pid, 1);
INSERT INTO movement (product_id, order_id, delta) VALUES (:pid, :id, 1);
INSERT INTO history (order_id, status) VALUES (:id, 'PENDING');
INSERT INTO event (type, payload) VALUES ('order.placed', '{}');
COMMIT;
