-- The whole schema for PostgreSQL: the same tables as the SQLite backend's
-- migrations 001–006, in PostgreSQL's types.
CREATE TABLE meta (
    key   text PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO meta (key, value) VALUES ('version', 1), ('tracking_generation', 1), ('accounts_version', 1);

CREATE TABLE areas (
    id          bigserial PRIMARY KEY,  -- keeps the order the rows were imported in
    code        text NOT NULL,
    province    text NOT NULL,
    city        text NOT NULL,
    district    text NOT NULL,
    subdistrict text NOT NULL,
    zip         text NOT NULL
);
CREATE INDEX areas_by_code ON areas (code);

CREATE TABLE origins (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE branches (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE services (
    code          text PRIMARY KEY,
    display       text NOT NULL,
    goods_type    text NOT NULL,
    min_kilograms bigint NOT NULL,
    max_kilograms bigint NOT NULL,
    flat          boolean NOT NULL,
    rank          integer NOT NULL
);

CREATE TABLE hubs (
    code      text PRIMARY KEY,
    name      text NOT NULL,
    latitude  double precision NOT NULL,
    longitude double precision NOT NULL
);

CREATE TABLE tariffs (
    origin      text NOT NULL,
    destination text NOT NULL,
    service     text NOT NULL,
    price       bigint NOT NULL,
    etd_from    integer,
    etd_thru    integer,
    PRIMARY KEY (origin, destination, service)
);

-- Accounts: the API key is kept only as its SHA-256.
CREATE TABLE accounts (
    username         text PRIMARY KEY,
    key_hash         text NOT NULL,
    role             text NOT NULL CHECK (role IN ('merchant', 'operator')),
    customer_numbers text NOT NULL,
    branches         text NOT NULL,
    disabled         boolean NOT NULL DEFAULT false
);

-- A sequence never hands a number out twice, even when the transaction that took it rolls back.
CREATE SEQUENCE airwaybill_sequence;

CREATE TABLE shipments (
    airwaybill           text PRIMARY KEY,
    account              text NOT NULL,
    order_id             text NOT NULL,
    reference_number     text NOT NULL,
    channel              text NOT NULL,
    origin               text NOT NULL,
    origin_name          text NOT NULL,       -- names as they were when the shipment was created
    destination          text NOT NULL,
    destination_name     text NOT NULL,
    service_code         text NOT NULL,
    service_display      text NOT NULL,
    branch               text NOT NULL,
    customer_number      text NOT NULL,
    shipper_name text NOT NULL, shipper_addr1 text NOT NULL, shipper_addr2 text NOT NULL, shipper_addr3 text NOT NULL,
    shipper_city text NOT NULL, shipper_region text NOT NULL, shipper_zip text NOT NULL, shipper_phone text NOT NULL,
    shipper_contact text NOT NULL, shipper_country text NOT NULL,
    receiver_name text NOT NULL, receiver_addr1 text NOT NULL, receiver_addr2 text NOT NULL, receiver_addr3 text NOT NULL,
    receiver_city text NOT NULL, receiver_region text NOT NULL, receiver_zip text NOT NULL, receiver_phone text NOT NULL,
    receiver_contact text NOT NULL, receiver_country text NOT NULL,
    quantity             text NOT NULL,
    weight_grams         bigint NOT NULL,
    chargeable_kilograms bigint NOT NULL,
    goods_description    text NOT NULL,
    goods_value          bigint NOT NULL,
    goods_type           text NOT NULL,
    instructions         text NOT NULL,
    insured              boolean NOT NULL,
    cod                  boolean NOT NULL,
    price_per_kg         bigint NOT NULL,
    freight              bigint NOT NULL,
    insurance            bigint NOT NULL,
    cod_amount           bigint NOT NULL,
    etd_from             integer,
    etd_thru             integer,
    created_at           bigint NOT NULL,
    pickup_details       text NOT NULL,
    sandbox_due_at       bigint,              -- when the sandbox next moves it along (real time)
    UNIQUE (account, order_id)
);
CREATE INDEX shipments_by_sandbox_due ON shipments (sandbox_due_at) WHERE sandbox_due_at IS NOT NULL;

CREATE TABLE reserved_airwaybills (
    airwaybill  text PRIMARY KEY,
    account     text NOT NULL,
    reserved_at bigint NOT NULL,
    used        boolean NOT NULL DEFAULT false
);

CREATE TABLE events (
    id          bigserial PRIMARY KEY,
    event_id    text UNIQUE,          -- the network's idempotency key; NULL for the system's own
    airwaybill  text NOT NULL,
    code        text NOT NULL,
    happened_at bigint NOT NULL,
    place       text NOT NULL,
    receiver    text NOT NULL,
    note        text NOT NULL
);
CREATE INDEX events_by_airwaybill ON events (airwaybill, id);
