-- Ledgerline core schema: catalog, inventory, customers, orders, discounts, alerts, outgoing events, API tokens.
-- Money is integer minor units (bigint) plus an ISO 4217 currency; time is timestamptz (UTC).

create table product (
    id                   bigserial primary key,
    sku                  text        not null unique,
    name                 text        not null,
    description          text        not null default '',
    price_minor          bigint      not null check (price_minor >= 0),
    currency             char(3)     not null,
    kind                 text        not null check (kind in ('PHYSICAL', 'DIGITAL')),
    -- false for perks that never run out (a role); true means stock is reserved and sold
    track_inventory      boolean     not null default true,
    required_role_ids    text[]      not null default '{}',
    granted_role_ids     text[]      not null default '{}',
    weight_grams         integer check (weight_grams > 0),
    length_mm            integer check (length_mm > 0),
    width_mm             integer check (width_mm > 0),
    height_mm            integer check (height_mm > 0),
    image_url            text,
    low_stock_threshold  integer     not null default 0 check (low_stock_threshold >= 0),
    per_customer_limit   integer check (per_customer_limit > 0),
    archived_at          timestamptz,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);

-- One row per product; the row every reservation locks, so it carries nothing else.
create table stock_level (
    product_id  bigint primary key references product (id),
    on_hand     integer not null default 0 check (on_hand >= 0),
    reserved    integer not null default 0 check (reserved >= 0),
    constraint reserved_within_on_hand check (reserved <= on_hand)
);

create table customer (
    id               bigserial primary key,
    discord_user_id  text        not null unique check (discord_user_id ~ '^[0-9]{1,20}$'),
    username         text        not null,
    display_name     text,
    notes            text        not null default '',
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index customer_username_idx on customer (lower(username));
create index customer_display_name_idx on customer (lower(display_name));

create table customer_address (
    id           bigserial primary key,
    customer_id  bigint      not null references customer (id),
    name         text        not null,
    line1        text        not null,
    line2        text,
    city         text        not null,
    region       text,
    postal_code  text        not null,
    country      char(2)     not null,
    phone        text,
    is_default   boolean     not null default false,
    created_at   timestamptz not null default now()
);
create index customer_address_customer_idx on customer_address (customer_id);
create unique index customer_address_one_default on customer_address (customer_id) where is_default;

create table discount (
    id                     bigserial primary key,
    name                   text        not null,
    -- null code: applied automatically to everyone it fits (across the board)
    code                   text,
    kind                   text        not null check (kind in ('PERCENTAGE', 'FIXED_AMOUNT')),
    percent_off            integer check (percent_off between 1 and 100),
    amount_off_minor       bigint check (amount_off_minor > 0),
    currency               char(3)     not null,
    -- empty: any customer; otherwise only these Discord users
    customer_discord_ids   text[]      not null default '{}',
    -- empty: every product; otherwise only these
    product_ids            bigint[]    not null default '{}',
    starts_at              timestamptz,
    ends_at                timestamptz,
    max_uses_total         integer check (max_uses_total > 0),
    max_uses_per_customer  integer check (max_uses_per_customer > 0),
    uses                   integer     not null default 0 check (uses >= 0),
    active                 boolean     not null default true,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint discount_amount_matches_kind check (
        (kind = 'PERCENTAGE' and percent_off is not null and amount_off_minor is null)
        or (kind = 'FIXED_AMOUNT' and amount_off_minor is not null and percent_off is null)),
    constraint discount_window check (starts_at is null or ends_at is null or starts_at < ends_at)
);
create unique index discount_code_unique on discount (upper(code)) where code is not null;

create sequence order_number_seq start with 1001;

create table customer_order (
    id                bigserial primary key,
    number            text        not null unique,
    customer_id       bigint      not null references customer (id),
    status            text        not null check (status in
                          ('PENDING', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    currency          char(3)     not null,
    subtotal_minor    bigint      not null check (subtotal_minor >= 0),
    discount_minor    bigint      not null default 0 check (discount_minor >= 0),
    shipping_minor    bigint      not null default 0 check (shipping_minor >= 0),
    total_minor       bigint      not null check (total_minor >= 0),
    discount_id       bigint references discount (id),
    discount_name     text,
    discount_code     text,
    payment_method    text        not null check (payment_method in ('BTC', 'VENMO', 'CASH_APP', 'INVOICE')),
    ship_name         text,
    ship_line1        text,
    ship_line2        text,
    ship_city         text,
    ship_region       text,
    ship_postal_code  text,
    ship_country      char(2),
    ship_phone        text,
    placed_via        text        not null check (placed_via in ('GUILD', 'DM', 'API')),
    guild_id          text,
    channel_id        text,
    expires_at        timestamptz,
    placed_at         timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
-- Lists page newest first by id (ids grow with placement time), optionally within one status or customer.
create index customer_order_status_idx on customer_order (status, id desc);
create index customer_order_customer_idx on customer_order (customer_id, id desc);
create index customer_order_expiry_idx on customer_order (expires_at) where status = 'PENDING';

create table order_line (
    id                bigserial primary key,
    order_id          bigint      not null references customer_order (id),
    product_id        bigint      not null references product (id),
    sku               text        not null,
    name              text        not null,
    kind              text        not null,
    unit_price_minor  bigint      not null,
    quantity          integer     not null check (quantity between 1 and 99),
    line_total_minor  bigint      not null,
    granted_role_ids  text[]      not null default '{}'
);
create index order_line_order_idx on order_line (order_id);
create index order_line_product_idx on order_line (product_id);

create table order_history (
    id           bigserial primary key,
    order_id     bigint      not null references customer_order (id),
    from_status  text,
    to_status    text,
    note         text,
    actor        text        not null,
    created_at   timestamptz not null default now()
);
create index order_history_order_idx on order_history (order_id, id);

create table discount_redemption (
    discount_id  bigint      not null references discount (id),
    order_id     bigint      not null references customer_order (id) primary key,
    customer_id  bigint      not null references customer (id),
    created_at   timestamptz not null default now()
);
create index discount_redemption_customer_idx on discount_redemption (discount_id, customer_id);

create table stock_movement (
    id              bigserial primary key,
    product_id      bigint      not null references product (id),
    kind            text        not null check (kind in ('ADJUSTED', 'RESERVED', 'RELEASED', 'SOLD', 'RESTOCKED')),
    on_hand_delta   integer     not null,
    reserved_delta  integer     not null,
    -- the levels right after this movement, so the history reads on its own
    on_hand_after   integer     not null,
    reserved_after  integer     not null,
    reason          text        not null,
    actor           text        not null,
    order_id        bigint references customer_order (id),
    created_at      timestamptz not null default now()
);
create index stock_movement_product_idx on stock_movement (product_id, id desc);

create table alert (
    id               bigserial primary key,
    kind             text        not null,
    severity         text        not null check (severity in ('INFO', 'WARNING', 'CRITICAL')),
    product_id       bigint references product (id),
    order_id         bigint references customer_order (id),
    message          text        not null,
    created_at       timestamptz not null default now(),
    acknowledged_by  text,
    acknowledged_at  timestamptz
);
create index alert_created_idx on alert (created_at desc, id desc);
create index alert_open_idx on alert (id) where acknowledged_at is null;

-- Events written in the same transaction as their cause; relayed after commit (transactional outbox).
create table outbox_event (
    id            bigserial primary key,
    type          text        not null,
    aggregate_id  text        not null,
    payload       jsonb       not null,
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_event_unpublished_idx on outbox_event (id) where published_at is null;

create table api_token (
    id            bigserial primary key,
    name          text        not null,
    role          text        not null check (role in ('ADMIN', 'STAFF', 'BOT', 'INTEGRATOR')),
    token_sha256  bytea       not null unique,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz,
    revoked_at    timestamptz
);
