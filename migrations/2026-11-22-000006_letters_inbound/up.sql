-- Letters and received text messages.

-- Letter templates: the contact block printed top right, and the postage
-- (versioned with the rest of the template).
ALTER TABLE template_versions
    ADD COLUMN letter_contact_block text,
    ADD COLUMN postage text
        CHECK (postage IN ('first', 'second', 'economy', 'europe', 'rest-of-world'));

-- A letter's postage: the template's, or the zone of an address abroad, or
-- the one chosen for a precompiled letter. Never indexed (HOT updates stay
-- possible). On the partitioned parent, so every partition gets it.
ALTER TABLE notifications ADD COLUMN postage text;

-- Letter PDFs, kept out of the hot notifications table (a 2 MB precompiled
-- PDF would bloat it; TOAST stores bytea out of line anyway). Written in
-- batches by the letters worker; read by GET /v2/notifications/{id}/pdf.
CREATE TABLE letter_pdfs (
    notification_id         uuid PRIMARY KEY,
    notification_created_at timestamptz NOT NULL,
    service_id              uuid NOT NULL,
    pdf                     bytea NOT NULL,
    pages                   integer NOT NULL CHECK (pages > 0),
    -- Uploaded by the client (kept byte for byte) rather than rendered.
    precompiled             boolean NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now()
);
-- Retention follows the notifications' (by their creation time).
CREATE INDEX letter_pdfs_notification_created_at_idx ON letter_pdfs (notification_created_at);

-- Letters end `received` (handed to the print provider); it is final.
CREATE OR REPLACE FUNCTION herald_status_rank(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'created' THEN 0
        WHEN 'sending' THEN 1
        WHEN 'pending' THEN 2
        WHEN 'sent' THEN 3
        WHEN 'delivered' THEN 4
        WHEN 'received' THEN 4
        WHEN 'temporary-failure' THEN 4
        WHEN 'technical-failure' THEN 4
        WHEN 'permanent-failure' THEN 5
        ELSE 0
    END
$$;

-- The phone number a service receives texts on (one per service, as in
-- Notify), stored as +<digits>.
CREATE TABLE inbound_numbers (
    number     text PRIMARY KEY CHECK (number ~ '^\+[0-9]{3,15}$'),
    service_id uuid NOT NULL UNIQUE REFERENCES services (id),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Received text messages, inserted in batches by the inbound worker.
CREATE TABLE received_texts (
    id                 uuid PRIMARY KEY,
    service_id         uuid NOT NULL,
    notify_number      text NOT NULL,
    user_number        text NOT NULL,
    content            text NOT NULL,
    -- The provider's id of the message (inboundMessageId): redelivered
    -- events are stored once.
    provider_reference text NOT NULL UNIQUE,
    created_at         timestamptz NOT NULL
);
-- GET /v2/received-text-messages: a service's texts, newest first.
CREATE INDEX received_texts_service_created_idx ON received_texts (service_id, created_at DESC, id DESC);
