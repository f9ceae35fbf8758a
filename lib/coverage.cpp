// Character accounting helpers: what counts as "a character" for coverage.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "bytes16.hpp"
#include "cpu.hpp"
#include "stages.hpp"

namespace qingdan::detail {

namespace {

#if defined(__x86_64__) || defined(__i386__)
/// count_chars' loop, 32 bytes a step where the CPU has AVX2; the same tests
/// as the 16-byte loop below. Counts up to `i` and returns the count.
__attribute__((target("avx2"))) std::uint64_t count_chars_avx2(const std::uint8_t* p, std::size_t len, std::size_t& i) {
  // (Lambdas would not inherit the target attribute: intrinsics are spelt out.)
  const __m256i cont_below = _mm256_set1_epi8(-64), space = _mm256_set1_epi8(' '),
                tab_below = _mm256_set1_epi8('\t' - 1), cr_above = _mm256_set1_epi8('\r' + 1);
  const __m256i xE3 = _mm256_set1_epi8(static_cast<char>(0xE3)), x80 = _mm256_set1_epi8(static_cast<char>(0x80)),
                xEF = _mm256_set1_epi8(static_cast<char>(0xEF)), xBB = _mm256_set1_epi8(static_cast<char>(0xBB)),
                xBF = _mm256_set1_epi8(static_cast<char>(0xBF)), xC2 = _mm256_set1_epi8(static_cast<char>(0xC2)),
                xE1 = _mm256_set1_epi8(static_cast<char>(0xE1)), xE2 = _mm256_set1_epi8(static_cast<char>(0xE2));
  std::uint64_t n = 0;
  for (; i + 34 <= len; i += 32) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i v1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 1));
    const __m256i v2 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 2));
    const __m256i cont = _mm256_cmpgt_epi8(cont_below, v);
    const __m256i ascii_space = _mm256_or_si256(
        _mm256_cmpeq_epi8(v, space), _mm256_and_si256(_mm256_cmpgt_epi8(v, tab_below), _mm256_cmpgt_epi8(cr_above, v)));
    const __m256i wide =
        _mm256_or_si256(_mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v, xE3), _mm256_cmpeq_epi8(v1, x80)),
                                         _mm256_cmpeq_epi8(v2, x80)),
                        _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v, xEF), _mm256_cmpeq_epi8(v1, xBB)),
                                         _mm256_cmpeq_epi8(v2, xBF)));
    const __m256i skip = _mm256_or_si256(_mm256_or_si256(cont, ascii_space), wide);
    // Mask bytes are 0 or 0xFF: the byte sum is 255 per byte not counted.
    const __m256i sums = _mm256_sad_epu8(skip, _mm256_setzero_si256());
    const __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
    const auto skipped = static_cast<std::uint64_t>(_mm_cvtsi128_si64(half)) +
                         static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(half, half)));
    n += 32 - skipped / 255;
    const __m256i rare = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, xC2), _mm256_cmpeq_epi8(v, xE1)),
                                         _mm256_cmpeq_epi8(v, xE2));
    for (auto m = static_cast<unsigned>(_mm256_movemask_epi8(rare)); m != 0; m &= m - 1) {
      const std::size_t k = i + static_cast<std::size_t>(__builtin_ctz(m));
      n -= wide_space_at(p[k], p[k + 1], p[k + 2]);  // k + 2 < i + 34 <= len
    }
  }
  return n;
}
#endif

/// The count from byte i on, 16 bytes a step.
std::uint64_t count_chars_from(const std::uint8_t* p, std::size_t len, std::size_t i) {
  std::uint64_t n = 0;
#if defined(__SSE2__)
  const __m128i cont_below = _mm_set1_epi8(-64);  // 0x80..0xBF are -128..-65
  const __m128i space = _mm_set1_epi8(' '), tab_below = _mm_set1_epi8('\t' - 1), cr_above = _mm_set1_epi8('\r' + 1);
  using namespace bytes16;
  auto count = [](__m128i mask) { return sum(mask) / 255; };  // mask bytes are 0 or 0xFF: 255 per hit
  // Needs i + 18 <= len: the loads at +1 and +2 see the rest of a character.
  for (; i + 18 <= len; i += 16) {
    const __m128i v = load(p + i), v1 = load(p + i + 1), v2 = load(p + i + 2);
    const __m128i cont = _mm_cmplt_epi8(v, cont_below);
    const __m128i ascii_space = _mm_or_si128(_mm_cmpeq_epi8(v, space),
                                             _mm_and_si128(_mm_cmpgt_epi8(v, tab_below), _mm_cmplt_epi8(v, cr_above)));
    // E3 and EF lead most CJK punctuation, so U+3000 (E3 80 80) and U+FEFF
    // (EF BB BF) are matched on all three bytes without a branch; the lead
    // bytes of the other wide spaces (C2, E1, E2) are rare in Chinese text
    // and each is looked at on its own.
    const __m128i wide = _mm_or_si128(seq3(v, v1, v2, 0xE3, 0x80, 0x80), seq3(v, v1, v2, 0xEF, 0xBB, 0xBF));
    n += 16 - count(_mm_or_si128(_mm_or_si128(cont, ascii_space), wide));
    const __m128i rare = _mm_or_si128(_mm_or_si128(eq(v, 0xC2), eq(v, 0xE1)), eq(v, 0xE2));
    for (unsigned m = bits(rare); m != 0; m &= m - 1) {
      const std::size_t k = i + static_cast<std::size_t>(__builtin_ctz(m));
      n -= wide_space_at(p[k], p[k + 1], p[k + 2]);  // k + 2 < i + 18 <= len
    }
  }
#endif
  for (; i < len; ++i) {
    n += (p[i] & 0xC0) != 0x80;
    n -= space_at(p, i, len);
  }
  return n;
}
}  // namespace

// Characters are the bytes that are not UTF-8 continuation bytes, less the
// whitespace ones. This runs over every line of the input, so it counts 16
// bytes at a time (SSE2, part of x86-64), 32 where the CPU has AVX2, and
// looks closer only at the lead bytes whitespace above ASCII can start with
// (C2, E1, E2, E3, EF).
std::uint64_t count_chars(std::string_view text) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  std::uint64_t n = 0;
  std::size_t i = 0;
#if defined(__x86_64__) || defined(__i386__)
  if (text.size() >= 34 && cpu::has_avx2()) n = count_chars_avx2(p, text.size(), i);
#endif
  return n + count_chars_from(p, text.size(), i);
}

std::uint64_t count_chars_16(std::string_view text) {
  return count_chars_from(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), 0);
}

void account_coverage(const LineTable& lines, const std::vector<LineUse>& use,
                      const std::vector<std::uint32_t>& furniture_in_line, std::uint64_t furniture_elsewhere,
                      Document& doc) {
  Coverage& cov = doc.coverage;
  cov = {};
  cov.chars = cov.furniture = furniture_elsewhere;
  std::size_t run_start = SIZE_MAX, run_last = 0;  // current run of unassigned lines
  auto report_run = [&] {
    if (run_start == SIZE_MAX) return;
    const std::uint32_t a = lines[run_start].number, z = lines[run_last].number;
    doc.diagnostics.push_back(
        {Severity::warning, a,
         "text on line" + (a == z ? " " + std::to_string(a) : "s " + std::to_string(a) + "-" + std::to_string(z)) +
             " was not assigned to any field"});
    run_start = SIZE_MAX;
  };
  // Consecutive lines of the same use are counted as one stretch of text:
  // the bytes between them are line terminators and form feeds, which count
  // nothing, and one call over a long stretch is much cheaper than one per
  // short line (a pipe table's lines are a few characters each, and each has
  // its bars). A stretch ends where the use changes and where text was cut
  // out between two lines (a glued header); blank lines inside it count
  // nothing either. A field line's markup (numbering, bars) is characters of
  // that line, so the stretch's markup total moves from fields to furniture.
  const char* batch_begin = nullptr;
  const char* batch_end = nullptr;
  LineUse batch_use = LineUse::field;
  std::uint64_t batch_markup = 0;
  auto flush = [&] {
    if (!batch_begin) return;
    const std::uint64_t chars =
        count_chars(std::string_view(batch_begin, static_cast<std::size_t>(batch_end - batch_begin)));
    cov.chars += chars;
    if (batch_use == LineUse::field) {
      const std::uint64_t in_markup = std::min(chars, batch_markup);
      cov.in_fields += chars - in_markup;
      cov.furniture += in_markup;
    } else {
      cov.furniture += chars;
    }
    batch_begin = nullptr;
    batch_markup = 0;
  };
  auto only_breaks = [](const char* a, const char* z) {  // terminators, form feeds, blank lines
    for (; a < z; ++a)
      if (*a != ' ' && (*a < '\t' || *a > '\r')) return false;
    return a == z;
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = lines[i].text;
    if (use[i] != LineUse::none) {
      if (is_blank(text)) continue;
      report_run();
      if (batch_begin && (batch_use != use[i] || text.data() < batch_end || !only_breaks(batch_end, text.data())))
        flush();
      if (!batch_begin) {
        batch_begin = text.data();
        batch_use = use[i];
      }
      batch_end = text.data() + text.size();
      if (!furniture_in_line.empty()) batch_markup += furniture_in_line[i];
      continue;
    }
    if (is_blank(text)) continue;  // counts nothing, ends no stretch
    flush();
    const std::uint64_t chars = count_chars(text);
    if (chars == 0) continue;
    cov.chars += chars;
    cov.unassigned += chars;
    if (run_start == SIZE_MAX) run_start = i;
    run_last = i;
  }
  flush();
  report_run();
}

}  // namespace qingdan::detail
