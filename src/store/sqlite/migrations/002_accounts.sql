-- Accounts: the API key is kept only as its SHA-256.
CREATE TABLE accounts (
    username         TEXT PRIMARY KEY,
    key_hash         TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('merchant', 'operator')),
    customer_numbers TEXT NOT NULL,
    branches         TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
