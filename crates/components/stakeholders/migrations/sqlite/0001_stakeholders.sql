-- Stakeholders: organisations in spaces, their contacts, resources and needs, proposed
-- matches between needs and resources, and the search index. Coordinates are WGS 84 degrees.

CREATE TABLE organizations (
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

CREATE TABLE organization_spaces (
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (space_id, organization_id)
);
CREATE INDEX organization_spaces_org ON organization_spaces (organization_id);

CREATE TABLE organization_admins (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_admins_user ON organization_admins (user_id);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    visibility TEXT NOT NULL CHECK (visibility IN ('public', 'members', 'admins')),
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_org ON contacts (organization_id);

CREATE TABLE resources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    capacity INTEGER,
    availability TEXT NOT NULL,
    address TEXT NOT NULL,
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    keywords TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX resources_space ON resources (space_id, kind);
CREATE INDEX resources_org ON resources (organization_id);
CREATE INDEX resources_kind_position ON resources (kind, lat, lon);

CREATE TABLE needs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    space_id INTEGER NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    capacity INTEGER,
    urgency TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high', 'critical')),
    status TEXT NOT NULL CHECK (status IN ('open', 'met')),
    address TEXT NOT NULL,
    lat REAL CHECK (lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon BETWEEN -180 AND 180),
    keywords TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX needs_space ON needs (space_id, status);
CREATE INDEX needs_org ON needs (organization_id);

CREATE TABLE matches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    resource_id INTEGER NOT NULL REFERENCES resources (id) ON DELETE CASCADE,
    proposed_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'declined', 'done')),
    need_side TEXT NOT NULL CHECK (need_side IN ('pending', 'accepted', 'declined')),
    offer_side TEXT NOT NULL CHECK (offer_side IN ('pending', 'accepted', 'declined')),
    score REAL NOT NULL,
    reasons TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (need_id, resource_id)
);
CREATE INDEX matches_resource ON matches (resource_id);

-- Full-text search over folded text (see cospace_core::text): one row per searchable item and
-- space, mirrored into an FTS5 index by triggers. The text is folded before it is stored, so
-- both databases search the same words.
CREATE TABLE stakeholder_search (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_type TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    space_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (item_type, item_id, space_id)
);
CREATE INDEX stakeholder_search_space ON stakeholder_search (space_id);

CREATE VIRTUAL TABLE stakeholder_search_fts USING fts5 (
    body,
    content = 'stakeholder_search',
    content_rowid = 'id',
    tokenize = 'unicode61',
    prefix = '2 3 4'
);
CREATE TRIGGER stakeholder_search_insert AFTER INSERT ON stakeholder_search BEGIN
    INSERT INTO stakeholder_search_fts (rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER stakeholder_search_delete AFTER DELETE ON stakeholder_search BEGIN
    INSERT INTO stakeholder_search_fts (stakeholder_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER stakeholder_search_update AFTER UPDATE ON stakeholder_search BEGIN
    INSERT INTO stakeholder_search_fts (stakeholder_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO stakeholder_search_fts (rowid, body) VALUES (new.id, new.body);
END;
