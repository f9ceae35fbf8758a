// qingdan convert — many documents on -j worker threads.
//
// The inputs (files, and directories walked recursively, sorted) are listed
// first; workers take the next index from an atomic counter, read, parse and
// serialise the document (with --out they also write its output file). The
// main thread commits the outcomes strictly in input order — diagnostics to
// stderr, NDJSON lines to the stream — from a ring of 2*j slots: a worker
// more than 2*j documents ahead of the writer waits, so memory is bounded
// by the window, not by the number of documents.
#include <fnmatch.h>
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
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "cli_common.hpp"
#include "progress.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan_cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

enum class Format { json, xml, ndjson };

struct Input {
  std::string path;        ///< opened, named in diagnostics and in source.name
  std::string output;      ///< --out: the output file; empty otherwise
  std::uint64_t size = 0;  ///< at listing time, for the progress bar
};

struct Config {
  Format format = Format::ndjson;
  int indent = 2;
  std::uint64_t max_bytes = 0;
  bool quiet = false;
};

/// What a worker hands to the writer for one document.
struct Outcome {
  bool ready = false;
  bool ok = false;
  std::string line;      ///< NDJSON: the document, one line
  std::string messages;  ///< diagnostic lines for stderr
  std::uint64_t bytes = 0;
  Counts counts;
};

struct Totals {
  std::size_t documents = 0, ok = 0, failed = 0;
  std::uint64_t rows = 0, warnings = 0, errors = 0, bytes = 0;
};

// ---- listing ---------------------------------------------------------------

struct Listing {
  std::vector<Input> inputs;
  std::string messages;  ///< directories that could not be read
  std::size_t errors = 0;
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
    if (entry.is_directory(e) && !entry.is_symlink(e)) {
      walk(entry.path(), rel / name, glob, found, listing);
    } else if (entry.is_regular_file(e) && ::fnmatch(glob.c_str(), name.c_str(), 0) == 0) {
      found.emplace_back((rel / name).generic_string(), entry.path());
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

Listing list_inputs(const std::vector<std::string>& args, const std::string& glob, const std::string& out_dir,
                    Format format) {
  Listing listing;
  auto add = [&](std::string path, const fs::path& rel) {
    Input in;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    in.size = ec ? 0 : size;
    if (!out_dir.empty()) in.output = output_name(out_dir, rel, format);
    in.path = std::move(path);
    listing.inputs.push_back(std::move(in));
  };
  for (const std::string& arg : args) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::pair<std::string, fs::path>> found;
      walk(arg, fs::path(), glob, found, listing);
      std::sort(found.begin(), found.end());
      for (auto& [rel, path] : found) add(path.string(), rel);
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
  if (read_file(in.path, cfg.max_bytes, bytes, error) != ReadStatus::ok) {
    out.messages = in.path + ":0: error: " + error + "\n";
    out.counts.errors = 1;
    return;
  }
  out.bytes = bytes.size();
  qingdan::ParseOptions options;
  options.source_name = in.path;
  options.max_input_bytes = cfg.max_bytes;
  const qingdan::ParseResult result = qingdan::parse(bytes, options);
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
    } else {
      wo.indent = cfg.indent;
      const std::string text = cfg.format == Format::xml ? qingdan::to_xml_string(result.document, wo)
                                                         : qingdan::to_json_string(result.document, wo);
      if (!write_file_atomic(in.output, text, error)) {
        out.messages += in.output + ":0: error: " + error + "\n";
        ++out.counts.errors;
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

/// Runs the batch; false when the NDJSON stream could not be written (the
/// batch is then abandoned).
bool run_batch(const std::vector<Input>& inputs, const Config& cfg, unsigned jobs, OutputStream* sink,
               Progress& progress, Totals& totals, std::string& error) {
  const std::size_t n = inputs.size();
  if (n == 0) return true;
  const auto threads = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, jobs), n));
  const std::size_t window = 2 * static_cast<std::size_t>(threads);

  std::vector<Outcome> ring(window);  // outcome of document i in slot i % window
  std::mutex mutex;
  std::condition_variable ready_cv;  // a slot was filled (the writer waits)
  std::condition_variable space_cv;  // the writer moved on (workers wait)
  std::size_t committed = 0;         // documents handed to the writer; guarded by mutex
  bool stop = false;                 // guarded by mutex
  std::atomic<std::size_t> next{0}, done_docs{0};
  std::atomic<std::uint64_t> done_bytes{0};

  auto worker = [&] {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) return;
      {
        std::unique_lock<std::mutex> lock(mutex);
        space_cv.wait(lock, [&] { return stop || i < committed + window; });
        if (stop) return;
      }
      Outcome outcome;
      try {
        process(inputs[i], cfg, outcome);
      } catch (const std::exception& e) {  // resource exhaustion: this document fails, the batch goes on
        outcome = Outcome{};
        outcome.messages = inputs[i].path + ":0: error: " + e.what() + "\n";
        outcome.counts.errors = 1;
      }
      done_bytes += inputs[i].size;
      ++done_docs;
      {
        std::lock_guard<std::mutex> lock(mutex);
        ring[i % window] = std::move(outcome);
        ring[i % window].ready = true;
      }
      ready_cv.notify_one();
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) {
    try {
      pool.emplace_back(worker);
    } catch (const std::system_error&) {  // out of threads: go on with those we have
      if (pool.empty()) throw;
      break;
    }
  }

  bool io_ok = true;
  auto next_draw = Clock::now();
  for (std::size_t written = 0; written < n;) {
    Outcome outcome;
    bool got = false;
    {
      std::unique_lock<std::mutex> lock(mutex);
      got = ready_cv.wait_until(lock, next_draw, [&] { return ring[committed % window].ready; });
      if (got) {
        outcome = std::move(ring[committed % window]);
        ring[committed % window] = Outcome{};
        ++committed;
      }
    }
    if (got) {
      space_cv.notify_all();
      ++written;
      if (!outcome.messages.empty()) {
        progress.clear();
        std::fwrite(outcome.messages.data(), 1, outcome.messages.size(), stderr);
      }
      ++totals.documents;
      ++(outcome.ok ? totals.ok : totals.failed);
      totals.rows += outcome.counts.rows;
      totals.warnings += outcome.counts.warnings;
      totals.errors += outcome.counts.errors;
      totals.bytes += outcome.bytes;
      if (outcome.ok && sink && !sink->write(outcome.line)) {
        error = std::string("write error: ") + std::strerror(errno);
        io_ok = false;
        break;
      }
    }
    const auto now = Clock::now();
    if (now >= next_draw) {
      progress.update(done_docs.load(), done_bytes.load());
      next_draw = now + std::chrono::milliseconds(100);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    stop = true;
  }
  space_cv.notify_all();
  for (auto& t : pool) t.join();
  progress.update(done_docs.load(), done_bytes.load(), true);
  return io_ok;
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
      "atomically); otherwise one compact JSON document per line (NDJSON) on standard output or -o FILE, in "
      "input order. A document that fails is reported as FILE:LINE: error: message and the batch goes on.",
      "qingdan convert"};
  std::vector<std::string> inputs;
  std::string format, out_dir, output = "-", glob = "*.txt";
  int indent = 2;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  std::uint64_t max_bytes = qingdan::ParseOptions{}.max_input_bytes;
  bool quiet = false, force_progress = false, no_progress = false;
  app.add_option("--format,-f", format,
                 "json or xml (one file per input, needs --out), ndjson (one stream); default: json with --out, "
                 "else ndjson")
      ->check(CLI::IsMember({"json", "xml", "ndjson"}));
  app.add_option("--out", out_dir, "write one output per input under DIR, relative names mirrored")->type_name("DIR");
  auto* output_opt = app.add_option("-o,--output", output, "NDJSON output file ('-' for standard output)")
                         ->type_name("FILE")
                         ->capture_default_str();
  app.add_option("--glob", glob, "file names taken from directories (files named explicitly are always taken)")
      ->type_name("PATTERN")
      ->capture_default_str();
  app.add_option("-j,--jobs", jobs, "worker threads (default: the number of hardware threads)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  app.add_option("--indent", indent, "JSON indentation with --out (negative: one line)")
      ->type_name("N")
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "print only error diagnostics");
  app.add_flag("--progress", force_progress, "show the progress bar even when standard error is not a terminal");
  app.add_flag("--no-progress", no_progress, "never show the progress bar");
  app.add_option("--max-input-bytes", max_bytes, "refuse inputs larger than this (default 256 MiB)")
      ->type_name("N")
      ->capture_default_str();
  app.add_option("INPUT", inputs, "input text files and directories")->required();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  const auto start = Clock::now();

  if (format.empty()) format = out_dir.empty() ? "ndjson" : "json";
  Config cfg;
  cfg.format = format == "xml" ? Format::xml : format == "json" ? Format::json : Format::ndjson;
  cfg.indent = indent;
  cfg.max_bytes = max_bytes;
  cfg.quiet = quiet;
  if (cfg.format == Format::ndjson && !out_dir.empty())
    return usage_error(
        "--out writes one file per input (--format json or xml); --format ndjson writes one stream "
        "(standard output or -o FILE)");
  if (cfg.format != Format::ndjson && out_dir.empty())
    return usage_error("--format " + format + " writes one file per input: give --out DIR (or --format ndjson)");
  if (!out_dir.empty() && output_opt->count() > 0) return usage_error("-o is for --format ndjson; use --out DIR");

  Listing listing = list_inputs(inputs, glob, out_dir, cfg.format);
  std::fwrite(listing.messages.data(), 1, listing.messages.size(), stderr);

  OutputStream stream;
  OutputStream* sink = nullptr;
  std::string error;
  if (cfg.format == Format::ndjson) {
    if (!stream.open(output, error)) return usage_error(error);
    sink = &stream;
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
  // The bar needs a terminal of its own: not when NDJSON goes to the same terminal.
  const bool bar = force_progress || (::isatty(STDERR_FILENO) && !(sink && output == "-" && ::isatty(STDOUT_FILENO)));
  Progress progress(bar && !no_progress, listing.inputs.size(), total_bytes);
  Totals totals;
  bool io_ok = run_batch(listing.inputs, cfg, jobs, sink, progress, totals, error);
  if (sink) {
    if (!io_ok) {
      error = (output == "-" ? std::string("standard output") : output) + ": " + error;
      stream.discard();
    } else if (!stream.commit(error)) {
      io_ok = false;
    }
  }
  progress.clear();
  if (!io_ok) std::cerr << "qingdan convert: " << error << "\n";
  totals.errors += listing.errors;
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::cerr << summary(totals, seconds);
  if (!io_ok) return kExitUsage;
  return totals.failed > 0 || listing.errors > 0 ? kExitParse : kExitOk;
}

}  // namespace qingdan_cli
