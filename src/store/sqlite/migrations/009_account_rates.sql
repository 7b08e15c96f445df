-- An account's own request rate: so many requests per so many seconds; 0 requests: unlimited.
ALTER TABLE accounts ADD COLUMN rate_requests INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN rate_seconds INTEGER NOT NULL DEFAULT 1;
