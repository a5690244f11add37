-- An appointment booked for an applicant on record (by themselves or a helper) belongs to the
-- applicant: "my appointments" of their own chats and of their current helpers find it by
-- applicant. Keep equivalent to migrations/sqlite/0010_appointments_of_applicants.sql.
CREATE INDEX appointments_by_applicant ON appointments (applicant_id, status);
