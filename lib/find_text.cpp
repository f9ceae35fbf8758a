// Substring search over UTF-8 text, used by every stage that looks for a
// word (是, 列第一位, 。…).
//
// std::string_view::find runs memchr on the needle's first byte and compares
// at each hit; in CJK text the lead bytes E4..E9 occur every few bytes, so
// that is a call per character. glibc's memmem fills a 256-entry shift table
// on every call, which costs more than the search on a short cell. Instead,
// 16 candidate positions are tested at once on the needle's first and last
// bytes (SSE2, part of x86-64; 32 with AVX2 on long texts), and only
// positions where both match are compared in full. Linear in the text for
// the short needles used here.
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "bytes16.hpp"
#include "cpu.hpp"
#include "stages.hpp"

namespace qingdan::detail {

namespace {
/// The needle's inner bytes (all but its first and last, which the
/// candidate test matched) at a candidate position. Most needles are one to
/// four CJK characters, 1 to 10 inner bytes: compared inline, since a
/// memcmp call per candidate cost more than the comparison.
inline bool inner_bytes_match(const char* at, std::string_view needle) {
  const std::size_t n = needle.size() - 2;
  const char* w = needle.data() + 1;
  if (n > 16) return std::memcmp(at + 1, w, n) == 0;
  for (std::size_t k = 0; k < n; ++k)
    if (at[1 + k] != w[k]) return false;
  return true;
}
}  // namespace

#if defined(__x86_64__) || defined(__i386__)
namespace {
/// The 16-byte loop below, 32 candidate positions at a time, for long texts
/// (the whole-document search for 列第一位) where the CPU has AVX2. Searches
/// positions from i while a whole block fits before last_start and moves i
/// past them; npos when none of them matched.
__attribute__((target("avx2"))) std::size_t find_avx2(const char* h, std::string_view needle, std::size_t& i,
                                                      std::size_t last_start) {
  const std::size_t k = needle.size();
  const __m256i first = _mm256_set1_epi8(needle.front()), last = _mm256_set1_epi8(needle.back());
  for (; i + 31 <= last_start; i += 32) {
    const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h + i));
    const __m256i z = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(h + i + k - 1));
    auto m = static_cast<unsigned>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(a, first), _mm256_cmpeq_epi8(z, last))));
    for (; m != 0; m &= m - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(m));
      if (inner_bytes_match(h + at, needle)) return at;
    }
  }
  return std::string_view::npos;
}
}  // namespace
#endif

std::size_t find_text(std::string_view hay, std::string_view needle, std::size_t from) {
  if (from > hay.size()) return std::string_view::npos;
  const std::size_t k = needle.size();
  if (k == 0) return from;
  if (k > hay.size() - from) return std::string_view::npos;
  const char* h = hay.data();
  const std::size_t last_start = hay.size() - k;  // the last position a match can start at
  std::size_t i = from;
  if (k == 1) {
    const void* at = std::memchr(h + i, needle[0], hay.size() - i);
    return at ? static_cast<std::size_t>(static_cast<const char*>(at) - h) : std::string_view::npos;
  }
#if defined(__x86_64__) || defined(__i386__)
  if (last_start - i >= 64 && cpu::has_avx2()) {
    const std::size_t at = find_avx2(h, needle, i, last_start);
    if (at != std::string_view::npos) return at;
  }
#endif
#if defined(__SSE2__)
  const __m128i first = _mm_set1_epi8(needle.front()), last = _mm_set1_epi8(needle.back());
  // Positions from..from+15 whose first and last bytes match, as bits.
  auto candidates = [&](std::size_t from) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + from));
    const __m128i z = _mm_loadu_si128(reinterpret_cast<const __m128i*>(h + from + k - 1));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(z, last))));
  };
  for (; i + 15 <= last_start; i += 16) {
    for (unsigned m = candidates(i); m != 0; m &= m - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(m));
      if (inner_bytes_match(h + at, needle)) return at;
    }
  }
  // The positions left as one block overlapping the one before, those
  // already tested masked off: the byte-by-byte tail, up to 15 positions,
  // was most of a search in a line of a few dozen bytes (列第一位 is looked
  // for in every line of a list document).
  if (i <= last_start && last_start >= 15) {
    const std::size_t from = last_start - 15;
    for (unsigned m = candidates(from) & ~((1u << (i - from)) - 1u); m != 0; m &= m - 1) {
      const std::size_t at = from + static_cast<std::size_t>(__builtin_ctz(m));
      if (inner_bytes_match(h + at, needle)) return at;
    }
    return std::string_view::npos;
  }
#endif
  for (; i <= last_start; ++i)
    if (h[i] == needle.front() && h[i + k - 1] == needle.back() && inner_bytes_match(h + i, needle)) return i;
  return std::string_view::npos;
}

std::size_t find_colon(std::string_view text, std::size_t& len) {
  // One pass for both widths, 16 bytes at a time: ':' and the full-width
  // colon's last byte (9A, which ends other characters too, one in 64) are
  // the candidates, and a 9A is the colon when EF BC come before it. (Two
  // memchr calls a line were 1 % of a key-value document.) Candidates come
  // in order, and neither colon can start inside the other, so the first
  // match is the first colon.
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  std::size_t found = std::string_view::npos;
  auto at = [&](std::size_t i) {
    if (p[i] == ':') {
      found = i;
      len = 1;
      return true;
    }
    if (p[i] == 0x9A && i >= 2 && p[i - 1] == 0xBC && p[i - 2] == 0xEF) {
      found = i - 2;
      len = 3;
      return true;
    }
    return false;
  };
  len = 1;
#if defined(__SSE2__)
  using namespace bytes16;
  scan_candidates(
      text.size(),
      [p](std::size_t from) {
        const __m128i v = load(p + from);
        return bits(_mm_or_si128(eq(v, ':'), eq(v, 0x9A)));
      },
      at);
#else
  for (std::size_t i = 0; i < text.size() && !at(i); ++i) {
  }
#endif
  return found;
}

}  // namespace qingdan::detail
