// Character accounting helpers: what counts as "a character" for coverage.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "stages.hpp"

namespace qingdan::detail {

std::uint64_t count_chars(std::string_view text) {
  std::uint64_t n = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto len = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < len;) {
    if (p[i] < 0x80) {
      const std::uint8_t b = p[i++];
      n += !is_space(b);
      continue;
    }
    if (p[i] >= 0xE4 && p[i] <= 0xEE) {  // U+4000..U+EFFF: never whitespace
      ++n;
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, len, c);
    n += c < 0 || !is_space(c);
  }
  return n;
}

}  // namespace qingdan::detail
