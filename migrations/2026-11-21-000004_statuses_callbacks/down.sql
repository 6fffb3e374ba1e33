DROP TABLE service_callbacks;
DROP TABLE complaints;
DROP FUNCTION herald_status_rank(text);
ALTER TABLE notifications
    DROP COLUMN feedback_subtype,
    DROP COLUMN feedback_type,
    DROP COLUMN provider_response;
