-- Services, their API keys and their templates. Small, read-mostly tables:
-- every API process holds them in memory and never reads them on the
-- request path (see docs/architecture.md, "No database on the request path").

CREATE TABLE services (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 255),
    -- A restricted (trial) service may only send to its team and guest list.
    restricted  boolean NOT NULL DEFAULT false,
    active      boolean NOT NULL DEFAULT true,
    -- Requests per 60 s per key type (Notify's default is 3,000).
    rate_limit  integer NOT NULL DEFAULT 3000 CHECK (rate_limit > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    service_id  uuid NOT NULL REFERENCES services (id),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    -- The HS256 signing secret the client holds. Never logged.
    secret      text NOT NULL,
    key_type    text NOT NULL CHECK (key_type IN ('normal', 'team', 'test')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- Set when the key is revoked; a revoked key is refused.
    expiry_date timestamptz
);
CREATE INDEX api_keys_service_id_idx ON api_keys (service_id);

CREATE TABLE templates (
    id              uuid PRIMARY KEY,
    service_id      uuid NOT NULL REFERENCES services (id),
    template_type   text NOT NULL CHECK (template_type IN ('email', 'sms', 'letter')),
    current_version integer NOT NULL DEFAULT 1 CHECK (current_version > 0),
    archived        boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX templates_service_id_idx ON templates (service_id);

-- Versions are immutable: an edit inserts a new row and bumps current_version.
CREATE TABLE template_versions (
    template_id uuid NOT NULL REFERENCES templates (id),
    version     integer NOT NULL CHECK (version > 0),
    name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 255),
    subject     text,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (template_id, version)
);
