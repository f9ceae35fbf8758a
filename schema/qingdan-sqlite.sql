-- qingdan SQLite schema, version 1 (PRAGMA user_version = 1).
--
-- `qingdan --sqlite FILE INPUT...` creates these tables itself: this file is
-- compiled into the tool by CMake, so the two cannot drift apart. Use this file to create an empty database for other
-- tools:  sqlite3 plans.db < schema/qingdan-sqlite.sql
--
-- documents ─< columns
--           ─< domains ─< sections
--                      ─< tasks ─< rows ─< fields ─< items
--                                       ─< units
--           ─< diagnostics
-- (tasks also reference their document, and their section when they have one)
--
-- Every table hangs off documents through foreign keys with ON DELETE
-- CASCADE: deleting a document deletes everything parsed from it. SQLite
-- enforces foreign keys only on connections that run PRAGMA foreign_keys = ON
-- (qingdan does). Line numbers are 1-based and inclusive; NULL when a value
-- has no source line. Positions are 0-based, in document order.
--
-- Importing a document whose name (documents.name, the path as given on the
-- command line) is already in the database replaces it, in one transaction.

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,       -- source name as given ('-' for standard input); the import key
  title TEXT NOT NULL,
  title_first_line INTEGER,
  title_last_line INTEGER,
  encoding TEXT NOT NULL,          -- input encoding as detected or given, e.g. UTF-8
  bytes INTEGER NOT NULL,          -- size of the input in bytes
  lines INTEGER NOT NULL,          -- lines of the input
  sha256 TEXT NOT NULL,            -- SHA-256 of the input bytes, 64 lowercase hex digits
  chars INTEGER NOT NULL,          -- coverage: non-whitespace characters of the input
  in_fields INTEGER NOT NULL,      -- ... in a field, title or name
  furniture INTEGER NOT NULL,      -- ... page furniture or numbering
  unassigned INTEGER NOT NULL,     -- ... that went nowhere
  imported_at TEXT NOT NULL        -- UTC, ISO 8601: 2024-05-01T08:30:00Z
);
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents(sha256);

-- The header row, left to right.
CREATE TABLE IF NOT EXISTS columns (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('seq', 'domain', 'task', 'goal', 'annual_target', 'measures', 'units',
                                     'deadline', 'other')),
  year INTEGER,                    -- 2023 for 2023年工作目标
  PRIMARY KEY (document_id, position)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS domains (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  seq INTEGER,                     -- the printed number; NULL when unnumbered
  name TEXT NOT NULL,
  first_line INTEGER,
  last_line INTEGER,
  UNIQUE (document_id, position)
);

-- Second-level headings (（一）营商环境 under 一、深化改革), in documents that have them.
CREATE TABLE IF NOT EXISTS sections (
  id INTEGER PRIMARY KEY,
  domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,       -- within the domain
  seq INTEGER,                     -- the printed number; NULL when unnumbered
  name TEXT NOT NULL,
  UNIQUE (domain_id, position)
);

CREATE TABLE IF NOT EXISTS tasks (
  id INTEGER PRIMARY KEY,
  domain_id INTEGER NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the domain's document
  section_id INTEGER REFERENCES sections(id) ON DELETE CASCADE,            -- NULL: no section
  position INTEGER NOT NULL,       -- within the domain
  seq INTEGER,                     -- the printed number; NULL when unnumbered
  title TEXT NOT NULL,
  first_line INTEGER,
  last_line INTEGER,
  UNIQUE (domain_id, position)
);
CREATE INDEX IF NOT EXISTS tasks_document ON tasks(document_id);
CREATE INDEX IF NOT EXISTS tasks_section ON tasks(section_id);
CREATE INDEX IF NOT EXISTS tasks_seq ON tasks(seq);

-- A task has one or more table rows.
CREATE TABLE IF NOT EXISTS rows (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,       -- row index within the task
  first_line INTEGER,
  last_line INTEGER,
  UNIQUE (task_id, position)
);

-- The cells of a row, one per column the document has (absent cells have no
-- row here). column_position is columns.position of the cell's column.
CREATE TABLE IF NOT EXISTS fields (
  id INTEGER PRIMARY KEY,
  row_id INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('goal', 'annual_target', 'measures', 'units', 'deadline', 'other')),
  column_position INTEGER,
  text TEXT NOT NULL,              -- wrapped lines joined, CJK spacing repaired, NFC
  first_line INTEGER,
  last_line INTEGER,
  date TEXT,                       -- deadline fields: the ISO date or interval named, else NULL
  UNIQUE (row_id, role, column_position)
);
CREATE INDEX IF NOT EXISTS fields_role ON fields(role);

-- 一是…二是… enumerations of a field (the whole text when there is none).
CREATE TABLE IF NOT EXISTS items (
  field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (field_id, position)
) WITHOUT ROWID;

-- Responsible units of a row by role: lead 牵头, support 配合, implementer
-- (各县市人民政府 …). position: order within the role.
CREATE TABLE IF NOT EXISTS units (
  row_id INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('lead', 'support', 'implementer')),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (row_id, role, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS units_name ON units(name);
CREATE INDEX IF NOT EXISTS units_role ON units(role, name);

CREATE TABLE IF NOT EXISTS diagnostics (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  line INTEGER NOT NULL,           -- 0 when the message concerns the whole input
  message TEXT NOT NULL,
  PRIMARY KEY (document_id, position)
) WITHOUT ROWID;

PRAGMA user_version = 1;
