-- Send a file by email: each file a client attaches is stored here, outside
-- the hot notifications table, encrypted with a key that exists only in
-- the download link (as Notify's document download does): the database
-- alone cannot read a document.
CREATE TABLE documents (
    id               uuid PRIMARY KEY,
    service_id       uuid NOT NULL,
    notification_id  uuid NOT NULL,
    filename         text,
    mimetype         text NOT NULL,
    size_bytes       integer NOT NULL,
    -- sha256 of the recipient's address (lower-cased) when the recipient
    -- must confirm it before downloading; NULL otherwise.
    confirm_email_sha256 bytea,
    nonce            bytea NOT NULL,
    ciphertext       bytea NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
-- Expired documents are deleted in batches by the worker.
CREATE INDEX documents_expires_at_idx ON documents (expires_at);

-- Notify refuses files for a service without a contact link (shown to the
-- recipient on the download page).
ALTER TABLE services ADD COLUMN contact_link text;
