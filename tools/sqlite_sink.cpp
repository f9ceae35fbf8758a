// qingdan --sqlite: see sqlite_sink.hpp and schema/qingdan-sqlite.sql.
#include "sqlite_sink.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace qingdan_cli {

namespace {

// schema/qingdan-sqlite.sql, verbatim (tests/sqlite_test.sh compares the
// schema this creates with the one the file creates).
// schema/qingdan-sqlite.sql, compiled in by CMake: one source for the tool
// and for anyone creating the tables with the sqlite3 shell.
constexpr const char* kSchema =
#include "qingdan_sqlite_schema.inc"
    ;

constexpr int kSchemaVersion = 1;

// Statement texts, indexed by SqliteSink::Stmt.
constexpr const char* kSql[] = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "DELETE FROM documents WHERE name = ?1",
    "INSERT INTO documents (name, title, title_first_line, title_last_line, encoding, bytes, lines, sha256, chars, "
    "in_fields, furniture, unassigned, imported_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    "INSERT INTO columns (document_id, position, label, role, year) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO domains (document_id, position, seq, name, first_line, last_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO sections (domain_id, position, seq, name) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO tasks (domain_id, document_id, section_id, position, seq, title, first_line, last_line) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO rows (task_id, position, first_line, last_line) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO fields (row_id, role, column_position, text, first_line, last_line, date) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO items (field_id, position, text) VALUES (?1, ?2, ?3)",
    "INSERT INTO units (row_id, role, position, name) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO diagnostics (document_id, position, severity, line, message) VALUES (?1, ?2, ?3, ?4, ?5)",
};

}  // namespace

static_assert(sizeof(kSql) / sizeof(kSql[0]) == SqliteSink::kStmtCount, "one SQL text per statement");

namespace {

/// Binds parameters left to right (from ?1) and steps a prepared statement
/// to completion. The statement is reset when it is next used, not after the
/// step, so that sqlite3_errmsg() still describes a failure.
class Call {
 public:
  explicit Call(sqlite3_stmt* stmt) : stmt_(stmt) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Call(const Call&) = delete;
  Call& operator=(const Call&) = delete;

  Call& text(std::string_view s) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_text64(stmt_, ++index_, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
  }
  Call& integer(std::int64_t n) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(stmt_, ++index_, n);
    return *this;
  }
  Call& null() {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_null(stmt_, ++index_);
    return *this;
  }
  Call& optional(const std::optional<int>& n) { return n ? integer(*n) : null(); }
  /// Two parameters: first and last line, NULL for an empty span.
  Call& span(qingdan::LineSpan s) {
    if (s.empty()) return null().null();
    return integer(s.first).integer(s.last);
  }
  /// Runs the statement; false on error (sqlite3_errmsg says why).
  bool run() {
    if (rc_ != SQLITE_OK) return false;
    int rc;
    while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
    }
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3_stmt* stmt_;
  int index_ = 0;
  int rc_ = SQLITE_OK;
};

const char* unit_role(int i) {
  static const char* const roles[] = {"lead", "support", "implementer"};
  return roles[i];
}

}  // namespace

const char* SqliteSink::schema() {
  return kSchema;
}

SqliteSink::~SqliteSink() {
  std::string ignored;
  close(ignored);
}

std::string SqliteSink::message() const {
  return path_ + ": " + (db_ ? sqlite3_errmsg(db_) : "out of memory");
}

bool SqliteSink::open(const std::string& path, std::string& error) {
  path_ = path;
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    error = message();
    std::string ignored;
    close(ignored);
    return false;
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);  // another writer on the same file: wait for it
  auto fail = [&] {
    error = message();
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    std::string ignored;
    close(ignored);
    return false;
  };
  if (sqlite3_exec(db_, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr) != SQLITE_OK) return fail();

  int version = 0;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK) return fail();
  if (sqlite3_step(stmt) == SQLITE_ROW) version = sqlite3_column_int(stmt, 0);
  if (sqlite3_finalize(stmt) != SQLITE_OK) return fail();
  if (version > kSchemaVersion) {
    error = path + ": schema version " + std::to_string(version) + " is newer than this qingdan's (" +
            std::to_string(kSchemaVersion) + ")";
    std::string ignored;
    close(ignored);
    return false;
  }
  // The whole schema at once, or nothing (CREATE ... IF NOT EXISTS: a no-op on an existing database).
  if (sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(db_, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK ||
      sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
    return fail();
  for (int i = 0; i < kStmtCount; ++i)
    if (sqlite3_prepare_v3(db_, kSql[i], -1, SQLITE_PREPARE_PERSISTENT, &stmt_[i], nullptr) != SQLITE_OK) return fail();
  return true;
}

bool SqliteSink::import(const qingdan::Document& document, std::string_view sha256, std::string& error) {
  if (!db_) {
    error = path_ + ": database is not open";
    return false;
  }
  const std::size_t replaced = replaced_;
  if (Call(stmt_[kBegin]).run() && insert(document, sha256) && Call(stmt_[kCommit]).run()) {
    ++imported_;
    return true;
  }
  error = message();
  replaced_ = replaced;
  if (!sqlite3_get_autocommit(db_)) Call(stmt_[kRollback]).run();
  return false;
}

bool SqliteSink::insert(const qingdan::Document& d, std::string_view sha256) {
  if (!Call(stmt_[kDeleteDocument]).text(d.source.name).run()) return false;
  if (sqlite3_changes(db_) > 0) ++replaced_;
  if (!Call(stmt_[kInsertDocument])
           .text(d.source.name)
           .text(d.title)
           .span(d.title_lines)
           .text(d.source.encoding)
           .integer(static_cast<std::int64_t>(d.source.bytes))
           .integer(d.source.lines)
           .text(sha256)
           .integer(static_cast<std::int64_t>(d.coverage.chars))
           .integer(static_cast<std::int64_t>(d.coverage.in_fields))
           .integer(static_cast<std::int64_t>(d.coverage.furniture))
           .integer(static_cast<std::int64_t>(d.coverage.unassigned))
           .run())
    return false;
  const std::int64_t document_id = sqlite3_last_insert_rowid(db_);

  // The column of each dedicated role (the first one, should a role repeat).
  std::optional<int> column_of[static_cast<int>(qingdan::ColumnRole::other) + 1];
  for (std::size_t i = 0; i < d.columns.size(); ++i) {
    const qingdan::Column& c = d.columns[i];
    auto& slot = column_of[static_cast<int>(c.role)];
    if (!slot) slot = static_cast<int>(i);
    if (!Call(stmt_[kInsertColumn])
             .integer(document_id)
             .integer(static_cast<std::int64_t>(i))
             .text(c.label)
             .text(qingdan::to_string(c.role))
             .optional(c.year)
             .run())
      return false;
  }
  for (std::size_t i = 0; i < d.diagnostics.size(); ++i) {
    const qingdan::Diagnostic& g = d.diagnostics[i];
    if (!Call(stmt_[kInsertDiagnostic])
             .integer(document_id)
             .integer(static_cast<std::int64_t>(i))
             .text(qingdan::to_string(g.severity))
             .integer(g.line)
             .text(g.message)
             .run())
      return false;
  }

  auto field = [&](std::int64_t row_id, std::string_view role, std::optional<int> column, const qingdan::Field& f,
                   const std::optional<std::string>& date = std::nullopt) -> bool {
    Call insert(stmt_[kInsertField]);
    insert.integer(row_id).text(role).optional(column).text(f.text).span(f.lines);
    if (date)
      insert.text(*date);
    else
      insert.null();
    if (!insert.run()) return false;
    const std::int64_t field_id = sqlite3_last_insert_rowid(db_);
    for (std::size_t i = 0; i < f.items.size(); ++i)
      if (!Call(stmt_[kInsertItem]).integer(field_id).integer(static_cast<std::int64_t>(i)).text(f.item(i)).run())
        return false;
    return true;
  };
  auto column = [&](qingdan::ColumnRole role) { return column_of[static_cast<int>(role)]; };
  using qingdan::ColumnRole;

  for (std::size_t di = 0; di < d.domains.size(); ++di) {
    const qingdan::Domain& domain = d.domains[di];
    if (!Call(stmt_[kInsertDomain])
             .integer(document_id)
             .integer(static_cast<std::int64_t>(di))
             .optional(domain.seq)
             .text(domain.name)
             .span(domain.lines)
             .run())
      return false;
    const std::int64_t domain_id = sqlite3_last_insert_rowid(db_);
    // Sections of this domain, by (seq, name), numbered in order of first appearance.
    std::map<std::pair<std::optional<int>, std::string>, std::int64_t> sections;
    for (std::size_t ti = 0; ti < domain.tasks.size(); ++ti) {
      const qingdan::Task& task = domain.tasks[ti];
      std::optional<std::int64_t> section_id;
      if (task.section) {
        auto [it, fresh] = sections.emplace(std::make_pair(task.section->seq, task.section->name), 0);
        if (fresh) {
          if (!Call(stmt_[kInsertSection])
                   .integer(domain_id)
                   .integer(static_cast<std::int64_t>(sections.size() - 1))
                   .optional(task.section->seq)
                   .text(task.section->name)
                   .run())
            return false;
          it->second = sqlite3_last_insert_rowid(db_);
        }
        section_id = it->second;
      }
      Call insert_task(stmt_[kInsertTask]);
      insert_task.integer(domain_id).integer(document_id);
      if (section_id) {
        insert_task.integer(*section_id);
      } else {
        insert_task.null();
      }
      if (!insert_task.integer(static_cast<std::int64_t>(ti))
               .optional(task.seq)
               .text(task.title)
               .span(task.lines)
               .run())
        return false;
      const std::int64_t task_id = sqlite3_last_insert_rowid(db_);
      for (std::size_t ri = 0; ri < task.rows.size(); ++ri) {
        const qingdan::Row& row = task.rows[ri];
        if (!Call(stmt_[kInsertRow]).integer(task_id).integer(static_cast<std::int64_t>(ri)).span(row.lines).run())
          return false;
        const std::int64_t row_id = sqlite3_last_insert_rowid(db_);
        if (row.goal && !field(row_id, "goal", column(ColumnRole::goal), *row.goal)) return false;
        if (row.annual_target && !field(row_id, "annual_target", column(ColumnRole::annual_target), *row.annual_target))
          return false;
        if (row.measures && !field(row_id, "measures", column(ColumnRole::measures), *row.measures)) return false;
        if (row.units) {
          if (!field(row_id, "units", column(ColumnRole::units), *row.units)) return false;
          const std::vector<std::string>* lists[] = {&row.units->lead, &row.units->support, &row.units->implementers};
          for (int role = 0; role < 3; ++role)
            for (std::size_t i = 0; i < lists[role]->size(); ++i)
              if (!Call(stmt_[kInsertUnit])
                       .integer(row_id)
                       .text(unit_role(role))
                       .integer(static_cast<std::int64_t>(i))
                       .text((*lists[role])[i])
                       .run())
                return false;
        }
        if (row.deadline && !field(row_id, "deadline", column(ColumnRole::deadline), *row.deadline, row.deadline->date))
          return false;
        for (const qingdan::OtherCell& cell : row.other)
          if (!field(row_id, "other", static_cast<int>(cell.column), cell.field)) return false;
      }
    }
  }
  return true;
}

bool SqliteSink::close(std::string& error) {
  if (!db_) return true;
  for (sqlite3_stmt*& stmt : stmt_) {
    sqlite3_finalize(stmt);
    stmt = nullptr;
  }
  sqlite3_exec(db_, "PRAGMA optimize", nullptr, nullptr, nullptr);
  const bool ok = sqlite3_close(db_) == SQLITE_OK;
  if (!ok) error = message();
  db_ = nullptr;
  return ok;
}

}  // namespace qingdan_cli
