-- The bare writes of one order (as in DESIGN.md "Speed and scale targets"), in a schema of their own.
drop schema if exists bare_order cascade;
create schema bare_order;
set search_path = bare_order;
create table stock (product_id bigint primary key, on_hand int not null, reserved int not null);
insert into stock select g, 1000000, 0 from generate_series(1, 1000) g;
create table orders (id bigserial primary key, product_id bigint not null, total bigint not null, placed_at timestamptz default now());
create table line (id bigserial primary key, order_id bigint references orders, product_id bigint, qty int);
create table movement (id bigserial primary key, product_id bigint, order_id bigint, delta int, at timestamptz default now());
create table history (id bigserial primary key, order_id bigint references orders, status text, at timestamptz default now());
create table event (id bigserial primary key, type text, payload jsonb, at timestamptz default now());
