// Serialisation to JSON.
//
// The document is written straight into one string instead of being built
// as an nlohmann DOM and dumped: the DOM costs an allocation per value and
// dominated text -> JSON time. The output is byte-for-byte what
// nlohmann::ordered_json{document}.dump(indent) produces (same key order,
// same escaping, same layout); tests/unit/serialize_test.cpp holds the two
// against each other, and from_json in qingdan/json.hpp reads it back.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <stdexcept>

#include "bytes16.hpp"

#include "qingdan/json.hpp"
#include "qingdan/qingdan.hpp"
#include "stages.hpp"

namespace qingdan {
namespace {

/// The first byte at or after i that JSON must escape (", \\, controls).
std::size_t next_escape(std::string_view s, std::size_t i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
#if defined(__SSE2__)
  using namespace detail::bytes16;
  for (; i + 16 <= s.size(); i += 16) {
    const __m128i v = load(p + i);
    const unsigned m = bits(_mm_or_si128(in(v, 0x00, 0x1F), _mm_or_si128(eq(v, '"'), eq(v, '\\'))));
    if (m != 0) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < s.size(); ++i)
    if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\') return i;
  return s.size();
}

/// The document writer's output: a string used as a buffer and written
/// through a pointer (std::string's appends, a call and a capacity check for
/// every piece, were most of the writer's time). While writing, the string's
/// size is the room reserved; take() cuts it to what was written. Neither
/// copied nor moved: the pointers point into it.
class OutBuffer {
 public:
  OutBuffer() = default;
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;

  void reserve(std::size_t bytes) {
    if (bytes > s_.size()) resize_keeping(bytes);
  }
  /// Streaming: what is written is handed to `sink` whenever the room runs
  /// out, instead of the buffer growing (a row larger than the headroom left
  /// after the last flush made it grow to twice its size, zero-filled).
  void stream_to(const std::function<void(std::string_view)>* sink) { sink_ = sink; }
  bool streaming() const { return sink_ != nullptr; }
  void flush() {
    if (!sink_ || size() == 0) return;
    (*sink_)(view());
    clear();
  }
  /// At least n bytes of room at the returned pointer; advance() over what was used.
  char* room(std::size_t n) {
    if (static_cast<std::size_t>(end_ - w_) < n) make_room(n);
    return w_;
  }
  /// What the whole output is expected to take, for the next growth.
  void project(std::size_t bytes) { projected_ = bytes; }
  void advance(std::size_t n) { w_ += n; }
  void put(char c) {
    *room(1) = c;
    ++w_;
  }
  void put(const char* p, std::size_t n) {
    std::memcpy(room(n), p, n);
    w_ += n;
  }
  void put(std::string_view v) { put(v.data(), v.size()); }
  std::size_t size() const { return static_cast<std::size_t>(w_ - s_.data()); }
  std::string_view view() const { return {s_.data(), size()}; }
  void clear() { w_ = s_.data(); }
  std::string take() {
    s_.resize(size());
    std::string out = std::move(s_);
    s_.clear();
    w_ = end_ = s_.data();
    return out;
  }

 private:
  /// room()'s rare path, out of line: with it inline, room() grew too large
  /// for key(), span() and the other small writers to be inlined, which cost
  /// the pipe document 2.7 % more instructions.
  [[gnu::noinline]] void make_room(std::size_t n) {
    flush();
    if (static_cast<std::size_t>(end_ - w_) >= n) return;
    // To the writer's projection of the whole output when it is ahead,
    // else double: each growth copies what is written and zero-fills the rest.
    const std::size_t need = size() + n + 4096;
    resize_keeping(std::max(need, projected_ > need ? projected_ : 2 * s_.size()));
  }
  void resize_keeping(std::size_t bytes) {
    const std::size_t used = size();
    s_.resize(bytes);
    w_ = s_.data() + used;
    end_ = s_.data() + s_.size();
  }
  std::string s_;
  char* w_ = s_.data();
  char* end_ = s_.data();
  std::size_t projected_ = 0;
  const std::function<void(std::string_view)>* sink_ = nullptr;
};

/// A string known to need no escapes, quoted.
void put_plain_json_string(OutBuffer& out, std::string_view s) {
  char* w = out.room(s.size() + 2);
  w[0] = '"';
  std::memcpy(w + 1, s.data(), s.size());
  w[s.size() + 1] = '"';
  out.advance(s.size() + 2);
}

/// append_json_string into the writer's buffer: the usual string has nothing
/// to escape and is written in one copy.
void put_json_string(OutBuffer& out, std::string_view s) {
#if defined(__SSE2__)
  // Checked and copied in one pass, 16 bytes at a time, the last ones as one
  // block overlapping the one before (a scan for escapes, then a copy, read
  // every string twice and called memcpy for each).
  using namespace detail::bytes16;
  const std::size_t n = s.size();
  if (n >= 16) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    auto needs_escape = [](__m128i v) {
      return bits(_mm_or_si128(in(v, 0x00, 0x1F), _mm_or_si128(eq(v, '"'), eq(v, '\\')))) != 0;
    };
    char* const w = out.room(n + 2);
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const __m128i v = load(p + i);
      if (needs_escape(v)) break;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(w + 1 + i), v);
    }
    if (i + 16 > n) {  // no escape in the whole blocks
      const __m128i v = load(p + n - 16);
      if (!needs_escape(v)) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w + 1 + n - 16), v);
        w[0] = '"';
        w[n + 1] = '"';
        out.advance(n + 2);
        return;
      }
    }
  } else if (next_escape(s, 0) == n) {
    put_plain_json_string(out, s);
    return;
  }
#else
  if (next_escape(s, 0) == s.size()) {
    put_plain_json_string(out, s);
    return;
  }
#endif
  std::string escaped;
  append_json_string(escaped, s);
  out.put(escaped);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t copied = 0;
  for (std::size_t i = 0; (i = next_escape(s, i)) < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    out.append(s, copied, i - copied);
    copied = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:  // other controls, as nlohmann writes them
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s, copied, std::string_view::npos);
  out.push_back('"');
}

namespace {

class JsonWriter {
 public:
  using Sink = std::function<void(std::string_view)>;
  explicit JsonWriter(int indent, const Sink* sink = nullptr) : indent_(indent) {
    if (sink) {
      out_.reserve(kFlushBytes + 4096);
      out_.stream_to(sink);
    }
  }
  std::string take() { return out_.take(); }
  void reserve(std::size_t bytes) { out_.reserve(bytes); }
  /// Hands what is buffered to the sink (streaming mode only).
  void flush() { out_.flush(); }

  void document(const Document& d) {
    rows_total_ = 0;
    for (const auto& dom : d.domains)
      for (const auto& t : dom.tasks) rows_total_ += t.rows.size();
    after_rows_ = 0;  // the diagnostics, written after the last row
    for (const auto& dg : d.diagnostics) after_rows_ += dg.message.size() + 128;
    begin_object();
    key("title");
    string(d.title);
    key("title_lines");
    span(d.title_lines);
    key("source");
    begin_object();
    key("name");
    string(d.source.name);
    key("encoding");
    string(d.source.encoding);
    key("bytes");
    number(d.source.bytes);
    key("lines");
    number(d.source.lines);
    end_object();
    key("columns");
    columns(d.columns);
    if (!d.tables.empty()) {  // only in a document of several tables
      key("tables");
      begin_array();
      for (const auto& t : d.tables) {
        element();
        begin_object();
        key("title");
        string(t.title);
        key("title_lines");
        span(t.title_lines);
        key("header");
        number(t.header);
        key("columns");
        columns(t.columns);
        end_object();
      }
      end_array();
    }
    key("domains");
    begin_array();
    for (const auto& dom : d.domains) {
      element();
      domain(dom);
    }
    end_array();
    key("diagnostics");
    begin_array();
    for (const auto& dg : d.diagnostics) {
      element();
      begin_object();
      key("severity");
      string(to_string(dg.severity));
      key("line");
      number(dg.line);
      key("message");
      string(dg.message);
      end_object();
    }
    end_array();
    key("coverage");
    begin_object();
    key("chars");
    number(d.coverage.chars);
    key("in_fields");
    number(d.coverage.in_fields);
    key("furniture");
    number(d.coverage.furniture);
    key("unassigned");
    number(d.coverage.unassigned);
    end_object();
    end_object();
  }

 private:
  void columns(const std::vector<Column>& cols) {
    begin_array();
    for (const auto& c : cols) {
      element();
      begin_object();
      key("label");
      string(c.label);
      key("role");
      string(to_string(c.role));
      key("year");
      optional_number(c.year);
      end_object();
    }
    end_array();
  }
  void domain(const Domain& d) {
    begin_object();
    key("seq");
    optional_number(d.seq);
    key("name");
    string(d.name);
    key("lines");
    span(d.lines);
    if (d.table) {  // only in a document of several tables
      key("table");
      number(*d.table);
    }
    key("tasks");
    begin_array();
    for (const auto& t : d.tasks) {
      element();
      task(t);
    }
    end_array();
    end_object();
  }

  void task(const Task& t) {
    begin_object();
    key("seq");
    optional_number(t.seq);
    key("title");
    string(t.title);
    if (t.section) {
      key("section");
      begin_object();
      key("seq");
      optional_number(t.section->seq);
      key("name");
      string(t.section->name);
      end_object();
    }
    key("lines");
    span(t.lines);
    key("rows");
    begin_array();
    for (const auto& r : t.rows) {
      element();
      row(r);
    }
    end_array();
    end_object();
  }

  void row(const Row& r) {
    begin_object();
    if (r.goal) {
      key("goal");
      field(*r.goal);
    }
    if (r.annual_target) {
      key("annual_target");
      field(*r.annual_target);
    }
    if (r.measures) {
      key("measures");
      field(*r.measures);
    }
    if (r.units) {
      key("units");
      field(*r.units, &*r.units);
    }
    if (r.deadline) {
      key("deadline");
      field(*r.deadline, nullptr, nullptr, &*r.deadline);
    }
    if (!r.other.empty()) {
      key("other");
      begin_array();
      for (const auto& o : r.other) {
        element();
        field(o.field, nullptr, &o.column);
      }
      end_array();
    }
    key("lines");
    span(r.lines);
    end_object();
    if (out_.streaming()) {
      if (out_.size() >= kFlushBytes) flush();
    } else if (++rows_done_ % 16 == 0) {
      // Rows are most of the output: the size so far, scaled to every row
      // and 1/8 more, is what a growth should reserve (a list document's
      // output is 10 x its source where the first estimate says 3 x).
      out_.project(out_.size() / rows_done_ * rows_total_ * 9 / 8 + after_rows_ + 4096);
    }
  }

  void field(const Field& f, const Units* u = nullptr, const std::size_t* column = nullptr,
             const Deadline* deadline = nullptr) {
    begin_object();
    key("text");
    // Items are pieces of the text: when it has nothing to escape, neither
    // have they, and they are copied without being looked at again.
    const bool plain = next_escape(f.text, 0) == f.text.size();
    auto piece = [&](std::string_view p) { plain ? put_plain_json_string(out_, p) : string(p); };
    piece(f.text);
    key("items");
    begin_array();
    for (std::size_t i = 0; i < f.items.size(); ++i) {
      element();
      piece(f.item(i));
    }
    end_array();
    key("lines");
    span(f.lines);
    if (u) {
      key("lead");
      strings(u->lead);
      key("support");
      strings(u->support);
      key("implementers");
      strings(u->implementers);
    }
    if (column) {
      key("column");
      number(*column);
    }
    if (deadline) {
      key("date");
      if (deadline->date)
        string(*deadline->date);
      else
        out_.put("null");
    }
    end_object();
  }

  void strings(const std::vector<std::string>& v) {
    begin_array();
    for (const auto& s : v) {
      element();
      string(s);
    }
    end_array();
  }

  void span(LineSpan s) {
    begin_array();
    element();
    number(s.first);
    element();
    number(s.last);
    end_array();
  }

  // ---- layout, as nlohmann's serializer does it -------------------------
  // Containers are opened lazily: whether "[]" or "[\n ... ]" is written
  // depends on whether an element follows, so the opening is remembered and
  // written by the first element (or closed as an empty pair).
  void newline() {
    if (indent_ < 0) return;
    // A newline and the indentation in one append from a ready-made run
    // (fill-appends were a tenth of the writer's time).
    static constexpr std::string_view kBreak =
        "\n                                                                "
        "                                                                ";
    const std::size_t width = static_cast<std::size_t>(indent_) * depth_ + 1;
    if (width <= 32) {  // the usual: 32 bytes copied whatever the width (two moves, no call)
      std::memcpy(out_.room(32), kBreak.data(), 32);
      out_.advance(width);
      return;
    }
    if (width <= kBreak.size()) {
      out_.put(kBreak.data(), width);
      return;
    }
    char* w = out_.room(width);
    w[0] = '\n';
    std::memset(w + 1, ' ', width - 1);
    out_.advance(width);
  }
  void begin_object() { open('{'); }
  void begin_array() { open('['); }
  void open(char c) {
    out_.put(c);
    if (depth_ == first_.size()) throw std::logic_error("qingdan: JSON writer nested deeper than it writes");
    first_[depth_++] = 1;
  }
  void close(char c) {
    const bool empty = first_[--depth_] != 0;
    if (!empty) newline();
    out_.put(c);
  }
  void end_object() { close('}'); }
  void end_array() { close(']'); }
  void element() {
    if (!first_[depth_ - 1]) out_.put(',');
    first_[depth_ - 1] = 0;
    newline();
  }
  // Keys are literals: their length a constant, each copy a few moves
  // instead of a memcpy call (two thousand keys in a 50 KB list document).
  template <std::size_t N>
  void key(const char (&k)[N]) {
    constexpr std::size_t n = N - 1;  // without the terminating NUL
    element();
    char* w = out_.room(n + 4);
    w[0] = '"';
    std::memcpy(w + 1, k, n);
    std::memcpy(w + 1 + n, "\": ", 3);
    out_.advance(n + (indent_ < 0 ? 3 : 4));
  }
  void number(std::uint64_t v) {
    char* w = out_.room(24);
    out_.advance(static_cast<std::size_t>(std::to_chars(w, w + 24, v).ptr - w));
  }
  void optional_number(const std::optional<int>& v) {
    if (!v) {
      out_.put("null");
      return;
    }
    char* w = out_.room(16);
    out_.advance(static_cast<std::size_t>(std::to_chars(w, w + 16, *v).ptr - w));
  }
  void string(std::string_view s) { put_json_string(out_, s); }

  static constexpr std::size_t kFlushBytes = 64 * 1024;
  int indent_;
  std::size_t depth_ = 0;
  std::size_t rows_total_ = 0, rows_done_ = 0, after_rows_ = 0;
  // Per open container: no element written yet. Bytes, not vector<bool>:
  // every element reads and writes it, and a bit costs a shift and a mask.
  // The nesting is the writer's own (document > domains > domain > tasks >
  // task > rows > row > other > field > items: ten), whatever the input holds.
  std::array<char, 16> first_{};
  OutBuffer out_;
};

}  // namespace

namespace detail {

/// About what the document's JSON takes, from what it holds: its strings (a
/// field's text twice: the text and its items) and, per value written, its
/// key, separators and indentation at the depth the writer puts it (the
/// figures below are those of indent 2; one-line JSON has about a third of
/// that). Meant to land at or a little above the output, so that the buffer
/// is zero-filled once and never grown: on the corpus's documents repeated
/// to 50 KB it is 1.05 to 1.3 x the output, on the small ones up to 1.65 x
/// (`Json.SizeEstimateIsAtOrAboveTheOutput`).
std::uint64_t json_size_estimate(const Document& d, int indent) {
  // Structure per value, indent 2: a field's keys, brackets and line span
  // (~210 bytes at depth 8), an item's line (~21), a units cell's three
  // name lists (~144) and a name's line (~21), a row, a task, a domain, a
  // column, a diagnostic. One-line JSON has no line breaks; indent n has, per
  // value, a line break and about 8 n spaces (depth 8 at rows' fields): the
  // indented figures are those of n = 2, the one-line ones of no
  // indentation, and n scales between.
  const std::uint64_t lines = indent < 0 ? 0 : 1 + 8 * static_cast<std::uint64_t>(indent);
  auto per = [&](std::uint64_t one_line, std::uint64_t indented) {
    return one_line + (indented - one_line) * lines / 17;
  };
  const std::uint64_t per_field = per(70, 210), per_item = per(3, 21), per_units = per(50, 144), per_name = per(3, 21),
                      per_row = per(30, 120), per_task = per(70, 200), per_domain = per(50, 150),
                      per_column = per(45, 90), per_diagnostic = per(50, 110);
  std::uint64_t bytes = 1024 + 2 * d.title.size() + d.source.name.size() + d.columns.size() * per_column;
  for (const Column& c : d.columns) bytes += c.label.size();
  for (const Table& t : d.tables) {
    bytes += 2 * t.title.size() + per_domain + t.columns.size() * per_column;
    for (const Column& c : t.columns) bytes += c.label.size();
  }
  auto field = [&](const Field& f) { bytes += 2 * f.text.size() + per_field + per_item * f.items.size(); };
  for (const Domain& dom : d.domains) {
    bytes += dom.name.size() + per_domain + (dom.table ? 20 : 0);
    for (const Task& t : dom.tasks) {
      bytes += t.title.size() + per_task + (t.section ? t.section->name.size() + per_domain : 0);
      for (const Row& r : t.rows) {
        bytes += per_row;
        for (const auto* f : {&r.goal, &r.annual_target, &r.measures})
          if (*f) field(**f);
        if (r.units) {
          field(*r.units);
          bytes += per_units;
          for (const auto* names : {&r.units->lead, &r.units->support, &r.units->implementers})
            for (const auto& n : *names) bytes += n.size() + per_name;
        }
        if (r.deadline) field(*r.deadline), bytes += 40;
        for (const auto& o : r.other) field(o.field), bytes += 20;
      }
    }
  }
  for (const auto& dg : d.diagnostics) bytes += dg.message.size() + per_diagnostic;
  return bytes + bytes / 16;
}

}  // namespace detail

std::string to_json_string(const Document& document, const WriteOptions& options) {
  JsonWriter w(options.indent);
  // Growing the string by doubling copied it ~10 times for a 50 KB source
  // (and a growing heap faults fresh pages in): reserve about what comes out,
  // estimated from what the document holds. (From source.bytes it was 3 x
  // the source, right for the seed but a third of a list or pipe document's
  // output, which then grew once; and source.bytes of a document built in
  // code or read back from JSON may be anything.) A larger output grows as
  // it is written.
  w.reserve(static_cast<std::size_t>(detail::json_size_estimate(document, options.indent)));
  w.document(document);
  std::string s = w.take();
  s.push_back('\n');
  return s;
}

void write_json(const Document& document, const std::function<void(std::string_view)>& sink,
                const WriteOptions& options) {
  JsonWriter w(options.indent, &sink);
  w.document(document);
  w.flush();
  sink("\n");
}

}  // namespace qingdan
