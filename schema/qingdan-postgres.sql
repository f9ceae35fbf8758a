-- qingdan rows in PostgreSQL: a table for `qingdan ... --format csv` (and a
-- jsonb table for `--format rows`), loaded with one command:
--
--   psql -f schema/qingdan-postgres.sql
--   qingdan convert --format csv DIR | psql -c "\copy qingdan_rows FROM STDIN WITH (FORMAT csv, HEADER true)"
--
--   qingdan convert --format rows DIR |
--     psql -c "\copy qingdan_rows_json FROM STDIN WITH (FORMAT csv, QUOTE e'\x01', DELIMITER e'\x02')"
--
-- One row per table row of a document, denormalised; the columns are those
-- of the CSV header, in its order (README: "Row formats for databases").
-- Absent values (a column the document lacks, an unnumbered domain or task,
-- a task without a section) arrive as NULL, empty texts as ''. Line spans are text 'first-last'; the
-- unit lists (lead, support, implementers) are names joined with 、, which
-- the view qingdan_units splits again (a 、 inside parentheses, as in
-- 县税务局（含A、B）, is part of a name). Loading a document again adds its
-- rows again: delete the old ones first (DELETE FROM qingdan_rows WHERE
-- source = '...'), or load into a fresh table.

CREATE TABLE IF NOT EXISTS qingdan_rows (
  title text NOT NULL,
  source text NOT NULL,              -- the input's name as given to qingdan
  encoding text NOT NULL,
  bytes bigint NOT NULL,
  sha256 char(64) NOT NULL,          -- SHA-256 of the input bytes
  domain_seq integer,
  domain_name text NOT NULL,
  section_seq integer,               -- second-level heading (（一）…), NULL without
  section_name text,
  task_seq integer,
  task_title text NOT NULL,
  row_index integer NOT NULL,        -- 0-based within the task: row_index = 0 is one row per task
  lines text,
  goal text,
  goal_lines text,
  annual_target text,
  annual_target_lines text,
  measures text,
  measures_lines text,
  units text,
  units_lines text,
  lead text,                         -- 牵头 unit names joined with 、
  support text,                      -- 配合
  implementers text,                 -- 各县市人民政府 …
  deadline text,
  deadline_lines text,
  deadline_date text,                -- ISO date or ISO 8601 interval named by the deadline, if any
  other jsonb NOT NULL,              -- {label: text} of the other columns
  other_lines jsonb NOT NULL         -- {label: 'first-last'}
);
CREATE INDEX IF NOT EXISTS qingdan_rows_source ON qingdan_rows (source, domain_seq, task_seq, row_index);

-- One unit name per line: (row, role, position, name), role lead, support or implementer.
CREATE OR REPLACE VIEW qingdan_units AS
SELECT r.source, r.domain_seq, r.task_seq, r.task_title, r.row_index, u.role, n.position - 1 AS position, n.name
FROM qingdan_rows r
CROSS JOIN LATERAL (VALUES ('lead', r.lead), ('support', r.support), ('implementer', r.implementers)) AS u (role, names)
CROSS JOIN LATERAL unnest(regexp_split_to_array(u.names, '、(?![^（(]*[）)])')) WITH ORDINALITY AS n (name, position)
WHERE n.name <> '';

-- `--format rows`: one JSON object per line, the same keys (unit lists as
-- arrays, spans as [first, last]): doc->>'task_title', doc->'support' ? '州医保局'.
CREATE TABLE IF NOT EXISTS qingdan_rows_json (
  doc jsonb NOT NULL
);
