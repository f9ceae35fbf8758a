// qingdan convert — many documents on -j worker threads.
//
// The inputs (files, and directories walked recursively, sorted) are listed
// first; -j threads take the next index in turn, read, parse and serialise
// the document (with --out they also write its output file). The main thread
// is one of them and also commits the outcomes strictly in input order —
// diagnostics to stderr, NDJSON lines to the stream — from a ring of 2*j
// slots: no document more than 2*j ahead of the writer is started, so memory
// is bounded by the window, not by the number of documents.
//
// The streams (--format ndjson, rows, csv) are written by that in-order
// writer, and so is the database (--sqlite FILE): workers parse in parallel,
// the writer thread alone inserts, one transaction per document, in input
// order. An output that cannot be written (the stream, the database, an
// --out file) is an I/O error: the batch stops there (exit 2), and only
// documents whose output was written count as ok.
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "allocator.hpp"
#include "cli_common.hpp"
#include "progress.hpp"
#include "qingdan/qingdan.hpp"
#include "rows_format.hpp"
#include "sha256.hpp"
#include "sqlite_sink.hpp"

namespace qingdan_cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// json, xml: one file per input (--out); ndjson, rows, csv: one stream;
/// sqlite: a database (--sqlite).
enum class Format { json, xml, ndjson, rows, csv, sqlite };

struct Input {
  std::string path;          ///< named in diagnostics; opened and recorded as source.name unless standard input
  std::string output;        ///< --out: the output file; empty otherwise
  std::uint64_t size = 0;    ///< at listing time, for the progress bar; 0 when there is none
  bool stdin_input = false;  ///< "-": read standard input, named <stdin>, source.name "-"
};

struct Config {
  Format format = Format::ndjson;
  int indent = 2;
  std::uint64_t max_bytes = 0;
  std::string encoding;  ///< forced input encoding; empty: detected
  qingdan::Layout layout = qingdan::Layout::automatic;
  bool quiet = false;
};

/// What a worker hands to the writer for one document.
struct Outcome {
  bool ready = false;
  bool ok = false;
  bool write_failed = false;  ///< --out: the output file could not be written (an I/O error, not a bad document)
  std::string line;           ///< ndjson: the document, one line; rows, csv: its rows
  std::string messages;       ///< diagnostic lines for stderr
  std::uint64_t bytes = 0;
  Counts counts;
  std::optional<qingdan::Document> document;  ///< sqlite: the document for the writer
  std::string sha256;                         ///< rows, csv, sqlite: of the input bytes
};

/// The writer's hand: commits one good document to the stream or database.
/// Returns false (with a message) when the output cannot be written.
using Emit = std::function<bool(Outcome&, std::string& error)>;

struct Totals {
  std::size_t documents = 0, ok = 0, failed = 0;
  std::uint64_t rows = 0, warnings = 0, errors = 0, bytes = 0;
};

// ---- listing ---------------------------------------------------------------

struct Listing {
  std::vector<Input> inputs;
  std::string messages;  ///< directories that could not be read
  std::size_t errors = 0;
  std::string notes;  ///< what the walk passed over, and why (warnings: not with -q)
};

/// Regular files under `dir` whose name matches `glob`, as (path relative to
/// the walk's root, path). Symbolic links to directories are not followed
/// (no cycles); symbolic links to files are taken.
void walk(const fs::path& dir, const fs::path& rel, const std::string& glob,
          std::vector<std::pair<std::string, fs::path>>& found, Listing& listing) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code e;
    const fs::path name = entry.path().filename();
    const bool symlink = entry.is_symlink(e);
    if (entry.is_directory(e) && !symlink) {
      walk(entry.path(), rel / name, glob, found, listing);
    } else if (entry.is_directory(e)) {
      // Said, not silently passed over: the user may have meant it.
      listing.notes += entry.path().string() + ":0: warning: skipped: a symbolic link to a directory (not followed)\n";
    } else if (::fnmatch(glob.c_str(), name.c_str(), 0) != 0) {
      continue;
    } else if (entry.is_regular_file(e)) {
      found.emplace_back((rel / name).generic_string(), entry.path());
    } else {
      const char* what = symlink && !entry.exists(e)                            ? "a dangling or looping symbolic link"
                         : entry.is_fifo(e)                                     ? "a FIFO"
                         : entry.is_socket(e)                                   ? "a socket"
                         : entry.is_block_file(e) || entry.is_character_file(e) ? "a device"
                                                                                : "not a regular file";
      listing.notes += entry.path().string() + ":0: warning: skipped: " + what + "\n";
    }
  }
  if (ec) {
    listing.messages += dir.string() + ":0: error: cannot read directory: " + ec.message() + "\n";
    ++listing.errors;
  }
}

std::string output_name(const fs::path& out_dir, fs::path rel, Format format) {
  rel.replace_extension(format == Format::xml ? ".xml" : ".json");
  return (out_dir / rel).string();
}

/// `sizes`: also each file's size, for the progress bar (a stat per file:
/// ~7 us each on the 2-core VM, 1.4 ms for 200 files; not asked otherwise).
Listing list_inputs(const std::vector<std::string>& args, const std::string& glob, const std::string& out_dir,
                    Format format, bool sizes) {
  Listing listing;
  auto add = [&](std::string path, const fs::path& rel) {
    Input in;
    if (sizes) {
      std::error_code ec;
      const auto size = fs::file_size(path, ec);
      in.size = ec ? 0 : size;
    }
    if (!out_dir.empty()) in.output = output_name(out_dir, rel, format);
    in.path = std::move(path);
    listing.inputs.push_back(std::move(in));
  };
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::pair<std::string, fs::path>> found;
      walk(arg, fs::path(), glob, found, listing);
      if (found.empty()) listing.notes += arg + ":0: warning: no file in it matches --glob '" + glob + "'\n";
      std::sort(found.begin(), found.end());
      for (auto& [rel, path] : found) add(path.string(), rel);
    } else if (arg == "-") {
      add("<stdin>", fs::path("-"));
      listing.inputs.back().stdin_input = true;
    } else {
      // Named explicitly: always taken; a missing file is reported by its worker.
      add(arg, fs::path(arg).filename());
    }
  }
  return listing;
}

// ---- one document ----------------------------------------------------------

void process(const Input& in, const Config& cfg, Outcome& out) {
  std::string bytes, error;
  if (read_file(in.stdin_input ? std::string("-") : in.path, cfg.max_bytes, bytes, error) != ReadStatus::ok) {
    out.messages = in.path + ":0: error: " + error + "\n";
    out.counts.errors = 1;
    return;
  }
  out.bytes = bytes.size();
  const bool rows = cfg.format == Format::rows || cfg.format == Format::csv;
  if (rows || cfg.format == Format::sqlite) out.sha256 = sha256_hex(bytes);
  qingdan::ParseOptions options;
  options.source_name = in.stdin_input ? std::string("-") : in.path;
  options.max_input_bytes = cfg.max_bytes;
  options.encoding = cfg.encoding;
  options.layout = cfg.layout;
  qingdan::ParseResult result = qingdan::parse(bytes, options);
  std::string().swap(bytes);
  out.counts = count(result.document);
  for (const auto& d : result.document.diagnostics)
    if (!cfg.quiet || d.severity == qingdan::Severity::error) out.messages += diagnostic_line(in.path, d);
  if (!result) {
    if (out.counts.errors == 0) {  // parse() records its error as a diagnostic; be safe anyway
      out.messages += diagnostic_line(in.path, {qingdan::Severity::error, result.error.line, result.error.message});
      out.counts.errors = 1;
    }
    return;
  }
  try {
    qingdan::WriteOptions wo;
    if (cfg.format == Format::ndjson) {
      wo.indent = -1;
      out.line = qingdan::to_json_string(result.document, wo);
    } else if (rows) {
      append_rows(cfg.format == Format::csv ? RowsFormat::csv : RowsFormat::ndjson, result.document, out.sha256,
                  out.line);
    } else if (cfg.format == Format::sqlite) {
      out.document = std::move(result.document);
    } else {
      wo.indent = cfg.indent;
      const std::string text = cfg.format == Format::xml ? qingdan::to_xml_string(result.document, wo)
                                                         : qingdan::to_json_string(result.document, wo);
      if (!write_file_atomic(in.output, text, error)) {
        out.messages += in.output + ": error: " + error + "\n";
        ++out.counts.errors;
        out.write_failed = true;
        return;
      }
    }
  } catch (const std::exception& e) {
    out.messages += in.path + ":0: error: cannot serialise: " + e.what() + "\n";
    ++out.counts.errors;
    return;
  }
  out.ok = true;
}

// ---- the batch -------------------------------------------------------------

/// The threads of a batch: this one and `jobs - 1` workers. The workers are
/// started before the inputs are listed, so that a thread's start (its stack,
/// its heap: ~1 ms on the 2-core VM) overlaps the listing instead of the
/// first documents; they wait for run().
///
/// Each thread takes the next document, reads, parses and serialises it into
/// its slot of a ring of 2 * threads; this thread is also the writer: it
/// commits the next document when it is ready and otherwise parses one itself
/// (only one inside the window, so it never waits for room it alone can make).
/// No document more than the window ahead of the writer is started, so memory
/// is bounded by the window, not by the number of documents. With -j1 no
/// thread is started and nothing waits: a hand-off per document to a thread
/// of its own cost more than the futex calls are worth on small documents.
class Batch {
 public:
  Batch(const Config& cfg, unsigned workers) : cfg_(cfg) {
    if (workers == 0) {
      allocator::normal_pages_from_now_on();
      return;
    }
    allocator::large_pages_for_workers();
    pool_.reserve(workers);
    for (unsigned t = 0; t < workers; ++t) {
      try {
        pool_.emplace_back([this] { work(); });
      } catch (const std::system_error&) {  // out of threads: go on with those we have (this one at least)
        break;
      }
    }
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() { stop(); }

  /// Converts `inputs`; false when an output (the stream, the database or,
  /// with --out, a document's file) could not be written. The batch then
  /// stops: no document is started, those already started are finished and
  /// counted, and nothing more is emitted. `emit` (empty with --out) takes
  /// each good document, in input order, on this thread. Called once.
  bool run(const std::vector<Input>& inputs, const Emit& emit, Progress& progress, Totals& totals, std::string& error);

 private:
  void work();
  void parse_one(std::size_t i);
  void stop();

  const Config& cfg_;
  std::vector<std::thread> pool_;
  std::mutex mutex_;
  std::condition_variable ready_cv_;  // a slot was filled (the writer waits)
  std::condition_variable space_cv_;  // inputs listed, or the writer moved on (workers wait)
  // Guarded by mutex_:
  const std::vector<Input>* inputs_ = nullptr;  // set by run()
  std::vector<Outcome> ring_;                   // outcome of document i in slot i % ring_.size()
  std::size_t committed_ = 0;                   // documents handed to the writer
  std::size_t next_ = 0;                        // next document to parse
  std::size_t end_ = 0;                         // documents to parse: all, or those started before an I/O error
  bool stopping_ = false;
  // Read by the writer for the progress bar:
  std::atomic<std::size_t> done_docs_{0};
  std::atomic<std::uint64_t> done_bytes_{0};
};

// Parses document i into its slot; called without the lock.
void Batch::parse_one(std::size_t i) {
  const Input& in = (*inputs_)[i];
  Outcome outcome;
  try {
    process(in, cfg_, outcome);
  } catch (const std::exception& e) {  // resource exhaustion: this document fails, the batch goes on
    outcome = Outcome{};
    outcome.messages = in.path + ":0: error: " + e.what() + "\n";
    outcome.counts.errors = 1;
  }
  done_bytes_ += in.size;
  ++done_docs_;
  std::lock_guard<std::mutex> lock(mutex_);
  Outcome& slot = ring_[i % ring_.size()];
  slot = std::move(outcome);
  slot.ready = true;
}

void Batch::work() {
  allocator::warm_this_thread();
  for (;;) {
    std::size_t i = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      space_cv_.wait(lock,
                     [&] { return stopping_ || (inputs_ && (next_ >= end_ || next_ < committed_ + ring_.size())); });
      if (stopping_ || next_ >= end_) return;
      i = next_++;
    }
    parse_one(i);
    ready_cv_.notify_one();
  }
}

void Batch::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  space_cv_.notify_all();
  for (auto& t : pool_) t.join();
  pool_.clear();
}

bool Batch::run(const std::vector<Input>& inputs, const Emit& emit, Progress& progress, Totals& totals,
                std::string& error) {
  const std::size_t n = inputs.size();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ring_.resize(2 * std::min<std::size_t>(pool_.size() + 1, std::max<std::size_t>(n, 1)));
    end_ = n;
    inputs_ = &inputs;
  }
  if (!pool_.empty()) space_cv_.notify_all();

  bool io_ok = true;
  const std::size_t window = ring_.size();
  auto next_draw = Clock::now();
  // Diagnostics are held and written together, at 16 KiB or with the
  // progress bar's tick (100 ms): one write(2) per document was 200 system
  // calls on the 200-document batch, on the thread that also commits.
  std::string held;
  auto release = [&] {
    if (held.empty()) return;
    progress.clear();
    std::fwrite(held.data(), 1, held.size(), stderr);
    held.clear();
  };
  // The first output that cannot be written stops the batch: the disk is
  // full or the directory unwritable, and every later document would fail
  // the same way after being parsed for nothing.
  auto abandon = [&] {
    io_ok = false;
    std::lock_guard<std::mutex> lock(mutex_);
    end_ = next_;
  };
  for (std::size_t written = 0; written < end_;) {
    Outcome outcome;
    bool got = false;
    std::size_t mine = n;  // a document this thread parses, when nothing is ready to commit
    {
      std::unique_lock<std::mutex> lock(mutex_);
      auto ready = [&] { return ring_[committed_ % window].ready; };
      if (!ready() && next_ < end_ && next_ < committed_ + window) {
        mine = next_++;
      } else if (ready() || ready_cv_.wait_until(lock, next_draw, ready)) {
        outcome = std::move(ring_[committed_ % window]);
        ring_[committed_ % window] = Outcome{};
        ++committed_;
        got = true;
      }
    }
    if (mine != n) {
      parse_one(mine);
    } else if (got) {
      if (!pool_.empty()) space_cv_.notify_all();
      ++written;
      held += outcome.messages;
      if (held.size() >= 16 * 1024) release();
      ++totals.documents;
      totals.warnings += outcome.counts.warnings;
      totals.errors += outcome.counts.errors;
      totals.bytes += outcome.bytes;
      // ok: its output is written (the stream's is committed later, or not:
      // run_convert decides). Nothing is emitted after an I/O error; with
      // --out a document still in flight then may have written its file.
      bool ok = outcome.ok;
      if (ok && emit) {
        if (!io_ok) {
          ok = false;
        } else if (!emit(outcome, error)) {
          ok = false;
          abandon();
        }
      }
      if (outcome.write_failed && io_ok) {
        error = "stopped at the first output that could not be written";
        abandon();
      }
      ++(ok ? totals.ok : totals.failed);
      if (ok) totals.rows += outcome.counts.rows;
    }
    const auto now = Clock::now();
    if (now >= next_draw) {
      release();
      progress.update(done_docs_.load(), done_bytes_.load());
      next_draw = now + std::chrono::milliseconds(100);
    }
  }
  release();
  stop();
  progress.update(done_docs_.load(), done_bytes_.load(), true);
  return io_ok;
}

/// Worker threads for `jobs` threads in all, before the inputs are listed:
/// jobs - 1, or fewer when the arguments name fewer files and no directory.
unsigned workers_for(const std::vector<std::string>& args, unsigned jobs) {
  if (jobs <= 1) return 0;
  if (args.size() >= jobs) return jobs - 1;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) return jobs - 1;
  }
  return static_cast<unsigned>(args.size()) - 1;
}

std::string summary(const Totals& t, double seconds) {
  const double mb = static_cast<double>(t.bytes) / 1e6;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "qingdan convert: %zu documents, %zu ok, %zu failed, %llu rows, %llu warnings, %llu errors, "
                "%.2f MB, %.2f s, %.2f MB/s\n",
                t.documents, t.ok, t.failed, static_cast<unsigned long long>(t.rows),
                static_cast<unsigned long long>(t.warnings), static_cast<unsigned long long>(t.errors), mb, seconds,
                seconds > 0 ? mb / seconds : 0.0);
  return buf;
}

int usage_error(const std::string& message) {
  std::cerr << "qingdan convert: " << message << "\nRun with --help for more information.\n";
  return kExitUsage;
}

}  // namespace

int run_convert(int argc, char** argv) {
  CLI::App app{
      "qingdan convert: convert many task decomposition lists (files, or directories walked recursively) on "
      "several threads.\nWith --out DIR, one .json/.xml file per input (the relative path mirrored, written "
      "atomically); otherwise one stream on standard output or -o FILE, in input order: one compact JSON "
      "document per line (ndjson, the default), one JSON object per table row (rows) or CSV with one header "
      "line (csv). With --sqlite FILE, the documents go into an SQLite database instead (one transaction per "
      "document; a document already there under the same name is replaced). A document that fails is reported "
      "as FILE:LINE: error: message and the batch goes on.",
      "qingdan convert"};
  std::vector<std::string> inputs;
  std::string format, out_dir, output = "-", glob = "*.txt", sqlite_path;
  int indent = 2;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::uint64_t max_bytes = qingdan::ParseOptions{}.max_input_bytes;
  std::string encoding, layout = "auto";
  app.add_option("--layout", layout, "force the layout of every input: table, pipe or list (default: recognised)")
      ->check(CLI::IsMember({"auto", "table", "pipe", "list"}))
      ->capture_default_str();
  app.add_option("--encoding", encoding,
                 "input encoding of every input: UTF-8, UTF-16LE, UTF-16BE, GB18030, Big5; default: detected per file")
      ->check(CLI::Validator(check_encoding, "", "encoding"));
  bool quiet = false, force_progress = false, no_progress = false;
  auto* format_opt =
      app.add_option("--format,-f", format,
                     "json or xml (one file per input, needs --out); ndjson (one document per line), rows (one "
                     "JSON object per table row) or csv (one CSV record per table row) (one stream); default: "
                     "json with --out, else ndjson")
          ->check(CLI::IsMember({"json", "xml", "ndjson", "rows", "csv"}));
  app.add_option("--out", out_dir, "write one output per input under DIR, relative names mirrored")->type_name("DIR");
  auto* output_opt = app.add_option("-o,--output", output, "stream output file ('-' for standard output)")
                         ->type_name("FILE")
                         ->capture_default_str();
  app.add_option("--sqlite", sqlite_path,
                 "import into this SQLite database (created if missing; schema/qingdan-sqlite.sql), replacing "
                 "documents of the same name")
      ->type_name("FILE");
  app.add_option("--glob", glob, "file names taken from directories (files named explicitly are always taken)")
      ->type_name("PATTERN")
      ->capture_default_str();
  app.add_option("-j,--jobs", jobs, "worker threads (default: the number of hardware threads)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  app.add_option("--indent", indent, "JSON indentation with --out, at most 16 (negative: one line)")
      ->type_name("N")
      ->check(CLI::Validator(check_indent, "", "indent"))
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "print only error diagnostics");
  app.add_flag("--progress", force_progress, "show the progress bar even when standard error is not a terminal");
  app.add_flag("--no-progress", no_progress, "never show the progress bar");
  app.add_option("--max-input-bytes", max_bytes, "refuse inputs larger than this (default 256 MiB)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Validator(check_byte_count, "", "bytes"));
  app.add_option("INPUT", inputs, "input text files and directories; '-' for standard input")->required();
  app.set_version_flag("--version", version_text(), "print the version (and ICU's), then exit");
  app.footer(
      "The plain form, qingdan --sqlite FILE INPUT..., runs this command.\n"
      "A file named '-' is given as ./-.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  const auto start = Clock::now();

  const bool to_db = !sqlite_path.empty();
  if (to_db) {
    if (format_opt->count() > 0 || !out_dir.empty() || output_opt->count() > 0)
      return usage_error("--sqlite FILE writes a database: it takes no --format, --out or -o");
  }
  if (format.empty()) format = out_dir.empty() ? "ndjson" : "json";
  Config cfg;
  cfg.format = to_db              ? Format::sqlite
               : format == "xml"  ? Format::xml
               : format == "json" ? Format::json
               : format == "rows" ? Format::rows
               : format == "csv"  ? Format::csv
                                  : Format::ndjson;
  cfg.indent = indent;
  cfg.max_bytes = max_bytes;
  cfg.encoding = encoding;
  cfg.layout = *qingdan::layout_from_string(layout);
  cfg.quiet = quiet;
  const bool stream_format = cfg.format == Format::ndjson || cfg.format == Format::rows || cfg.format == Format::csv;
  if (stream_format && !out_dir.empty())
    return usage_error("--out writes one file per input (--format json or xml); --format " + format +
                       " writes one stream (standard output or -o FILE)");
  if ((cfg.format == Format::json || cfg.format == Format::xml) && out_dir.empty())
    return usage_error("--format " + format +
                       " writes one file per input: give --out DIR (or --format ndjson, rows or csv)");
  if (!out_dir.empty() && output_opt->count() > 0) return usage_error("-o is for the streams; use --out DIR");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) return usage_error("standard input ('-') given twice");
  if (!out_dir.empty() && std::count(inputs.begin(), inputs.end(), "-") > 0)
    return usage_error("--out needs named inputs: standard input ('-') has no name to mirror");

  // Started now, so that their start overlaps the listing.
  Batch batch(cfg, workers_for(inputs, jobs));

  // The bar needs a terminal of its own: not when the stream goes to the same terminal.
  const bool bar =
      !no_progress &&
      (force_progress || (::isatty(STDERR_FILENO) && !(stream_format && output == "-" && ::isatty(STDOUT_FILENO))));
  Listing listing = list_inputs(inputs, glob, out_dir, cfg.format, bar);
  std::fwrite(listing.messages.data(), 1, listing.messages.size(), stderr);
  if (!cfg.quiet) std::fwrite(listing.notes.data(), 1, listing.notes.size(), stderr);

  // No output may land on an input (--out DIR with --glob '*' over DIR, or
  // -o naming one of the inputs): the input would be gone without a word.
  {
    std::map<std::pair<dev_t, ino_t>, const std::string*> input_of;
    for (const Input& in : listing.inputs) {
      struct stat st {};
      if (!in.stdin_input && ::stat(in.path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
        input_of.emplace(std::make_pair(st.st_dev, st.st_ino), &in.path);
    }
    auto clobbers = [&](const std::string& out) -> const std::string* {
      struct stat st {};
      if (out.empty() || out == "-" || ::stat(out.c_str(), &st) != 0) return nullptr;
      const auto it = input_of.find({st.st_dev, st.st_ino});
      return it == input_of.end() ? nullptr : it->second;
    };
    if (stream_format) {
      if (const std::string* in = clobbers(output))
        return usage_error(output + " is an input (" + *in + "): the output would replace it");
    } else if (!to_db) {
      for (const Input& in : listing.inputs)
        if (const std::string* other = clobbers(in.output))
          return usage_error("the output of " + in.path + ", " + in.output + ", is an input (" + *other +
                             "): it would be replaced");
    } else if (const std::string* in = clobbers(sqlite_path)) {
      return usage_error(sqlite_path + " is an input (" + *in + "): the database would replace it");
    }
  }

  OutputStream stream;
  SqliteSink db;
  Emit emit;
  std::string error;
  if (stream_format) {
    if (!stream.open(output, error)) return usage_error(error);
    // The CSV header, once for the whole stream.
    if (cfg.format == Format::csv && !stream.write(csv_header())) {
      std::cerr << "qingdan convert: " << output << ": write error: " << std::strerror(errno) << "\n";
      return kExitUsage;
    }
    emit = [&stream, &output](Outcome& outcome, std::string& message) {
      if (stream.write(outcome.line)) return true;
      message = (output == "-" ? std::string("standard output") : output) + ": write error: " + std::strerror(errno);
      return false;
    };
  } else if (to_db) {
    if (!db.open(sqlite_path, error)) {
      std::cerr << "qingdan convert: " << error << "\n";
      return kExitUsage;
    }
    emit = [&db](Outcome& outcome, std::string& message) {
      return db.import(*outcome.document, outcome.sha256, message);
    };
  } else {
    // Two inputs must not write the same output; the directories are made up front.
    std::map<std::string, const std::string*> owner;
    std::set<fs::path> dirs;
    for (const Input& in : listing.inputs) {
      auto [it, fresh] = owner.emplace(in.output, &in.path);
      if (!fresh) return usage_error(*it->second + " and " + in.path + " would both be written to " + in.output);
      dirs.insert(fs::path(in.output).parent_path());
    }
    dirs.insert(fs::path(out_dir));
    for (const fs::path& dir : dirs) {
      std::error_code ec;
      if (dir.empty()) continue;
      fs::create_directories(dir, ec);
      if (ec) return usage_error(dir.string() + ": cannot create directory: " + ec.message());
    }
  }

  std::uint64_t total_bytes = 0;
  for (const Input& in : listing.inputs) total_bytes += in.size;
  Progress progress(bar, listing.inputs.size(), total_bytes);
  Totals totals;
  bool io_ok = batch.run(listing.inputs, emit, progress, totals, error);
  if (stream_format) {
    // A run in which every document failed leaves an existing file as it
    // was, like any failed run; an empty batch is a success, and writes an
    // empty stream (or the CSV header).
    const bool nothing_good = totals.ok == 0 && (totals.failed > 0 || listing.errors > 0);
    if (!io_ok || nothing_good) {
      stream.discard();
    } else if (!stream.commit(error)) {
      io_ok = false;
    }
    // The documents of a discarded or failed stream were not written.
    if (!io_ok) {
      totals.failed += totals.ok;
      totals.ok = 0;
      totals.rows = 0;
    }
  } else if (to_db) {
    std::string close_error;
    if (!db.close(close_error) && io_ok) {
      error = close_error;
      io_ok = false;
    }
  }
  progress.clear();
  if (!io_ok) std::cerr << "qingdan convert: " << error << "\n";
  if (to_db)
    std::cerr << "qingdan convert: " << sqlite_path << ": " << db.imported() << " documents imported, " << db.replaced()
              << " replaced\n";
  totals.errors += listing.errors;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cerr << summary(totals, seconds);
  if (!io_ok) return kExitUsage;
  return totals.failed > 0 || listing.errors > 0 ? kExitParse : kExitOk;
}

}  // namespace qingdan_cli
