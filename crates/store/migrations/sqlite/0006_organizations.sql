-- Organisations, their admins and their listings in spaces belong to the platform: every
-- component names organisations (organisers of events, owners of resources, parties to
-- commitments), so they exist whichever components a server runs.
--
-- The stakeholders component's first migration (version 2026112301) created these tables
-- before they moved to the platform. That migration has been applied to existing databases
-- and its checksum is recorded, so it cannot change: on a database that ran it, and on a new
-- one where it runs first (versions apply in order), every statement here finds its table or
-- index already there and does nothing; on a server without the stakeholders component it
-- creates them. The definitions are the same, so every database ends with the same schema.

CREATE TABLE IF NOT EXISTS organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    sector TEXT NOT NULL,
    level TEXT,
    description TEXT NOT NULL,
    website TEXT,
    languages TEXT NOT NULL,
    sdg_targets TEXT NOT NULL,
    address TEXT NOT NULL,
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS organization_spaces (
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (space_id, organization_id)
);
CREATE INDEX IF NOT EXISTS organization_spaces_org ON organization_spaces (organization_id);

CREATE TABLE IF NOT EXISTS organization_admins (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX IF NOT EXISTS organization_admins_user ON organization_admins (user_id);
