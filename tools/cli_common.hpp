// qingdan command line — pieces shared by the subcommands: exit codes, file
// reading with a size limit, atomic output files, diagnostic lines.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "qingdan/qingdan.hpp"

namespace qingdan_cli {

constexpr int kExitOk = 0;
constexpr int kExitParse = 1;  ///< a document could not be parsed (convert: at least one)
constexpr int kExitUsage = 2;  ///< usage or I/O error

/// --indent: at most this many spaces a level (negative: one line). A larger
/// one only multiplies the output: 10,000 made 158 MB of a 50 KB plan.
constexpr int kMaxIndent = 16;
/// CLI11's check of an --indent value: empty when it is accepted.
std::string check_indent(const std::string& value);

/// CLI11's check of a byte count (--max-input-bytes): digits only (-1 was
/// taken as 2^64 - 1, no limit at all, without a word).
std::string check_byte_count(const std::string& value);
/// CLI11's check of an --encoding value: empty when qingdan reads it.
std::string check_encoding(const std::string& value);

/// `qingdan [OPTIONS] INPUT`: one document (tools/single.cpp).
int run_single(int argc, char** argv);
/// `qingdan convert [OPTIONS] INPUT...`: a batch of files and directories (tools/batch.cpp).
int run_convert(int argc, char** argv);
/// `qingdan filter`: NDJSON requests on stdin, one result line each on stdout (tools/filter.cpp).
int run_filter(int argc, char** argv);

/// What --version prints: "qingdan 0.2.0 (ICU 72.1, Unicode 15.0)". The ICU
/// is the one the process runs with, whose data decides Unicode properties,
/// Traditional folding and the legacy encodings.
std::string version_text();

enum class ReadStatus { ok, too_large, io_error };

/// Reads the whole file at `path` ("-": standard input, as it is). A
/// regular file larger than `max_bytes` is refused before it is read
/// (too_large); anything else (a pipe, a device) is read up to max_bytes + 1
/// bytes and refused (too_large) when it had more. `error` is a message
/// without the file name ("cannot open: ...").
ReadStatus read_file(const std::string& path, std::uint64_t max_bytes, std::string& bytes, std::string& error);

/// Writes `text` to `path` through a temporary file in the same directory
/// (unique per process and call, so concurrent writers never collide) and a
/// rename: readers see either the previous file or the complete new one.
/// The temporary files of write_file_atomic() and OutputStream are removed
/// when SIGINT, SIGTERM or SIGHUP kills the process (which then dies by that
/// signal); a signal the process ignored on entry stays ignored.
bool write_file_atomic(const std::string& path, std::string_view text, std::string& error);

/// `NAME:LINE: severity: message\n`
std::string diagnostic_line(std::string_view name, const qingdan::Diagnostic& d);

struct Counts {
  std::uint64_t rows = 0;
  std::uint64_t warnings = 0;
  std::uint64_t errors = 0;
};
Counts count(const qingdan::Document& document);

/// A byte stream for NDJSON output: standard output ("-"), a regular file
/// written through a temporary file renamed by commit(), or anything else
/// (a FIFO, /dev/null) written in place.
class OutputStream {
 public:
  OutputStream() = default;
  OutputStream(const OutputStream&) = delete;
  OutputStream& operator=(const OutputStream&) = delete;
  ~OutputStream();

  bool open(const std::string& path, std::string& error);
  bool write(std::string_view text);
  bool flush();
  /// Flushes and closes; renames the temporary file into place. On failure
  /// the temporary file is removed and the target left untouched.
  bool commit(std::string& error);
  /// Closes and removes the temporary file, if any.
  void discard();

 private:
  std::FILE* file_ = nullptr;
  bool owned_ = false;
  std::string path_;
  std::string target_;  ///< what the temporary replaces: path_, or the file a link at path_ points to
  std::string tmp_;
  int slot_ = -1;  ///< tmp_'s entry in the list the signal handler removes
};

}  // namespace qingdan_cli
