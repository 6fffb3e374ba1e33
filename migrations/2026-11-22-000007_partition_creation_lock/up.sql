-- Two sessions creating the same day's partition at once (the persist loops
-- and the worker's partition maintenance) both passed the `to_regclass`
-- check, and the second CREATE TABLE IF NOT EXISTS failed on the catalog's
-- unique index ("relation ... already exists"), failing its whole batch
-- once. Creation now takes a transaction-level advisory lock and checks
-- again under it; the common case (the partition exists) takes no lock.
-- One lock for every day, not one per partition: a transaction creating
-- several days would otherwise hold one day's lock (and, once created, the
-- lock CREATE takes on `notifications`) while waiting for another day's,
-- which a session creating the days in the other order could hold while
-- waiting for `notifications`: a deadlock. Creating partitions is rare, so
-- serialising all of it costs nothing.
CREATE OR REPLACE FUNCTION herald_ensure_notifications_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    part text := format('notifications_%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('herald_ensure_notifications_partition'));
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
