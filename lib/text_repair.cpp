// Stage 6: text repair — where CJK spaces are removed and wrapped lines joined.
//
// PDF table cells come out wrapped every few characters, and justified
// alignment sprays spaces between CJK characters ("州 卫 生 健 康 委 牵").
// Rules, in order:
//  1. each line is trimmed; wrapped lines join with nothing between them,
//     except one space where both sides of the break are ASCII letters/digits
//     (so "HIV" + "AIDS" stays two words, "建设" + "力度" becomes one);
//  2. a whitespace run (space, tab, U+3000, NBSP …) touching a "wide"
//     character — CJK ideograph, CJK/full-width punctuation, full-width form —
//     is removed; any other run becomes one ASCII space;
//  3. the result is NFC. Nothing else changes: 95％ and quotes stay as printed.
// Characters are classified only at whitespace and line breaks, never on
// every character: the copy between gaps is a plain append.
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

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
  std::int32_t i = static_cast<std::int32_t>(s.size());
  UChar32 c;
  U8_PREV(reinterpret_cast<const std::uint8_t*>(s.data()), 0, i, c);
  return c;
}

/// Rule 2 over an already joined string.
std::string repair_spacing(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  UChar32 before = -1;  // last non-space character written
  std::int32_t i = 0;
  while (i < n) {
    // Copy a run of non-space characters. ASCII other than space/tab/CR/LF/VT/FF
    // is never whitespace, so it is copied without decoding.
    std::int32_t run = i;
    while (run < n) {
      const std::uint8_t b = p[run];
      if (b < 0x80) {
        if (is_space(b)) break;
        ++run;
        continue;
      }
      // Lead bytes E4..EE start U+4000..U+EFFF (CJK): never whitespace.
      if (b >= 0xE4 && b <= 0xEE) {
        run += 3;
        continue;
      }
      std::int32_t j = run;
      UChar32 c;
      U8_NEXT(p, j, n, c);
      if (is_space(c)) break;
      run = j;  // invalid bytes cannot occur: decode validated the text
    }
    if (run > i) {
      out.append(s.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(run - i)));
      before = last_cp(s.substr(static_cast<std::size_t>(i), static_cast<std::size_t>(run - i)));
      i = run;
    }
    if (i >= n) break;
    // A whitespace run.
    while (i < n) {
      std::int32_t j = i;
      UChar32 c;
      U8_NEXT(p, j, n, c);
      if (c < 0 || !is_space(c)) break;
      i = j;
    }
    const UChar32 after = first_cp(s.substr(static_cast<std::size_t>(i)));
    if (before < 0 || after < 0) continue;  // leading / trailing
    if (is_wide(static_cast<char32_t>(before)) || is_wide(static_cast<char32_t>(after))) continue;
    out.push_back(' ');
  }
  return out;
}

/// True when every character is one NFC leaves alone whatever surrounds it
/// (NFC_Quick_Check=Yes and combining class 0): ASCII, U+4000..U+9FFF (CJK
/// unified ideographs and the end of extension A), CJK punctuation 、。… 〩, general punctuation ‐ … ‧ (quotes,
/// dashes), full-width forms. Table text is almost all of these, so the
/// normaliser only runs on the rare cell that needs it.
bool trivially_nfc(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    if (p[i] >= 0xE4 && p[i] <= 0xE9) {  // U+4000..U+9FFF
      i += 3;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const bool stable = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x3029) || (c >= 0x2010 && c <= 0x2027) ||
                        (c >= 0xFF01 && c <= 0xFF5E);
    if (!stable) return false;
  }
  return true;
}

std::string to_nfc(std::string text) {
  if (trivially_nfc(text)) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
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
  if (u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC)) return true;
  const auto width = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

std::string repair_text(const std::vector<std::string_view>& lines) {
  std::string joined;
  std::size_t total = 0;
  for (auto l : lines) total += l.size();
  joined.reserve(total + lines.size());
  for (auto raw : lines) {
    const std::string_view line = trim(raw);
    if (line.empty()) continue;
    if (!joined.empty() && is_ascii_alnum(last_cp(joined)) && is_ascii_alnum(first_cp(line))) joined.push_back(' ');
    joined.append(line);
  }
  return to_nfc(repair_spacing(joined));
}

std::string drop_trailing_full_stop(std::string text) {
  constexpr std::string_view stop = "。";
  if (ends_with(text, stop)) text.resize(text.size() - stop.size());
  return text;
}

}  // namespace qingdan::detail
