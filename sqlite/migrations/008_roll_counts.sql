-- The store's numbers of articles and merged events, kept by storing beside
-- the rollups, so that stats need not count millions of rows. Counted when
-- the rollups are next built (on the next open).
ALTER TABLE roll_state ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE roll_state ADD COLUMN clusters INTEGER NOT NULL DEFAULT 0;
UPDATE roll_state SET built = 0;
