-- Who a team key or a restricted (trial) service may send to, the reply-to
-- addresses and SMS senders a client may pick by id, and the daily limit.

ALTER TABLE services
    ADD COLUMN daily_limit integer NOT NULL DEFAULT 250000 CHECK (daily_limit >= 0);

CREATE TABLE service_team_members (
    id            uuid PRIMARY KEY,
    service_id    uuid NOT NULL REFERENCES services (id),
    email_address text NOT NULL,
    mobile_number text,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_team_members_service_id_idx ON service_team_members (service_id);

-- Notify's "guest list": extra recipients (emails or phone numbers).
CREATE TABLE service_guest_list (
    id         uuid PRIMARY KEY,
    service_id uuid NOT NULL REFERENCES services (id),
    recipient  text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_guest_list_service_id_idx ON service_guest_list (service_id);

CREATE TABLE service_email_reply_to (
    id            uuid PRIMARY KEY,
    service_id    uuid NOT NULL REFERENCES services (id),
    email_address text NOT NULL,
    is_default    boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_email_reply_to_service_id_idx ON service_email_reply_to (service_id);

CREATE TABLE service_sms_senders (
    id         uuid PRIMARY KEY,
    service_id uuid NOT NULL REFERENCES services (id),
    sms_sender text NOT NULL CHECK (char_length(sms_sender) BETWEEN 1 AND 11 OR sms_sender ~ '^\+?[0-9]{3,15}$'),
    is_default boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_sms_senders_service_id_idx ON service_sms_senders (service_id);

-- The reply-to address (email) or sender (SMS) chosen for a notification.
ALTER TABLE notifications ADD COLUMN reply_to text;

ALTER TABLE template_versions ADD COLUMN created_by text NOT NULL DEFAULT 'herald-admin';
