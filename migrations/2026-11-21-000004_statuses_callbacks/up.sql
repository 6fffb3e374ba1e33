-- Delivery statuses, complaints and client callbacks.

-- What the provider said (SES bounce diagnostic, SMTP response, ...) and the
-- bounce classification, kept on the notification. Never indexed: status
-- updates stay HOT.
ALTER TABLE notifications
    ADD COLUMN provider_response text,
    ADD COLUMN feedback_type text,
    ADD COLUMN feedback_subtype text;

-- The status state machine (docs/architecture.md, "Status state machine"):
-- an update applies only when it raises the rank. Final statuses share rank
-- 4; permanent-failure outranks them, so a hard bounce reported after
-- `delivered` wins (SES can report both).
CREATE FUNCTION herald_status_rank(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'created' THEN 0
        WHEN 'sending' THEN 1
        WHEN 'pending' THEN 2
        WHEN 'sent' THEN 3
        WHEN 'delivered' THEN 4
        WHEN 'temporary-failure' THEN 4
        WHEN 'technical-failure' THEN 4
        WHEN 'permanent-failure' THEN 5
        ELSE 0
    END
$$;

CREATE TABLE complaints (
    id                     uuid PRIMARY KEY,
    notification_id        uuid NOT NULL,
    notification_created_at timestamptz NOT NULL,
    service_id             uuid NOT NULL,
    ses_feedback_id        text,
    complaint_type         text,
    complaint_date         timestamptz NOT NULL,
    created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaints_service_id_idx ON complaints (service_id, created_at DESC);
CREATE UNIQUE INDEX complaints_notification_feedback_idx
    ON complaints (notification_id, coalesce(ses_feedback_id, ''));

-- Where a service wants delivery receipts: an https URL and a bearer token.
CREATE TABLE service_callbacks (
    service_id    uuid NOT NULL REFERENCES services (id),
    callback_type text NOT NULL CHECK (callback_type IN ('delivery_status', 'complaint', 'inbound_sms')),
    -- https; plain http only to loopback, for local development (checked by herald admin)
    url           text NOT NULL CHECK (url ~ '^https?://'),
    bearer_token  text NOT NULL CHECK (char_length(bearer_token) >= 10),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, callback_type)
);
