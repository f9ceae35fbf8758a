// qingdan --sqlite FILE: parsed documents into normalised SQLite tables
// (schema/qingdan-sqlite.sql, built in as well).
//
// One transaction per document. A document whose source name is already in
// the database replaces it (the old one and everything parsed from it are
// deleted through ON DELETE CASCADE, in the same transaction), so importing
// the same files again never duplicates them. Every statement is prepared
// once. Not thread-safe: one writer (the batch's in-order writer thread).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "qingdan/document.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace qingdan_cli {

class SqliteSink {
 public:
  SqliteSink() = default;
  SqliteSink(const SqliteSink&) = delete;
  SqliteSink& operator=(const SqliteSink&) = delete;
  ~SqliteSink();

  /// Opens (creates) the database, turns foreign keys on, creates the schema
  /// if missing and prepares the statements. A database with a newer schema
  /// version (PRAGMA user_version) is refused.
  bool open(const std::string& path, std::string& error);

  /// Inserts `document` (replacing one of the same source name) in one
  /// transaction; `sha256` is the digest of its input bytes. On failure the
  /// transaction is rolled back and `error` says why.
  bool import(const qingdan::Document& document, std::string_view sha256, std::string& error);

  /// Finalises the statements and closes the database.
  bool close(std::string& error);

  std::size_t imported() const { return imported_; }
  std::size_t replaced() const { return replaced_; }

  /// The schema, as in schema/qingdan-sqlite.sql.
  static const char* schema();

  /// The prepared statements (their SQL: sqlite_sink.cpp).
  enum Stmt {
    kBegin,
    kCommit,
    kRollback,
    kDeleteDocument,
    kInsertDocument,
    kInsertColumn,
    kInsertDomain,
    kInsertSection,
    kInsertTask,
    kInsertRow,
    kInsertField,
    kInsertItem,
    kInsertUnit,
    kInsertDiagnostic,
    kStmtCount
  };

 private:
  bool insert(const qingdan::Document& document, std::string_view sha256);
  std::string message() const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_[kStmtCount] = {};
  std::string path_;
  std::size_t imported_ = 0;
  std::size_t replaced_ = 0;
};

}  // namespace qingdan_cli
