// qingdan — parse published Chinese government task decomposition lists.
//
//   #include <qingdan/qingdan.hpp>
//   qingdan::ParseResult r = qingdan::parse(bytes);
//   if (!r) { std::cerr << r.error.line << ": " << r.error.message; }
//   std::string json = qingdan::to_json_string(r.document);
//
// One entry point (parse), plain result structs (document.hpp), two writers.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "qingdan/document.hpp"

namespace qingdan {

enum class Status {
  ok,
  empty_input,       ///< no non-whitespace text at all
  invalid_encoding,  ///< bytes that are not valid in the input encoding
  no_table,          ///< no header row / no task found
  too_large,         ///< input exceeds ParseOptions::max_input_bytes
};
std::string_view to_string(Status status) noexcept;

/// How a document lays out its table (see README, "Layouts").
enum class Layout {
  automatic,  ///< recognised from the text (the default)
  table,      ///< a header row, one cell per paragraph
  pipe,       ///< one cell per line ending in '|'
  list,       ///< numbered items with key-value or parenthesised units
};
std::string_view to_string(Layout layout) noexcept;
std::optional<Layout> layout_from_string(std::string_view name) noexcept;

struct ParseOptions {
  std::string source_name;            ///< recorded in Document::source.name
  Layout layout = Layout::automatic;  ///< force a layout instead of recognising it
  /// Inputs beyond this size are refused with Status::too_large (and so is
  /// any whose decoded text exceeds 2 GiB - 1 bytes, whatever this says).
  std::uint64_t max_input_bytes = 256ull << 20;
  /// Input encoding. Empty: detected — a BOM (UTF-8, UTF-16LE/BE, GB18030),
  /// else UTF-8 when the bytes are valid UTF-8, else GB18030 or Big5, whichever
  /// decodes cleanly and reads more like text. Otherwise one of UTF-8,
  /// UTF-16LE, UTF-16BE, GB18030, Big5, Big5-HKSCS (case-insensitive; GBK,
  /// GB2312 and cp936 read as GB18030, cp950 as Big5), used without detection.
  /// An unknown name fails with Status::invalid_encoding.
  std::string encoding;
};

/// Where and why a parse failed. `line` is 1-based; `offset` is the byte
/// offset into the undecoded input (0-based) of the offending byte or line.
struct ParseError {
  std::string message;
  std::uint32_t line = 0;
  std::uint64_t offset = 0;
};

struct ParseResult {
  Status status = Status::ok;
  ParseError error;   ///< meaningful when status != ok
  Document document;  ///< complete when ok; partial (source, diagnostics) otherwise
  explicit operator bool() const noexcept { return status == Status::ok; }
};

/// Parses the raw bytes of a text extracted from a task decomposition list.
/// Never throws on bad input; the cost is linear in the input size.
ParseResult parse(std::string_view input, const ParseOptions& options = {});

/// Whether ParseOptions::encoding = `name` names an encoding parse() reads
/// (empty: detection, also true). For checking a user's choice up front.
bool is_known_encoding(std::string_view name) noexcept;

struct WriteOptions {
  int indent = 2;  ///< JSON indentation; negative for one line
};

/// The output contract as JSON text (UTF-8, always valid JSON).
std::string to_json_string(const Document& document, const WriteOptions& options = {});
/// The same JSON text, handed to `sink` in pieces of about 64 KiB as it is
/// written, so a large document is never held twice (as records and as
/// text). The pieces concatenated equal to_json_string(); `sink` may throw
/// to stop writing.
void write_json(const Document& document, const std::function<void(std::string_view)>& sink,
                const WriteOptions& options = {});
/// Appends `text` as a JSON string literal, quotes included, escaped as
/// to_json_string escapes every string (\" \\ \b \f \n \r \t, other
/// controls \u00xx, everything else as it is) — for tools that write their
/// own JSON around the records.
void append_json_string(std::string& out, std::string_view text);
/// The same tree as XML text (UTF-8, always well-formed).
std::string to_xml_string(const Document& document, const WriteOptions& options = {});

}  // namespace qingdan
