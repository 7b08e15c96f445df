-- Shipments, the airwaybill sequence, reserved airwaybills and scan events.
CREATE TABLE airwaybill_sequence (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a number is never handed out twice
    issued_at INTEGER NOT NULL
);

CREATE TABLE shipments (
    airwaybill           TEXT PRIMARY KEY,
    account              TEXT NOT NULL,
    order_id             TEXT NOT NULL,
    reference_number     TEXT NOT NULL,
    channel              TEXT NOT NULL,
    origin               TEXT NOT NULL,
    origin_name          TEXT NOT NULL,       -- names as they were when the shipment was created
    destination          TEXT NOT NULL,
    destination_name     TEXT NOT NULL,
    service_code         TEXT NOT NULL,
    service_display      TEXT NOT NULL,
    branch               TEXT NOT NULL,
    customer_number      TEXT NOT NULL,
    shipper_name TEXT NOT NULL, shipper_addr1 TEXT NOT NULL, shipper_addr2 TEXT NOT NULL, shipper_addr3 TEXT NOT NULL,
    shipper_city TEXT NOT NULL, shipper_region TEXT NOT NULL, shipper_zip TEXT NOT NULL, shipper_phone TEXT NOT NULL,
    shipper_contact TEXT NOT NULL, shipper_country TEXT NOT NULL,
    receiver_name TEXT NOT NULL, receiver_addr1 TEXT NOT NULL, receiver_addr2 TEXT NOT NULL, receiver_addr3 TEXT NOT NULL,
    receiver_city TEXT NOT NULL, receiver_region TEXT NOT NULL, receiver_zip TEXT NOT NULL, receiver_phone TEXT NOT NULL,
    receiver_contact TEXT NOT NULL, receiver_country TEXT NOT NULL,
    quantity             TEXT NOT NULL,
    weight_grams         INTEGER NOT NULL,
    chargeable_kilograms INTEGER NOT NULL,
    goods_description    TEXT NOT NULL,
    goods_value          INTEGER NOT NULL,
    goods_type           TEXT NOT NULL,
    instructions         TEXT NOT NULL,
    insured              INTEGER NOT NULL,
    cod                  INTEGER NOT NULL,
    price_per_kg         INTEGER NOT NULL,
    freight              INTEGER NOT NULL,
    insurance            INTEGER NOT NULL,
    cod_amount           INTEGER NOT NULL,
    etd_from             INTEGER,
    etd_thru             INTEGER,
    created_at           INTEGER NOT NULL,
    pickup_details       TEXT NOT NULL,
    UNIQUE (account, order_id)
) WITHOUT ROWID;

CREATE TABLE reserved_airwaybills (
    airwaybill  TEXT PRIMARY KEY,
    account     TEXT NOT NULL,
    reserved_at INTEGER NOT NULL,
    used        INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    event_id    TEXT UNIQUE,          -- the network's idempotency key; NULL for the system's own
    airwaybill  TEXT NOT NULL,
    code        TEXT NOT NULL,
    happened_at INTEGER NOT NULL,
    place       TEXT NOT NULL,
    receiver    TEXT NOT NULL,
    note        TEXT NOT NULL
);
CREATE INDEX events_by_airwaybill ON events (airwaybill, happened_at, id);
