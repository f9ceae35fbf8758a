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
#include <cstring>

#include "bytes16.hpp"
#include "stages.hpp"

namespace qingdan::detail {

namespace {

/// How many bytes of `text` are `byte`.
std::size_t count_byte(std::string_view text, char byte) {
  std::size_t count = 0, k = 0;
  const char* const p = text.data();
#if defined(__SSE2__)
  // Per-byte counters (a match is -1, subtracted), summed every 255 blocks
  // before they could wrap: no popcount, which baseline x86-64 lacks.
  const __m128i b = _mm_set1_epi8(byte);
  while (k + 16 <= text.size()) {
    __m128i counters = _mm_setzero_si128();
    for (int blocks = 0; blocks < 255 && k + 16 <= text.size(); ++blocks, k += 16)
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)), b));
    count += static_cast<std::size_t>(bytes16::sum(counters));
  }
#endif
  for (; k < text.size(); ++k) count += p[k] == byte;
  return count;
}

}  // namespace

LineTable split_lines(std::string_view text) {
  LineTable lines(text);
  std::size_t start = 0;
  bool pending_break = false;
  auto emit = [&](std::size_t end) {
    std::string_view line = text.substr(start, end - start);
    // Form feeds sit at either end of a line in extractor output.
    while (!line.empty() && line.front() == '\f') {
      line.remove_prefix(1);
      pending_break = true;
    }
    const bool page_break = pending_break;
    pending_break = false;
    while (!line.empty() && line.back() == '\f') {
      line.remove_suffix(1);
      pending_break = true;
    }
    lines.push_back(line, page_break);
  };
  // memchr finds the next LF; a CR (old Mac or Windows endings) is looked
  // for only inside the stretch before it, which is rare and short.
  const char* const base = text.data();
  const std::size_t n = text.size();
  // Most texts have no CR at all: then one search tells, not one per line.
  const bool any_cr = n > 0 && std::memchr(base, '\r', n) != nullptr;
  // The line table is the largest thing a parse makes besides the text and
  // the records: sized exactly by a counting pass rather than grown by
  // doubling.
  lines.reserve(count_byte(text, '\n') + (any_cr ? count_byte(text, '\r') : 0) + 1);
#if defined(__SSE2__)
  // Nor form feeds: then lines end exactly at LF, found 16 bytes at a time
  // (a memchr call per 40-byte line costs more than the search).
  if (!any_cr && (n == 0 || std::memchr(base, '\f', n) == nullptr)) {
    auto add = [&](std::size_t end) {
      lines.push_back(text.substr(start, end - start), false);
      start = end + 1;
    };
    const __m128i lf = _mm_set1_epi8('\n');
    std::size_t k = 0;
    for (; k + 16 <= n; k += 16) {
      auto m = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(base + k)), lf)));
      for (; m != 0; m &= m - 1) add(k + static_cast<std::size_t>(__builtin_ctz(m)));
    }
    for (; k < n; ++k)
      if (base[k] == '\n') add(k);
    if (start < n) add(n);
    return lines;
  }
#endif
  std::size_t i = 0;
  while (i < n) {
    const void* lf = std::memchr(base + i, '\n', n - i);
    const std::size_t stop = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - base) : n;
    const void* cr = any_cr ? std::memchr(base + i, '\r', stop - i) : nullptr;
    if (cr) {
      const auto at = static_cast<std::size_t>(static_cast<const char*>(cr) - base);
      emit(at);
      i = at + 1 < n && base[at + 1] == '\n' ? at + 2 : at + 1;
    } else if (lf) {
      emit(stop);
      i = stop + 1;
    } else {
      emit(n);
      i = n;
    }
    start = i;
  }
  return lines;
}

std::string_view trim_slow(std::string_view text) {
  // On the bytes (space_at, wide_space_at: is_space as UTF-8): decoding each
  // end character, backwards with ICU's U8_PREV, was a tenth of a pipe
  // table's line handling, whose cells end in a space before the bar.
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  std::size_t begin = 0, end = text.size();
  while (begin < end && space_at(s, begin, end)) begin += space_length(s[begin]);
  while (const std::size_t len = space_before(s, begin, end)) end -= len;
  return text.substr(begin, end - begin);
}

std::string squeeze_whitespace(std::string_view text) {
  std::string out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (!is_space(c)) out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
  }
  return out;
}

void report_control_characters(const Decoded& decoded, const LineTable& lines, std::vector<Diagnostic>& diagnostics,
                               std::size_t limit) {
  const std::string_view text = decoded.text;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t shown = 0;
  for (const std::uint64_t i : decoded.unusual) {
    if (shown == limit) break;
    if (i >= text.size()) continue;
    const std::uint32_t code = p[i] == 0xEF && i + 2 < text.size() ? 0xFFFEu | (p[i + 2] & 1u) : p[i];
    // The line holding offset i: the last line starting at or before it.
    auto it = std::upper_bound(lines.begin(), lines.end(), i, [&](std::uint64_t off, const Line& l) {
      return off < static_cast<std::uint64_t>(l.text.data() - text.data());
    });
    const std::uint32_t line = it == lines.begin() ? 1 : (*std::prev(it)).number;
    char hex[8];
    std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(code));
    diagnostics.push_back({Severity::warning, line,
                           std::string("character U+") + hex + " at byte offset " +
                               std::to_string(i + decoded.bom_bytes) + " is kept; XML output writes it as \\u" + hex});
    ++shown;
  }
  if (decoded.unusual_count > shown)
    diagnostics.push_back(
        {Severity::warning, 0,
         std::to_string(decoded.unusual_count - shown) + " more control or non-characters not listed"});
}

}  // namespace qingdan::detail
