-- Tracking answers as they were sent, for every server process to send again without reading the
-- shipment and its events and writing them out anew: a cache, current while it was made from as
-- many events as the shipment has (events are only ever added) and in the servers' format.
-- Written with synchronous_commit off; it may be emptied at any time.
CREATE TABLE tracking_answers (
    airwaybill text PRIMARY KEY,
    account    text NOT NULL,
    format     integer NOT NULL,
    events     bigint NOT NULL,
    body       text NOT NULL
);
