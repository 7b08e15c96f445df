-- The tracking generation grows with every commit that records events. Kept in one row, it
-- made those commits take turns: each held the row's lock from its bump to the end of its
-- commit (the WAL flush). Spread over 64 rows, chosen by the committing backend, the group
-- commits of several processes run at once; readers add the rows up (meta's value is the base).
CREATE TABLE tracking_generations (
    shard integer PRIMARY KEY,
    value bigint NOT NULL
);
INSERT INTO tracking_generations (shard, value) SELECT s, 0 FROM generate_series(0, 63) AS s;
