// Stage 2: decoded text -> numbered lines.
//
// Line numbers count \n, \r\n and lone \r terminators, the way editors and
// `cat -n` do, so that the provenance we report points at what a user sees.
// A form feed (page break in pdftotext output) is not a line: it is removed
// from the text and remembered on the line it belongs to.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>

#include "stages.hpp"

namespace qingdan::detail {

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  std::uint32_t number = 1;
  bool pending_break = false;
  auto emit = [&](std::size_t end) {
    Line line;
    line.number = number++;
    line.offset = start;
    line.text = text.substr(start, end - start);
    // Form feeds sit at either end of a line in extractor output.
    while (!line.text.empty() && line.text.front() == '\f') {
      line.text.remove_prefix(1);
      line.offset++;
      pending_break = true;
    }
    line.page_break = pending_break;
    pending_break = false;
    while (!line.text.empty() && line.text.back() == '\f') {
      line.text.remove_suffix(1);
      pending_break = true;
    }
    lines.push_back(line);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      emit(i);
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) emit(text.size());
  return lines;
}

bool is_blank(std::string_view text) {
  return trim(text).empty();
}

std::string_view trim(std::string_view text) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t begin = 0;
  while (begin < n) {
    std::int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, n, c);
    if (c < 0 || !is_space(c)) break;
    begin = next;
  }
  std::int32_t end = n;
  while (end > begin) {
    std::int32_t prev = end;
    UChar32 c;
    U8_PREV(s, begin, prev, c);
    if (c < 0 || !is_space(c)) break;
    end = prev;
  }
  return text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

void report_control_characters(std::string_view text, const std::vector<Line>& lines,
                               std::vector<Diagnostic>& diagnostics, std::size_t limit) {
  std::size_t found = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char b = p[i];
    if (b >= 0x20 && b != 0xEF) continue;  // the whole cost on clean text
    std::uint32_t code = 0;
    if (b < 0x20 && !(b >= '\t' && b <= '\r')) {
      code = b;
    } else if (b == 0xEF && i + 2 < text.size() && p[i + 1] == 0xBF && (p[i + 2] & 0xFE) == 0xBE) {
      code = 0xFFFE | (p[i + 2] & 1u);
    } else {
      continue;
    }
    if (++found > limit) continue;
    // The line holding offset i: the last line starting at or before it.
    auto it =
        std::upper_bound(lines.begin(), lines.end(), i, [](std::size_t off, const Line& l) { return off < l.offset; });
    const std::uint32_t line = it == lines.begin() ? 1 : std::prev(it)->number;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(code));
    diagnostics.push_back({Severity::warning, line,
                           std::string("character U+") + hex + " at byte offset " + std::to_string(i) +
                               " is kept; XML output writes it as \\u" + hex});
  }
  if (found > limit)
    diagnostics.push_back(
        {Severity::warning, 0, std::to_string(found - limit) + " more control or non-characters not listed"});
}

}  // namespace qingdan::detail
