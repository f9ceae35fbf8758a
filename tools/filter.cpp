// qingdan filter — NDJSON requests on standard input, one result line per
// request on standard output, flushed after each line: the interface of GNU
// parallel --pipe, Hadoop Streaming and Spark's RDD.pipe().
//
//   in:  {"name": "a.txt", "text": "…"}   or   {"name": "a.txt", "path": "/data/a.txt"}
//   out: the document as compact JSON (source.name = name), or
//        {"name": "a.txt", "error": {"line": 1074, "message": "…"}}
//
// Every input line, even a blank or broken one, gives exactly one output
// line, so outputs can be zipped with inputs. Memory is bounded by the
// longest line. Exit status: 0, or 2 when standard input or output fails.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "allocator.hpp"
#include "cli_common.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan_cli {

namespace {

/// Lines from a file descriptor, each at most `max_line` bytes kept (the rest
/// of a longer line is skipped and the line flagged).
class LineReader {
 public:
  LineReader(int fd, std::size_t max_line) : fd_(fd), max_line_(max_line), buf_(1 << 16) {}

  /// The next line without its "\n" (nor a "\r" before it); false at the
  /// end of the input or on a read error (see error()).
  bool next(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      if (pos_ == end_) {
        if (eof_) break;
        const ssize_t n = ::read(fd_, buf_.data(), buf_.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
          if (n < 0) error_ = errno;
          eof_ = true;
          break;
        }
        pos_ = 0;
        end_ = static_cast<std::size_t>(n);
      }
      any = true;
      const char* start = buf_.data() + pos_;
      const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const std::size_t len = newline ? static_cast<std::size_t>(newline - start) : end_ - pos_;
      if (!too_long) {
        const std::size_t room = max_line_ - line.size();
        line.append(start, std::min(len, room));
        too_long = len > room;
      }
      pos_ += len;
      if (newline) {
        ++pos_;
        break;
      }
    }
    if (!any || error_ != 0) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
  }
  int error() const noexcept { return error_; }

 private:
  int fd_;
  std::size_t max_line_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

struct FilterOptions {
  std::uint64_t max_input_bytes = 0;
  std::size_t max_line_bytes = 0;
  std::string encoding;  ///< forced input encoding of "path" requests; empty: detected
  qingdan::Layout layout = qingdan::Layout::automatic;
};

std::string error_line(const nlohmann::json& name, std::uint32_t line, const std::string& message) {
  nlohmann::ordered_json j;
  j["name"] = name;
  j["error"]["line"] = line;
  j["error"]["message"] = message;
  // Invalid UTF-8 (say, in a file name) becomes U+FFFD rather than an exception.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

/// One request line -> one result line (ending in "\n").
std::string handle(const std::string& text, bool too_long, const FilterOptions& opt) {
  nlohmann::json name = nullptr;
  if (too_long)
    return error_line(name, 0,
                      "input line longer than " + std::to_string(opt.max_line_bytes) + " bytes (--max-line-bytes)");
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return error_line(name, 0, std::string("invalid JSON: ") + e.what());
  }
  if (!request.is_object())
    return error_line(name, 0, R"(expected an object {"name": …, "text": …} or {"name": …, "path": …})");
  if (auto it = request.find("name"); it != request.end()) name = *it;
  if (!name.is_null() && !name.is_string()) return error_line(name, 0, R"("name" must be a string)");
  const auto text_it = request.find("text");
  const auto path_it = request.find("path");
  const bool has_text = text_it != request.end(), has_path = path_it != request.end();
  if (has_text == has_path)
    return error_line(name, 0, has_text ? R"(give "text" or "path", not both)" : R"(missing "text" or "path")");

  qingdan::ParseOptions options;
  options.max_input_bytes = opt.max_input_bytes;
  options.layout = opt.layout;
  if (has_path) options.encoding = opt.encoding;  // "text" is already a JSON (Unicode) string
  if (name.is_string()) options.source_name = name.get<std::string>();
  std::string bytes;
  const std::string* input = &bytes;
  if (has_text) {
    if (!text_it->is_string()) return error_line(name, 0, R"("text" must be a string)");
    input = &text_it->get_ref<const std::string&>();
  } else {
    if (!path_it->is_string()) return error_line(name, 0, R"("path" must be a string)");
    const auto& path = path_it->get_ref<const std::string&>();
    std::string error;
    // A file named "-", not standard input (the requests come from there).
    if (read_file(path == "-" ? "./-" : path, opt.max_input_bytes, bytes, error) != ReadStatus::ok)
      return error_line(name, 0, path + ": " + error);
    if (name.is_null()) options.source_name = path;
  }
  const qingdan::ParseResult result = qingdan::parse(*input, options);
  if (!result) return error_line(name, result.error.line, result.error.message);
  qingdan::WriteOptions wo;
  wo.indent = -1;
  return qingdan::to_json_string(result.document, wo);
}

}  // namespace

int run_filter(int argc, char** argv) {
  CLI::App app{
      "qingdan filter: read NDJSON requests {\"name\": …, \"text\": …} or {\"name\": …, \"path\": …} on standard "
      "input and write one line per request on standard output, flushed: the document as compact JSON, or "
      "{\"name\": …, \"error\": {\"line\": n, \"message\": …}}. For GNU parallel --pipe, Hadoop Streaming, Spark "
      "pipe().",
      "qingdan filter"};
  // One document per line and constant memory: any line's document within its promise.
  allocator::normal_pages_from_now_on();
  FilterOptions opt;
  opt.max_input_bytes = qingdan::ParseOptions{}.max_input_bytes;
  std::uint64_t max_line = 0;
  app.add_option("--max-input-bytes", opt.max_input_bytes, "refuse documents larger than this (default 256 MiB)")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Validator(check_byte_count, "", "bytes"));
  app.add_option("--max-line-bytes", max_line, "refuse request lines longer than this (default: 2 × max input + 1 MiB)")
      ->type_name("N");
  std::string layout = "auto";
  app.add_option("--layout", layout, "force the layout: table, pipe or list (default: recognised)")
      ->check(CLI::IsMember({"auto", "table", "pipe", "list"}))
      ->capture_default_str();
  app.add_option("--encoding", opt.encoding, "input encoding of \"path\" requests (default: detected)")
      ->check(CLI::Validator(check_encoding, "", "encoding"));
  app.set_version_flag("--version", version_text(), "print the version (and ICU's), then exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  opt.layout = *qingdan::layout_from_string(layout);
  if (max_line == 0) {
    const std::uint64_t cap = std::numeric_limits<std::size_t>::max() / 4;
    max_line = opt.max_input_bytes > cap ? cap : opt.max_input_bytes * 2 + (1u << 20);
  }
  opt.max_line_bytes =
      static_cast<std::size_t>(std::min<std::uint64_t>(max_line, std::numeric_limits<std::size_t>::max() - 1));

  LineReader reader(STDIN_FILENO, opt.max_line_bytes);
  std::string line, result;
  bool too_long = false;
  while (reader.next(line, too_long)) {
    try {
      result = handle(line, too_long, opt);
    } catch (const std::exception& e) {  // resource exhaustion: still one line out
      result = error_line(nullptr, 0, e.what());
    }
    if (std::fwrite(result.data(), 1, result.size(), stdout) != result.size() || std::fflush(stdout) != 0) {
      std::cerr << "qingdan filter: cannot write standard output: " << std::strerror(errno) << "\n";
      return kExitUsage;
    }
  }
  if (reader.error() != 0) {
    std::cerr << "qingdan filter: cannot read standard input: " << std::strerror(reader.error()) << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace qingdan_cli
