-- Messages taken from a platform but not yet answered (SQLite). Keep equivalent to
-- migrations/postgres/0015_inbox.sql, which explains the columns.
-- seen_updates.payload: personal: the message as received, kept only until its turn has run
ALTER TABLE seen_updates ADD COLUMN payload TEXT;
ALTER TABLE seen_updates ADD COLUMN claimed_until TEXT;
CREATE INDEX seen_updates_unfinished ON seen_updates (channel, claimed_until)
    WHERE payload IS NOT NULL;
