// Stage 6: text repair — where CJK spaces are removed and wrapped lines joined.
//
// PDF table cells come out wrapped every few characters, and justified
// alignment sprays spaces between CJK characters ("州 卫 生 健 康 委 牵").
// Rules, in order:
//  1. each line is trimmed; wrapped lines join with nothing between them,
//     except one space where both sides of the break are ASCII letters/digits
//     and not both digits (so "HIV" + "AIDS" stays two words, "建设" + "力度"
//     becomes one, and so does a number a narrow cell wrapped: "不少于4" +
//     "6个" is 46, not "4 6" — unless the next line starts a numbered item,
//     "2.实现…");
//  2. a whitespace run (space, tab, U+3000, NBSP …) touching a "wide"
//     character — CJK ideograph, CJK/full-width punctuation, full-width form —
//     is removed, and so is the one space between the single digits of a
//     number spaced out the same way (2 0 2 4 年: three digits at least,
//     or two between wide characters: 场地1 0块);
//     any other run becomes one ASCII space;
//  3. the result is NFC. Nothing else changes: 95％ and quotes stay as printed.
// Characters are classified only at whitespace and line breaks, never on
// every character: the copy between gaps is a plain append.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstring>

#include "bytes16.hpp"
#include "stages.hpp"

namespace qingdan::detail {
namespace {

bool is_ascii_digit(UChar32 c) {
  return c >= '0' && c <= '9';
}

/// 2.实现… 10、… 3．…: a line that starts the next item of a numbered list
/// (…新建5G基站 120 / 2.实现…: the break is no number wrapped).
bool starts_a_numbered_item(std::string_view line) {
  std::size_t k = 0;
  while (k < line.size() && line[k] >= '0' && line[k] <= '9') ++k;
  const std::string_view rest = line.substr(k);
  return !rest.empty() &&
         (rest.front() == '.' || rest.front() == ')' || rest.compare(0, 3, "、") == 0 || rest.compare(0, 3, "．") == 0);
}

bool is_ascii_alnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

UChar32 first_cp(std::string_view s) {
  if (s.empty()) return -1;
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

UChar32 last_cp(std::string_view s) {
  if (s.empty()) return -1;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  auto i = static_cast<std::int32_t>(s.size());
  // The usual cases inline: an ASCII byte, or a whole character of up to
  // four bytes whose lead byte is found within three steps back (ICU's
  // U8_PREV calls out of line for every non-ASCII character).
  if (p[i - 1] < 0x80) return p[i - 1];
  std::int32_t lead = i - 1;
  while (lead > 0 && i - lead < 4 && (p[lead] & 0xC0) == 0x80) --lead;
  std::int32_t k = lead;
  UChar32 c;
  U8_NEXT(p, k, i, c);
  if (k == i) return c;
  U8_PREV(p, 0, i, c);  // ill-formed: as ICU reads it backwards
  return c;
}

/// A byte where the plain copy has to stop and look: ASCII whitespace, and
/// every lead byte but E4..E9 (U+4000..U+9FFF: ideographs, never whitespace,
/// always NFC-stable). ASCII text, continuation bytes and the common
/// ideographs are copied without being looked at.
struct StopBytes {
  bool stop[256] = {};
  constexpr StopBytes() {
    for (int b = '\t'; b <= '\r'; ++b) stop[b] = true;
    stop[0x20] = true;  // ' ' (clang warns on a char subscript)
    for (int b = 0xC0; b < 0x100; ++b) stop[b] = !(b >= 0xE4 && b <= 0xE9);
  }
};
constexpr StopBytes kStop;

/// The first stop byte at or after i (n when none), 16 bytes at a time.
std::int32_t next_stop(const std::uint8_t* p, std::int32_t i, std::int32_t n) {
#if defined(__SSE2__)
  using namespace bytes16;
  // The punctuation of Chinese text would stop the copy every few
  // characters; these are neither whitespace nor changed by NFC, so they are
  // let through by their three bytes: U+3001..3029 (、。〈〉《》「」…),
  // U+2010..2027 (‐–—‘’“”…), U+FF01..FF5E (，：；（）…).
  // Stops among the 16 bytes at `at` (needs at + 18 <= n: the loads at +1
  // and +2 see the rest of a three-byte character).
  auto stops_at = [&](std::int32_t at) {
    const __m128i v = load(p + at);
    const __m128i stop = _mm_or_si128(in(v, 0x00, 0x20), _mm_andnot_si128(in(v, 0xE4, 0xE9), in(v, 0xC0, 0xFF)));
    const unsigned m = bits(stop);
    if (m == 0) return m;
    const __m128i v1 = load(p + at + 1), v2 = load(p + at + 2);
    const __m128i quiet =
        _mm_or_si128(_mm_or_si128(_mm_and_si128(_mm_and_si128(eq(v, 0xE3), eq(v1, 0x80)), in(v2, 0x81, 0xA9)),
                                  _mm_and_si128(_mm_and_si128(eq(v, 0xE2), eq(v1, 0x80)), in(v2, 0x90, 0xA7))),
                     _mm_or_si128(_mm_and_si128(_mm_and_si128(eq(v, 0xEF), eq(v1, 0xBC)), in(v2, 0x81, 0xBF)),
                                  _mm_and_si128(_mm_and_si128(eq(v, 0xEF), eq(v1, 0xBD)), in(v2, 0x80, 0x9E))));
    return m & ~bits(quiet);
  };
  for (; i + 18 <= n; i += 16)
    if (const unsigned m = stops_at(i)) return i + __builtin_ctz(m);
  // The rest of a line of 18 bytes or more: one block ending two bytes
  // before the end, overlapping what was looked at (those bits are masked
  // off); the last two bytes go to the byte loop.
  if (n >= 18 && i < n - 2) {
    const std::int32_t base = n - 18;
    const unsigned m = stops_at(base) & ~((1u << (i - base)) - 1);
    if (m != 0) return base + __builtin_ctz(m);
    i = n - 2;
  }
#endif
  while (i < n && !kStop.stop[p[i]]) ++i;
  return i;
}

/// The character NFC leaves alone whatever surrounds it (NFC_Quick_Check=Yes,
/// combining class 0): CJK punctuation 、。…〩, general punctuation ‐…‧ (quotes,
/// dashes), full-width forms, and (checked by the caller) ASCII and
/// U+4000..U+9FFF. Table text is almost all of these, so the normaliser
/// only runs on the rare cell that needs it.
bool nfc_stable(UChar32 c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x3029) || (c >= 0x2010 && c <= 0x2027) ||
         (c >= 0xFF01 && c <= 0xFF5E);
}

/// Copies n bytes to w and returns the end; the short pieces between
/// sprayed spaces (one ideograph, three bytes) are copied inline.
inline char* put(char* w, const char* s, std::size_t n) {
  if (n <= 16) {
    if (n >= 8) {
      std::uint64_t a, z;
      std::memcpy(&a, s, 8);
      std::memcpy(&z, s + n - 8, 8);
      std::memcpy(w, &a, 8);
      std::memcpy(w + n - 8, &z, 8);
    } else if (n >= 4) {
      std::uint32_t a, z;
      std::memcpy(&a, s, 4);
      std::memcpy(&z, s + n - 4, 4);
      std::memcpy(w, &a, 4);
      std::memcpy(w + n - 4, &z, 4);
    } else {
      for (std::size_t k = 0; k < n; ++k) w[k] = s[k];
    }
    return w + n;
  }
  std::memcpy(w, s, n);
  return w + n;
}

/// True when the bytes a, b start a character is_wide() says yes to within
/// U+3400..U+9FFF: CJK Extension A (U+3400..4DBF, lead E3 from U+3400 or
/// E4 below B7) and the unified ideographs (U+4E00..9FFF, lead E4 from B8,
/// E5..E9). U+4DC0..4DFF (E4 B7 xx, hexagram symbols) are not wide. Only
/// called where a whole three-byte character starts at a.
inline bool wide_ideograph_bytes(std::uint8_t a, std::uint8_t b) {
  return (a >= 0xE5 && a <= 0xE9) || (a == 0xE4 && b != 0xB7) || (a == 0xE3 && b >= 0x90);
}

/// ICU's NFC normaliser, asked for once; null if ICU cannot load it.
const icu::Normalizer2* nfc_normalizer() {
  static const icu::Normalizer2* const nfc = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return nfc;
}

/// The rest of the characters NFC leaves alone (‰, ≥, ·, …), as ICU knows
/// them: normalising a whole cell because of one was ~3 % of a batch.
bool nfc_inert(UChar32 c) {
  const icu::Normalizer2* nfc = nfc_normalizer();
  return nfc != nullptr && nfc->isInert(c);
}

inline bool ascii_digit(std::uint8_t b) {
  return b >= '0' && b <= '9';
}

/// The space at `at` is one of a number's digits spaced out by justified
/// alignment (2 0 2 4 年, 新增托位8 0 0个): single digits, each one space
/// from the next, three at least (two between wide characters: 场地1 0块),
/// nothing ASCII but spaces around the run. (Numbers of several digits side
/// by side stay apart: 2023 2024.)
bool sprayed_digit_space(const std::uint8_t* p, std::int32_t at, std::int32_t n) {
  if (at < 1 || at + 1 >= n || !ascii_digit(p[at - 1]) || !ascii_digit(p[at + 1])) return false;
  auto outside = [&](std::int32_t k) { return k < 0 || k >= n || p[k] == ' ' || p[k] >= 0x80; };
  auto bound = [&](std::int32_t k) {
    return k < 0 || k >= n || p[k] >= 0x80 || (p[k] == ' ' && outside(k + (k < at ? -1 : 1)));
  };
  // The run's first digit and last digit.
  std::int32_t first = at - 1, last = at + 1;
  while (first >= 2 && p[first - 1] == ' ' && ascii_digit(p[first - 2])) first -= 2;
  while (last + 2 < n && p[last + 1] == ' ' && ascii_digit(p[last + 2])) last += 2;
  if (!outside(first - 1) || !outside(last + 1)) return false;  // a digit's neighbour is a letter or digit
  // Every digit of the run single: no digit right before or after one.
  for (std::int32_t k = first; k <= last; k += 2)
    if ((k > 0 && ascii_digit(p[k - 1])) || (k + 1 < n && ascii_digit(p[k + 1]))) return false;
  if (!bound(first - 1) || !bound(last + 1)) return false;
  // Two digits only between two wide characters (场地1 0块).
  return (last - first) / 2 + 1 >= 3 || (first >= 1 && last + 1 < n && p[first - 1] >= 0x80 && p[last + 1] >= 0x80);
}

/// Writes one trimmed line to w with rule 2 applied to its inner whitespace
/// runs (a line is trimmed, so every run has a character on both sides);
/// returns the end. Clears `nfc_trivial` when a character might change
/// under NFC.
char* put_repaired(char* w, std::string_view line, bool& nfc_trivial) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(line.data());
  const auto n = static_cast<std::int32_t>(line.size());
  std::int32_t copied = 0;  // line[copied, i) is still to be written
  UChar32 before = -1;      // the last character before a whitespace run
  std::int32_t i = 0;
  while (i < n) {
    i = next_stop(p, i, n);
    if (i >= n) break;
    const std::int32_t at = i;
    // The sprayed space of justified CJK text: one ASCII space with an
    // ideograph before or after it goes, without decoding either side
    // (a trimmed line has a character on both sides of it).
    if (p[at] == ' ') {
      const std::uint8_t next = p[at + 1];
      const bool one_space = (next > ' ' && next < 0x80) || (next >= 0xE4 && next <= 0xE9);
      if (one_space && ((at >= 3 && wide_ideograph_bytes(p[at - 3], p[at - 2])) ||
                        (at + 3 < n && wide_ideograph_bytes(next, p[at + 2])))) {
        w = put(w, line.data() + copied, static_cast<std::size_t>(at - copied));
        copied = i = at + 1;
        continue;
      }
    }
    if (p[at] == ' ' && sprayed_digit_space(p, at, n)) {
      w = put(w, line.data() + copied, static_cast<std::size_t>(at - copied));
      copied = i = at + 1;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !is_space(c)) {
      if (c >= 0x80 && !nfc_stable(c) && !nfc_inert(c)) nfc_trivial = false;
      continue;
    }
    // A whitespace run [at, i): what is written before it ends at `at`.
    w = put(w, line.data() + copied, static_cast<std::size_t>(at - copied));
    before = last_cp(line.substr(0, static_cast<std::size_t>(at)));
    while (i < n) {
      std::int32_t j = i;
      U8_NEXT(p, j, n, c);
      if (c < 0 || !is_space(c)) break;
      i = j;
    }
    copied = i;
    const UChar32 after = first_cp(line.substr(static_cast<std::size_t>(i)));
    if (before < 0 || after < 0) continue;  // cannot happen on a trimmed line
    if (!is_wide(static_cast<char32_t>(before)) && !is_wide(static_cast<char32_t>(after))) *w++ = ' ';
  }
  return put(w, line.data() + copied, static_cast<std::size_t>(n - copied));
}

std::string to_nfc(std::string text) {
  const icu::Normalizer2* nfc = nfc_normalizer();
  if (nfc == nullptr) return text;
  UErrorCode status = U_ZERO_ERROR;
  if (nfc->isNormalizedUTF8(text, status) || U_FAILURE(status)) return text;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  nfc->normalizeUTF8(0, text, sink, nullptr, status);
  return U_SUCCESS(status) ? out : text;
}

}  // namespace

bool is_wide(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  // Asked at every sprayed space, on both sides: the answers for ASCII and
  // the unified ideographs are fixed (Coverage/TextRepair tests compare this
  // with the ICU rule on every code point), the rest asks ICU.
  if (cp < 0x80) return false;
  if (cp >= 0x4E00 && cp <= 0x9FFF) return true;
  if (u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC)) return true;
  const auto width = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

// One pass, one allocation: lines are trimmed and appended with their inner
// whitespace repaired; the join (rule 1) looks at the bytes on either side,
// since an ASCII letter or digit is one byte.
std::string repair_text(const std::vector<std::string_view>& lines) {
  // Sized for the trimmed lines and a space at each join, written through a
  // pointer, cut to what was written (a cell's text lives in the records for
  // the whole document: capacity reserved for indentation would stay too).
  std::size_t total = 0;
  for (auto l : lines) total += trim(l).size();
  std::string out(total + lines.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  bool nfc_trivial = true;
  for (auto raw : lines) {
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    if (w != begin && is_ascii_alnum(static_cast<unsigned char>(w[-1])) &&
        is_ascii_alnum(static_cast<unsigned char>(line.front())) &&
        !(is_ascii_digit(static_cast<unsigned char>(w[-1])) &&
          is_ascii_digit(static_cast<unsigned char>(line.front())) && !starts_a_numbered_item(line)))
      *w++ = ' ';
    w = put_repaired(w, line, nfc_trivial);
  }
  out.resize(static_cast<std::size_t>(w - begin));
  if (!nfc_trivial) return to_nfc(std::move(out));
  return out;  // moved, not copied (a ?: here would copy it)
}

std::string drop_trailing_full_stop(std::string text) {
  constexpr std::string_view stop = "。";
  if (ends_with(text, stop)) text.resize(text.size() - stop.size());
  return text;
}

}  // namespace qingdan::detail
