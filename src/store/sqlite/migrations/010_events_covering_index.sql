-- A tracking read finds a shipment's events in this index alone, already in the order they were
-- recorded: no row of the events table to read after it, and no sort (the index it replaces
-- was ordered by time, the query by id).
DROP INDEX events_by_airwaybill;
CREATE INDEX events_by_airwaybill
    ON events (airwaybill, id, event_id, code, happened_at, place, receiver, note);
