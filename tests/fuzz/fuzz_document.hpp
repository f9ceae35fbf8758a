// A qingdan::Document built straight from fuzz bytes, for the serializer
// harnesses. Every string is valid UTF-8 — the writers' precondition, which
// parse guarantees — but otherwise arbitrary: control characters, U+FFFE,
// U+FFFF, other noncharacters, markup characters and CJK punctuation are all
// reachable, and likely, because each byte that would make the UTF-8 invalid
// is replaced by one of them.
#pragma once

#include <fuzzer/FuzzedDataProvider.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <string>

#include "qingdan/document.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan_fuzz {

/// Code points an invalid byte turns into (indexed by the byte).
inline constexpr char32_t kInteresting[] = {0x00,    0x01,     0x08,     0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0x1B,
                                            0x1F,    0x7F,     0x80,     0x85,   0x9F,   0xA0,   0x2028, 0x2029, 0x3000,
                                            0xFEFF,  0x200B,   0xD7FF,   0xE000, 0xFDD0, 0xFDEF, 0xFFFD, 0xFFFE, 0xFFFF,
                                            0x1FFFE, 0x10FFFE, 0x10FFFF, '<',    '>',    '&',    '"',    '\'',   ']',
                                            U'，',   U'。',    U'；',    U'、',  U'（',  U'）',  0x4E00, 0x0301};

/// Valid UTF-8: well-formed sequences of `raw` are kept, every byte that
/// starts an ill-formed one becomes an interesting code point.
inline std::string valid_utf8(const std::string& raw) {
  std::string out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(raw.data());
  const auto n = static_cast<std::int32_t>(raw.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0) {
      out.append(raw, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
      continue;
    }
    i = start + 1;  // skip one byte only, so the rest still counts
    c = static_cast<UChar32>(kInteresting[s[start] % (sizeof kInteresting / sizeof kInteresting[0])]);
    std::uint8_t buf[4];
    std::int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
  }
  return out;
}

class DocumentBuilder {
 public:
  explicit DocumentBuilder(FuzzedDataProvider& p) : p_(p) {}

  qingdan::Document build() {
    qingdan::Document d;
    d.title = str();
    d.title_lines = span();
    d.source.name = str();
    d.source.encoding = str(16);
    d.source.bytes = p_.ConsumeIntegral<std::uint64_t>();
    d.source.lines = p_.ConsumeIntegral<std::uint32_t>();
    for (int n = count(6); n > 0; --n) {
      qingdan::Column c;
      c.label = str(32);
      c.role = static_cast<qingdan::ColumnRole>(p_.ConsumeIntegralInRange(0, 8));
      if (p_.ConsumeBool()) c.year = p_.ConsumeIntegral<int>();
      d.columns.push_back(std::move(c));
    }
    if (p_.ConsumeBool())
      for (int n = count(3); n > 0; --n) {
        qingdan::Table t;
        t.title = str();
        t.title_lines = span();
        t.header = p_.ConsumeIntegral<std::uint32_t>();
        for (int nc = count(3); nc > 0; --nc) {
          qingdan::Column c;
          c.label = str(32);
          c.role = static_cast<qingdan::ColumnRole>(p_.ConsumeIntegralInRange(0, 8));
          if (p_.ConsumeBool()) c.year = p_.ConsumeIntegral<int>();
          t.columns.push_back(std::move(c));
        }
        d.tables.push_back(std::move(t));
      }
    for (int nd = count(3); nd > 0; --nd) {
      qingdan::Domain dom;
      if (p_.ConsumeBool()) dom.seq = p_.ConsumeIntegral<int>();
      dom.name = str(32);
      dom.lines = span();
      if (p_.ConsumeBool()) dom.table = p_.ConsumeIntegral<std::uint32_t>();
      for (int nt = count(3); nt > 0; --nt) {
        qingdan::Task t;
        if (p_.ConsumeBool()) t.seq = p_.ConsumeIntegral<int>();
        t.title = str();
        if (p_.ConsumeBool()) t.section = qingdan::SectionRef{p_.ConsumeIntegral<int>(), str(16)};
        t.lines = span();
        for (int nr = count(2); nr > 0; --nr) t.rows.push_back(row(d.columns.size()));
        dom.tasks.push_back(std::move(t));
      }
      d.domains.push_back(std::move(dom));
    }
    for (int n = count(4); n > 0; --n) {
      qingdan::Diagnostic diag;
      diag.severity = static_cast<qingdan::Severity>(p_.ConsumeIntegralInRange(0, 2));
      diag.line = p_.ConsumeIntegral<std::uint32_t>();
      diag.message = str();
      d.diagnostics.push_back(std::move(diag));
    }
    d.coverage.chars = p_.ConsumeIntegral<std::uint64_t>();
    d.coverage.in_fields = p_.ConsumeIntegral<std::uint64_t>();
    d.coverage.furniture = p_.ConsumeIntegral<std::uint64_t>();
    d.coverage.unassigned = p_.ConsumeIntegral<std::uint64_t>();
    return d;
  }

  qingdan::WriteOptions write_options() {
    qingdan::WriteOptions o;
    o.indent = p_.ConsumeIntegralInRange(-2, 8);
    return o;
  }

 private:
  int count(int max) { return p_.ConsumeIntegralInRange(0, max); }

  std::string str(std::size_t max_bytes = 64) { return valid_utf8(p_.ConsumeRandomLengthString(max_bytes)); }

  qingdan::LineSpan span() {
    qingdan::LineSpan s;
    s.first = p_.ConsumeIntegral<std::uint32_t>();
    s.last = p_.ConsumeIntegral<std::uint32_t>();
    return s;
  }

  void fill(qingdan::Field& f) {
    f.text = str();
    // Items as the library makes them: in order, not overlapping, on
    // character boundaries of the text.
    std::vector<std::uint32_t> starts;  // every character's first byte, and the end
    for (std::uint32_t i = 0; i <= f.text.size(); ++i)
      if (i == f.text.size() || (static_cast<unsigned char>(f.text[i]) & 0xC0) != 0x80) starts.push_back(i);
    std::size_t at = 0;
    for (int n = count(3); n > 0 && at < starts.size(); --n) {
      const std::size_t b = p_.ConsumeIntegralInRange<std::size_t>(at, starts.size() - 1);
      const std::size_t e = p_.ConsumeIntegralInRange<std::size_t>(b, starts.size() - 1);
      f.items.push_back({starts[b], starts[e] - starts[b]});
      at = e;
    }
    f.lines = span();
  }
  qingdan::Field field() {
    qingdan::Field f;
    fill(f);
    return f;
  }

  qingdan::Row row(std::size_t columns) {
    qingdan::Row r;
    if (p_.ConsumeBool()) r.goal = field();
    if (p_.ConsumeBool()) r.annual_target = field();
    if (p_.ConsumeBool()) r.measures = field();
    if (p_.ConsumeBool()) {
      qingdan::Units u;
      fill(u);
      for (int n = count(2); n > 0; --n) u.lead.push_back(str(32));
      for (int n = count(2); n > 0; --n) u.support.push_back(str(32));
      for (int n = count(2); n > 0; --n) u.implementers.push_back(str(32));
      r.units = std::move(u);
    }
    if (p_.ConsumeBool()) {
      qingdan::Deadline d;
      static_cast<qingdan::Field&>(d) = field();
      if (p_.ConsumeBool()) d.date = str(12);
      r.deadline = std::move(d);
    }
    for (int n = count(2); n > 0; --n) {
      qingdan::OtherCell o;
      // Mostly a real column index, sometimes one past the end or anything.
      o.column =
          p_.ConsumeBool() ? p_.ConsumeIntegralInRange<std::size_t>(0, columns) : p_.ConsumeIntegral<std::size_t>();
      o.field = field();
      r.other.push_back(std::move(o));
    }
    r.lines = span();
    return r;
  }

  FuzzedDataProvider& p_;
};

}  // namespace qingdan_fuzz
