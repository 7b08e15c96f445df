-- Grows with every commit that records scan events: servers keep tracking answers until it moves.
INSERT INTO meta (key, value) VALUES ('tracking_generation', 1);
