-- Only the network's scans carry an idempotency key; the system's own events (every create's
-- first) have none. A unique index over every row paid an entry per create for nothing: the
-- index now holds the keys alone, and inserts name its predicate to find it.
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_event_id_key;
CREATE UNIQUE INDEX IF NOT EXISTS events_by_event_id ON events (event_id) WHERE event_id IS NOT NULL;
