// Tests on 16 bytes at a time (SSE2, part of every x86-64 CPU), shared by
// the stages that scan text: the comparisons and the one trick they need.
// SSE2 compares bytes as signed numbers, but UTF-8 byte ranges are written
// unsigned; pminub (unsigned minimum) gives the unsigned order.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>

#include <cstdint>

namespace qingdan::detail::bytes16 {

inline __m128i load(const std::uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline __m128i load(const char* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

/// 0xFF where the byte is b.
inline __m128i eq(__m128i v, int b) {
  return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(b)));
}

/// 0xFF where lo <= byte <= hi (unsigned): byte - lo, wrapping, is at
/// most hi - lo exactly then, and pminub compares unsigned. Three
/// instructions (lo = 0: two), against five with the sign flip.
inline __m128i in(__m128i v, int lo, int hi) {
  const __m128i d = lo == 0 ? v : _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo)));
  return _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(static_cast<char>(hi - lo))), d);
}

/// 0xFF where the bytes a, b, c start: v, v1, v2 are loads at +0, +1, +2.
inline __m128i seq3(__m128i v, __m128i v1, __m128i v2, int a, int b, int c) {
  return _mm_and_si128(_mm_and_si128(eq(v, a), eq(v1, b)), eq(v2, c));
}

/// The sum of the 16 bytes as unsigned numbers (psadbw against zero).
inline std::uint64_t sum(__m128i v) {
  const __m128i sums = _mm_sad_epu8(v, _mm_setzero_si128());
  return static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
         static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
}

/// One bit per byte of a mask.
inline unsigned bits(__m128i mask) {
  return static_cast<unsigned>(_mm_movemask_epi8(mask));
}

/// Calls at(k), in order, for the bytes k of a text of n bytes that
/// candidates(from) marks among the 16 from `from` (one bit per byte, a
/// superset: at decides), until at returns true (then true). Sixteen bytes
/// at a time, the last ones as one block overlapping the one before, the
/// bytes already offered masked off (lines are a few dozen bytes: a
/// byte-by-byte tail was most of the work); a text under 16 bytes has every
/// byte offered.
template <typename Candidates, typename At>
bool scan_candidates(std::size_t n, Candidates&& candidates, At&& at) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16)
    for (unsigned m = candidates(i); m != 0; m &= m - 1)
      if (at(i + static_cast<std::size_t>(__builtin_ctz(m)))) return true;
  if (i < n && n >= 16) {
    const std::size_t from = n - 16;
    for (unsigned m = candidates(from) & ~((1u << (i - from)) - 1u); m != 0; m &= m - 1)
      if (at(from + static_cast<std::size_t>(__builtin_ctz(m)))) return true;
    return false;
  }
  for (; i < n; ++i)
    if (at(i)) return true;
  return false;
}

}  // namespace qingdan::detail::bytes16
#endif
