-- Tracking answers as they were sent, for every reader to send again without reading the shipment
-- and its events and writing them out anew: a cache, current while it was made from as many
-- events as the shipment has (events are only ever added) and in the server's format. Written
-- without waiting for the disk; it may be emptied at any time. A rowid table: a body of 1–2 kB
-- fits its leaf page, where an index's would spill to an overflow page.
CREATE TABLE tracking_answers (
    airwaybill TEXT PRIMARY KEY,
    account    TEXT NOT NULL,
    format     INTEGER NOT NULL,
    events     INTEGER NOT NULL,
    body       TEXT NOT NULL
);
