DROP TABLE scheduled_packs;
DROP TRIGGER notifications_job_statuses ON notifications;
DROP TRIGGER notifications_job_persisted ON notifications;
DROP FUNCTION herald_count_job_statuses();
DROP FUNCTION herald_job_failure(text);
DROP FUNCTION herald_count_job_persisted();
ALTER TABLE notifications DROP COLUMN job_row_number, DROP COLUMN job_id;
DROP TABLE job_counts;
DROP TABLE jobs;
