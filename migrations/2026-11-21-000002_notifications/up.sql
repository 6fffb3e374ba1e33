-- The hot table. Rows are inserted in batches by the persist worker and
-- updated by grouped status transactions.
--
-- * id is a UUIDv7 assigned by the API: time-ordered, so index inserts
--   append instead of landing on random pages.
-- * created_at is the timestamp embedded in the id, so a lookup by id names
--   its partition (partition pruning) and the key (id, created_at) is unique
--   exactly when id is.
-- * Partitioned by day: retention is DROP TABLE of a partition, never a mass
--   DELETE followed by an autovacuum storm. The worker creates partitions
--   ahead of time (herald_domain::db::partitions).
-- * No foreign keys: a key-share lock on the services row per inserted
--   notification would turn a blast into MultiXact contention on one row.
--   The API only publishes notifications for services it has loaded.
CREATE TABLE notifications (
    id                 uuid NOT NULL,
    created_at         timestamptz NOT NULL,
    service_id         uuid NOT NULL,
    api_key_id         uuid NOT NULL,
    key_type           text NOT NULL CHECK (key_type IN ('normal', 'team', 'test')),
    notification_type  text NOT NULL CHECK (notification_type IN ('email', 'sms', 'letter')),
    template_id        uuid NOT NULL,
    template_version   integer NOT NULL CHECK (template_version > 0),
    recipient          text NOT NULL,
    client_reference   text CHECK (char_length(client_reference) <= 1000),
    subject            text,
    body               text NOT NULL,
    one_click_unsubscribe_url text,
    -- Status columns: never indexed, so status updates stay HOT.
    status             text NOT NULL DEFAULT 'created',
    sent_at            timestamptz,
    updated_at         timestamptz,
    provider_reference text,
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

-- GET /v2/notifications lists a service's notifications newest first.
CREATE INDEX notifications_service_created_idx
    ON notifications (service_id, created_at DESC);

-- A helper the worker calls to create the partition holding a given day.
-- Storage settings are set per partition (they are not inherited):
-- * fillfactor 80 leaves room on each page so status updates are HOT;
-- * autovacuum runs after 1% churn instead of 20%, in small, frequent passes,
--   with a higher cost limit so it keeps up with a blast instead of starting
--   late on a huge backlog (the GC Notify incident).
CREATE FUNCTION herald_ensure_notifications_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    part text := format('notifications_%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF to_regclass(part) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF notifications
                 FOR VALUES FROM (%L) TO (%L)
                 WITH (fillfactor = 80,
                       autovacuum_vacuum_scale_factor = 0.01,
                       autovacuum_vacuum_threshold = 1000,
                       autovacuum_vacuum_insert_scale_factor = 0.05,
                       autovacuum_analyze_scale_factor = 0.02,
                       autovacuum_vacuum_cost_limit = 2000)',
            part,
            day::timestamp AT TIME ZONE 'UTC',
            (day + 1)::timestamp AT TIME ZONE 'UTC');
    END IF;
END;
$$;

