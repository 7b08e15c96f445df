-- The catalogue: locations, origins, branches, services, hubs and tariff rows.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO meta (key, value) VALUES ('version', 1);

CREATE TABLE areas (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    province    TEXT NOT NULL,
    city        TEXT NOT NULL,
    district    TEXT NOT NULL,
    subdistrict TEXT NOT NULL,
    zip         TEXT NOT NULL
);
CREATE INDEX areas_by_code ON areas (code);

CREATE TABLE origins (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE branches (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE services (
    code          TEXT PRIMARY KEY,
    display       TEXT NOT NULL,
    goods_type    TEXT NOT NULL,
    min_kilograms INTEGER NOT NULL,
    max_kilograms INTEGER NOT NULL,
    flat          INTEGER NOT NULL,
    rank          INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE hubs (
    code      TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    latitude  REAL NOT NULL,
    longitude REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE tariffs (
    origin      TEXT NOT NULL,
    destination TEXT NOT NULL,
    service     TEXT NOT NULL,
    price       INTEGER NOT NULL,
    etd_from    INTEGER,
    etd_thru    INTEGER,
    PRIMARY KEY (origin, destination, service)
) WITHOUT ROWID;
