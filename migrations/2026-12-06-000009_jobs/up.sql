-- Bulk sends (POST /v2/notifications/bulk): one `jobs` row per accepted
-- upload, its notifications tagged with the job and their row number.
--
-- Progress is counted without touching a row per notification, and without
-- a shared counter row that concurrent batches would queue on:
-- * each persist batch's INSERT and each grouped status UPDATE fires one
--   statement-level trigger, which reads the statement's transition tables
--   (exactly the rows it inserted, or the rows whose status it changed, with
--   their old and new status) and appends ONE row per job to `job_counts`;
-- * a job's counters are its `jobs` row plus the sum of its `job_counts`
--   rows (a few hundred for 50,000 rows), folded in now and then by the
--   worker.
-- Rows skipped by ON CONFLICT DO NOTHING (a redelivered batch), events that
-- change nothing (a replayed status batch) and updates that lose the race to
-- a concurrent status loop (the rank check fails once it sees the other's
-- row) are in no transition table: nothing is counted twice.

CREATE TABLE jobs (
    id                 uuid PRIMARY KEY,
    service_id         uuid NOT NULL,
    api_key_id         uuid NOT NULL,
    key_type           text NOT NULL CHECK (key_type IN ('normal', 'team', 'test')),
    notification_type  text NOT NULL CHECK (notification_type IN ('email', 'sms', 'letter')),
    template_id        uuid NOT NULL,
    template_version   integer NOT NULL,
    original_file_name text NOT NULL,
    client_reference   text,
    reply_to           text,
    -- pending (being queued), in progress, scheduled, cancelled, error
    -- ("finished" is derived from the counters when read).
    job_status         text NOT NULL,
    scheduled_for      timestamptz,
    created_at         timestamptz NOT NULL,
    -- rows in the upload, and rows the broker confirmed
    total              integer NOT NULL,
    accepted           integer NOT NULL DEFAULT 0,
    -- folded-in counts (see job_counts)
    persisted          integer NOT NULL DEFAULT 0,
    sent               integer NOT NULL DEFAULT 0,
    delivered          integer NOT NULL DEFAULT 0,
    failed             integer NOT NULL DEFAULT 0
);
CREATE INDEX jobs_service_created_idx ON jobs (service_id, created_at DESC, id DESC);

-- Increments, appended by the triggers below: one row per job per statement.
-- sent: left `created` (handed to the provider or the simulator, or failed
-- trying: technical-failure), except for `cancelled`;
-- delivered / failed: net change of the rows in those statuses (a
-- permanent bounce after `delivered` moves one from delivered to failed).
CREATE TABLE job_counts (
    job_id    uuid NOT NULL,
    persisted integer NOT NULL DEFAULT 0,
    sent      integer NOT NULL DEFAULT 0,
    delivered integer NOT NULL DEFAULT 0,
    failed    integer NOT NULL DEFAULT 0
);
CREATE INDEX job_counts_job_idx ON job_counts (job_id);

-- Never indexed on the hot table beyond what listing needs: job rows are
-- found through the job's counters, not by scanning notifications.
ALTER TABLE notifications
    ADD COLUMN job_id uuid,
    ADD COLUMN job_row_number integer;

CREATE FUNCTION herald_count_job_persisted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_counts (job_id, persisted)
    SELECT job_id, count(*) FROM inserted WHERE job_id IS NOT NULL GROUP BY job_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_job_persisted
    AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION herald_count_job_persisted();

CREATE FUNCTION herald_job_failure(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN status IN ('technical-failure', 'temporary-failure', 'permanent-failure',
                                'validation-failed', 'virus-scan-failed', 'returned-letter')
                THEN 1 ELSE 0 END
$$;

CREATE FUNCTION herald_count_job_statuses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Most batches hold no bulk notification: one pass over the new rows.
    IF NOT EXISTS (SELECT 1 FROM after_rows WHERE job_id IS NOT NULL) THEN
        RETURN NULL;
    END IF;
    INSERT INTO job_counts (job_id, sent, delivered, failed)
    SELECT a.job_id,
           count(*) FILTER (WHERE b.status = 'created'
                              AND a.status NOT IN ('created', 'cancelled')),
           sum((a.status = 'delivered')::int - (b.status = 'delivered')::int),
           sum(herald_job_failure(a.status) - herald_job_failure(b.status))
    FROM after_rows a
    JOIN before_rows b ON b.id = a.id AND b.created_at = a.created_at
    WHERE a.job_id IS NOT NULL AND a.status IS DISTINCT FROM b.status
    GROUP BY a.job_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_job_statuses
    AFTER UPDATE ON notifications
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION herald_count_job_statuses();

-- A notification the API withdrew (a publish it answered 503 for after the
-- persist worker had stored it: docs/reliability.md) takes back what its
-- rows had counted. The only DELETE on notifications: retention drops
-- whole partitions.
CREATE FUNCTION herald_count_job_withdrawn() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_counts (job_id, persisted, sent, delivered, failed)
    SELECT job_id,
           -count(*),
           -count(*) FILTER (WHERE status NOT IN ('created', 'cancelled')),
           -sum((status = 'delivered')::int),
           -sum(herald_job_failure(status))
    FROM withdrawn WHERE job_id IS NOT NULL GROUP BY job_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER notifications_job_withdrawn
    AFTER DELETE ON notifications
    REFERENCING OLD TABLE AS withdrawn
    FOR EACH STATEMENT EXECUTE FUNCTION herald_count_job_withdrawn();

-- Scheduled sends (`scheduled_for`), bulk (`job_id` set) and single (NULL):
-- the notifications are stored at once (status `created`, published to the
-- persist queue only), and their packs wait here for their delivery lane
-- until `release_at`. The
-- worker releases what is due with one indexed query a second, whatever the
-- number of notifications held (never a query per notification); a claim
-- (`claimed_until`) makes a release at-least-once and tells a cancellation
-- that the release has begun.
CREATE TABLE scheduled_packs (
    id                bigserial PRIMARY KEY,
    job_id            uuid,
    notification_type text NOT NULL CHECK (notification_type IN ('email', 'sms')),
    release_at        timestamptz NOT NULL,
    notifications     integer NOT NULL,
    payload           bytea NOT NULL,
    claimed_until     timestamptz
);
CREATE INDEX scheduled_packs_release_idx ON scheduled_packs (release_at);
CREATE INDEX scheduled_packs_job_idx ON scheduled_packs (job_id);
