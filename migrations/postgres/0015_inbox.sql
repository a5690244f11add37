-- Messages taken from a platform but not yet answered (PostgreSQL). Keep equivalent to
-- migrations/sqlite/0015_inbox.sql.

-- A platform update is recorded in `seen_updates` when it arrives (the platform is then told
-- it was received), with what is needed to run its turn (`payload`) and the time until which
-- the process that took it runs the turn (`claimed_until`). Once the turn has run, the payload
-- is dropped and the row only remembers the update as seen. A row that still holds its
-- payload after its claim lapsed belongs to a process that stopped: another process, or the
-- same one restarted, runs the turn (gateway/src/inbox.rs).
ALTER TABLE seen_updates ADD COLUMN payload TEXT;
ALTER TABLE seen_updates ADD COLUMN claimed_until TIMESTAMPTZ;
COMMENT ON COLUMN seen_updates.payload IS 'personal: the message as received, kept only until its turn has run';
CREATE INDEX seen_updates_unfinished ON seen_updates (channel, claimed_until)
    WHERE payload IS NOT NULL;
