-- Anonymous web chat bookings remember the client address they came from, as a keyed digest
-- (the address cannot be read back from it), so one address can book only a few places of an
-- office-day (`VISADESK_WEB_BOOKINGS_PER_ADDRESS`). NULL for every other channel.
ALTER TABLE appointments ADD COLUMN booked_from TEXT;
CREATE INDEX appointments_booked_from ON appointments (booked_from) WHERE booked_from IS NOT NULL;
