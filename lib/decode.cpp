// Stage 1: bytes -> validated UTF-8.
//
// Accepted encodings, reported by these names in Decoded::encoding:
//   UTF-8     with or without a BOM
//   UTF-16LE, UTF-16BE   with a BOM (or forced)
//   GB18030   also read for GBK / GB2312 / cp936 input (GB18030 is a superset)
//   Big5      ICU's Big5 (windows-950-2000)
//   Big5-HKSCS           only when forced
// Anything that does not decode cleanly is refused with the position of the
// first bad byte, because a silently replaced character is lost data.
//
// Detection (no forced encoding), cheapest first:
//  1. A BOM decides: UTF-16LE/BE, UTF-8, or GB18030's 84 31 95 33.
//  2. Bytes that are valid UTF-8 are UTF-8. This is the fast path; nothing
//     below runs for valid UTF-8.
//  3. Bytes that are "UTF-8 with a few errors" stay UTF-8 and get the UTF-8
//     error, so that a corrupted UTF-8 file is not turned into mojibake: valid
//     multi-byte UTF-8 sequences outnumber invalid ones more than three to one
//     (scanning on after each error). GB18030 and Big5 text stay far below:
//     on the corpus converted to both, at most 1.0 on any single line, 0.42
//     on any five lines, 0.25 on the whole document. (ICU's ucsdet uses ten to
//     one; three also catches short files with one broken character.)
//  4. Otherwise GB18030 and Big5 are tried with strict (STOP-callback) ICU
//     conversion; a decoding that produces C1 control characters
//     (U+0080..U+009F: Big5 maps a lone 0x80 to one) does not count as clean.
//     Text of ASCII and two-byte characters is decoded instead by a table of
//     ICU's own two-byte mappings read at build time (same ICU version only;
//     lib/gen/gen_legacy_pairs.cpp): the same result without a converter,
//     and the tiers of step 5 counted in the same pass. Anything else in the
//     text (four-byte GB18030, a bad byte) and ICU decodes all of it.
//  5. One clean decoding: that one. Both clean — which is the usual case, since
//     the two share their byte structure (lead 81..FE, trail 40..7E/A1..FE) and
//     ICU maps their user-defined areas to the Private Use Area — : the one
//     whose characters fall more often into the encoding's own *common* tier,
//     by the standards' own frequency tiers:
//       GB18030: GB2312 punctuation/digit/full-width rows A1..A3 and the 6763
//                GB2312 hanzi, rows B0..F7 (trail A1..FE);
//       Big5:    symbols A140..A3BF and the 5401 常用字 of level 1,
//                A440..C67E.
//     Text in the other encoding lands largely outside these tiers (Big5
//     trails 40..7E are GBK extension characters in GB18030; GB2312 rows
//     C7..F7 are outside Big5 level 1). A tie (only very short texts, e.g.
//     4 characters) goes to GB18030. Measured on the corpus cut into windows
//     of 1, 2, 5, 20 lines and whole, encoded as GB18030 and (converted to
//     Traditional) as Big5: GB18030 always right; Big5 right on 909 of 913
//     single lines (the 4 misses are ties of at most 4 characters) and on all
//     windows of 2 lines or more. ICU's ucsdet, ranking the same two, gets
//     Big5 right on 60% of single lines and 87% of 2-line windows, so it is
//     not used.
//  6. No clean decoding: the UTF-8 error is reported (the first invalid UTF-8
//     byte, its line and byte offset), since UTF-8 is the most likely intended
//     encoding; the message says that GB18030 and Big5 were tried too.
//
// Offsets in errors are byte offsets into the original input, BOM included.
#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif
#include <cstring>

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <string>

#include "cpu.hpp"
#include "icu_version.hpp"
#include "stages.hpp"

// ICU's two-byte GB18030 and Big5 mappings, read at build time
// (lib/gen/gen_legacy_pairs.cpp). The fuzz build compiles without them.
#if __has_include("legacy_pairs.inc")
#include "legacy_pairs.inc"
#define QINGDAN_HAVE_LEGACY_PAIRS 1
#endif

namespace qingdan::detail {

namespace {

enum class Encoding { utf8, utf16le, utf16be, gb18030, big5, big5_hkscs };

struct EncodingInfo {
  const char* name;       // reported in Decoded::encoding
  const char* converter;  // ICU converter name
};

EncodingInfo info(Encoding e) {
  switch (e) {
    case Encoding::utf8: return {"UTF-8", "UTF-8"};
    case Encoding::utf16le: return {"UTF-16LE", "UTF-16LE"};
    case Encoding::utf16be: return {"UTF-16BE", "UTF-16BE"};
    case Encoding::gb18030: return {"GB18030", "GB18030"};
    case Encoding::big5: return {"Big5", "windows-950-2000"};
    case Encoding::big5_hkscs: return {"Big5-HKSCS", "ibm-1375_P100-2008"};
  }
  return {"UTF-8", "UTF-8"};
}

/// Case-insensitive, ignoring '-', '_' and spaces: "gbk", "GB-2312", "utf8".
std::optional<Encoding> encoding_from_name(std::string_view name) {
  std::string key;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ') key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (key == "utf8") return Encoding::utf8;
  if (key == "utf16le") return Encoding::utf16le;
  if (key == "utf16be") return Encoding::utf16be;
  if (key == "gb18030" || key == "gbk" || key == "gb2312" || key == "cp936" || key == "windows936" || key == "euccn")
    return Encoding::gb18030;
  if (key == "big5" || key == "cp950" || key == "windows950") return Encoding::big5;
  if (key == "big5hkscs" || key == "hkscs") return Encoding::big5_hkscs;
  return std::nullopt;
}

std::uint32_t line_of_offset(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<std::uint32_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

std::string hex_byte(unsigned char c) {
  static const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

using ConverterPtr = std::unique_ptr<UConverter, decltype(&ucnv_close)>;

enum class Conversion { ok, bad_input, no_converter };

/// Strict conversion to UTF-16. On a bad or truncated sequence: bad_input, with
/// `bad` the offset in `bytes` where that sequence starts and `units` what was
/// decoded before it. A converter that cannot be opened also fills `error`.
Conversion to_utf16(std::string_view bytes, const char* converter, std::u16string& units, std::size_t& bad,
                    ParseError& error) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr conv(ucnv_open(converter, &status), &ucnv_close);
  if (U_FAILURE(status)) {
    error = {std::string("cannot open converter for ") + converter, 0, 0};
    bad = 0;
    return Conversion::no_converter;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  units.assign(bytes.size() + 1, u'\0');  // no supported encoding yields more units than bytes
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(units.data());
  ucnv_toUnicode(conv.get(), &dst, dst + units.size(), &src, bytes.data() + bytes.size(), nullptr, true, &status);
  units.resize(static_cast<std::size_t>(dst - reinterpret_cast<UChar*>(units.data())));
  if (U_FAILURE(status)) {
    // The converter stops after consuming the bad sequence; step back over it.
    char invalid[32];
    std::int8_t invalid_length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(conv.get(), invalid, &invalid_length, &ignored);
    const auto consumed = static_cast<std::size_t>(src - bytes.data());
    bad = consumed - std::min<std::size_t>(consumed, U_SUCCESS(ignored) ? static_cast<std::size_t>(invalid_length) : 1);
    return Conversion::bad_input;
  }
  return Conversion::ok;
}

/// One BMP character other than a surrogate, written as UTF-8 at base[w]
/// (advancing w), noted as decode notes what it decodes: the characters XML
/// cannot carry (C0 controls but tab..CR, U+FFFE, U+FFFF) in `out`, C1
/// controls (U+0080..U+009F) counted in `c1`.
inline void put_bmp(std::uint32_t u, std::uint8_t* base, std::size_t& w, Decoded& out, std::size_t& c1) {
  if (u >= 0x800) {  // three bytes: CJK text, most of what is decoded here
    if (u >= 0xFFFE) out.note_unusual(w);
    base[w] = static_cast<std::uint8_t>(0xE0 | (u >> 12));
    base[w + 1] = static_cast<std::uint8_t>(0x80 | ((u >> 6) & 0x3F));
    base[w + 2] = static_cast<std::uint8_t>(0x80 | (u & 0x3F));
    w += 3;
  } else if (u < 0x80) {  // ASCII: line breaks, digits and spaces
    if (u < 0x20 && (u < '\t' || u > '\r')) out.note_unusual(w);
    base[w++] = static_cast<std::uint8_t>(u);
  } else {
    if (u <= 0x9F) ++c1;
    base[w] = static_cast<std::uint8_t>(0xC0 | (u >> 6));
    base[w + 1] = static_cast<std::uint8_t>(0x80 | (u & 0x3F));
    w += 2;
  }
}

/// Appends UTF-16 (without lone surrogates, as after a strict conversion) to
/// out.storage as UTF-8, noting the characters XML cannot carry. Returns the
/// number of C1 controls (U+0080..U+009F) seen.
std::size_t append_utf8(const std::u16string& units, Decoded& out) {
  std::size_t c1 = 0;
  // Written through a pointer into room for the longest result, then cut to
  // size: a unit takes at most three bytes (a surrogate pair's four are two
  // each). One pass; appending 1-3 bytes at a time made this half of a
  // GB18030 document's decoding, counting the bytes first a quarter.
  const std::size_t start = out.storage.size();
  out.storage.resize(start + 3 * units.size());
  auto* const base = reinterpret_cast<std::uint8_t*>(out.storage.data());
  const char16_t* const u16 = units.data();
  const std::size_t n = units.size();
  std::size_t w = start;  // U8_APPEND_UNSAFE takes any index type
  for (std::size_t i = 0; i < n;) {
    const char16_t u = u16[i];
    if (u < 0xD800 || u > 0xDFFF) {
      put_bmp(u, base, w, out, c1);
      ++i;
    } else {
      UChar32 c;
      U16_NEXT(u16, i, n, c);
      U8_APPEND_UNSAFE(base, w, c);
    }
  }
  out.storage.resize(w);
  return c1;
}

bool decode_utf16(std::string_view bytes, std::size_t bom_bytes, const char* charset, Decoded& out, ParseError& error) {
  std::u16string units;
  std::size_t bad = 0;
  if (const Conversion c = to_utf16(bytes, charset, units, bad, error); c != Conversion::ok) {
    if (c == Conversion::no_converter) return false;
    // The line is counted in the units decoded before the bad one.
    const auto line = 1 + static_cast<std::uint32_t>(std::count(units.begin(), units.end(), u'\n'));
    error.offset = bad + bom_bytes;
    error.line = line;
    error.message = std::string("invalid ") + charset + " (lone surrogate or truncated unit) at line " +
                    std::to_string(line) + ", byte offset " + std::to_string(error.offset);
    return false;
  }
  out.storage.clear();
  append_utf8(units, out);
  return true;
}

/// Characters of a clean decoding that are in the encoding's common tier,
/// and all its multi-byte characters (see the comment at the top).
struct TierCount {
  std::uint64_t common = 0;
  std::uint64_t multibyte = 0;
};

/// The common tiers, by a two-byte character's bytes: GB2312's punctuation,
/// digit and full-width rows A1..A3 and its hanzi rows B0..F7 (trail A1..FE);
/// Big5's symbols A140..A3BF and level-1 characters A440..C67E.
// Written with & and | on unsigned differences: no branches in the loops
// that count them for every character.
bool gb18030_common(std::uint8_t lead, std::uint8_t trail) {
  return (static_cast<unsigned>(trail - 0xA1) <= 0xFE - 0xA1) &
         ((static_cast<unsigned>(lead - 0xA1) <= 0xA3 - 0xA1) | (static_cast<unsigned>(lead - 0xB0) <= 0xF7 - 0xB0));
}
bool big5_common(std::uint8_t lead, std::uint8_t trail) {
  const unsigned code = static_cast<unsigned>(lead) << 8 | trail;
  const bool valid_trail =
      (static_cast<unsigned>(trail - 0x40) <= 0x7E - 0x40) | (static_cast<unsigned>(trail - 0xA1) <= 0xFE - 0xA1);
  return valid_trail & ((code - 0xA140 <= 0xA3BF - 0xA140) | (code - 0xA440 <= 0xC67E - 0xA440));
}

TierCount gb18030_tiers(std::string_view bytes) {
  TierCount t;
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  for (std::size_t i = 0, n = bytes.size(); i < n;) {
    if (s[i] < 0x80 || i + 1 >= n) {
      ++i;
      continue;
    }
    const std::uint8_t lead = s[i], trail = s[i + 1];
    ++t.multibyte;
    if (trail >= 0x30 && trail <= 0x39) {  // four-byte sequence: never common
      i += 4;
      continue;
    }
    t.common += gb18030_common(lead, trail);
    i += 2;
  }
  return t;
}

TierCount big5_tiers(std::string_view bytes) {
  TierCount t;
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  for (std::size_t i = 0, n = bytes.size(); i < n;) {
    if (s[i] < 0x81 || s[i] == 0xFF || i + 1 >= n) {  // 0x80 and 0xFF are single bytes in windows-950
      if (s[i] >= 0x80) ++t.multibyte;
      ++i;
      continue;
    }
    ++t.multibyte;
    t.common += big5_common(s[i], s[i + 1]);
    i += 2;
  }
  return t;
}

/// The build's table of ICU's two-byte mappings for `encoding` (index
/// (lead - 0x81) * 191 + trail - 0x40; 0: not one BMP character), when this
/// process runs the ICU it was read from; null otherwise.
const std::uint16_t* pair_table(Encoding encoding) {
#ifdef QINGDAN_HAVE_LEGACY_PAIRS
  static const bool same_icu = icu_version() == kLegacyPairsIcuVersion;
  if (same_icu && encoding == Encoding::gb18030 && kGb18030PairsPresent) return kGb18030Pairs;
  if (same_icu && encoding == Encoding::big5 && kBig5PairsPresent) return kBig5Pairs;
#endif
  (void)encoding;
  return nullptr;
}

/// GB18030 or Big5 made of ASCII and two-byte characters the table holds,
/// decoded without ICU into out.storage, as append_utf8 writes ICU's result
/// (the same unusual characters noted, C1 controls counted). False, with
/// `out` as it was, at anything else — a four-byte GB18030 sequence, a pair
/// ICU refuses or maps elsewhere, a lone byte above 0x7F, a cut pair — and
/// ICU then decodes the document (and reports what is wrong with it).
///
/// With `gb`, `big5`: also counts both encodings' common tiers, as
/// gb18030_tiers and big5_tiers would (text of ASCII and pairs alone is paired
/// the same way by both), so that detection needs no passes of its own.
bool decode_by_pairs(std::string_view bytes, const std::uint16_t* pairs, Decoded& out, std::size_t& c1,
                     TierCount* gb = nullptr, TierCount* big5 = nullptr) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const std::size_t n = bytes.size();
  const std::uint64_t unusual_count = out.unusual_count;
  const std::size_t unusual = out.unusual.size();
  out.storage.resize(n + n / 2 + 1);  // a pair's two bytes become at most three
  auto* const base = reinterpret_cast<std::uint8_t*>(out.storage.data());
  std::size_t w = 0;
  std::uint64_t pair_count = 0, gb_common = 0, big5_common_count = 0;
  c1 = 0;
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t b = s[i];
    if (b < 0x80) {
      put_bmp(b, base, w, out, c1);
      ++i;
      continue;
    }
    // A lead 81..FE and a trail 40..FE (one unsigned comparison each).
    if (static_cast<unsigned>(b - 0x81) > 0xFE - 0x81 || i + 1 == n) break;
    const std::uint8_t t = s[i + 1];
    if (static_cast<unsigned>(t - 0x40) > 0xFE - 0x40) break;
    const std::uint32_t u = pairs[static_cast<std::size_t>(b - 0x81) * 191 + (t - 0x40)];
    if (u == 0) break;  // not in the table
    put_bmp(u, base, w, out, c1);
    if (gb) {
      ++pair_count;
      gb_common += gb18030_common(b, t);
      big5_common_count += big5_common(b, t);
    }
    i += 2;
  }
  if (i < n) {  // stopped at something the table does not hold: ICU decides
    out.storage.clear();
    out.unusual_count = unusual_count;
    out.unusual.resize(unusual);
    return false;
  }
  out.storage.resize(w);
  if (gb) {
    *gb = {gb_common, pair_count};
    *big5 = {big5_common_count, pair_count};
  }
  return true;
}

/// "invalid Big5 byte 0xFF at line 6, byte offset 98": `error` for the byte
/// at `at` of `bytes`, which are in the legacy encoding `name`.
void bad_legacy_byte(std::string_view bytes, std::size_t at, const char* name, ParseError& error) {
  error.line = line_of_offset(bytes, at);
  error.offset = at;
  error.message = std::string("invalid ") + name + " byte " + hex_byte(static_cast<unsigned char>(bytes[at])) +
                  " at line " + std::to_string(error.line) + ", byte offset " + std::to_string(error.offset);
}

/// GB18030 / Big5 / Big5-HKSCS, strictly. Line numbers count 0x0A bytes: in
/// these encodings 0x0A never occurs inside a multi-byte character.
bool decode_legacy(std::string_view bytes, Encoding encoding, Decoded& out, ParseError& error,
                   std::size_t* c1_controls = nullptr) {
  const EncodingInfo e = info(encoding);
  out.encoding = e.name;
  std::size_t skip = 0;
  if (encoding == Encoding::gb18030 && bytes.substr(0, 4) == std::string_view("\x84\x31\x95\x33", 4)) skip = 4;
  out.bom_bytes = skip;
  out.storage.clear();
  if (encoding == Encoding::big5) {
    // ICU's windows-950 maps 0x80 and 0xFF, never a lead or a trail byte of
    // Big5, to U+0080 and U+F8F8 (a private-use character): a stray byte read
    // as a character, silently (probe I: a title ending in U+F8F8, or a
    // domain gone). Refused here, as Python's big5 and cp950 refuse them.
    const void* at80 = std::memchr(bytes.data(), 0x80, bytes.size());
    const void* atFF = std::memchr(bytes.data(), 0xFF, bytes.size());
    if (at80 != nullptr || atFF != nullptr) {
      const char* first = static_cast<const char*>(at80 == nullptr   ? atFF
                                                   : atFF == nullptr ? at80
                                                                     : std::min(at80, atFF));
      bad_legacy_byte(bytes, static_cast<std::size_t>(first - bytes.data()), e.name, error);
      return false;
    }
  }
  if (const std::uint16_t* pairs = pair_table(encoding)) {
    std::size_t c1 = 0;
    if (decode_by_pairs(bytes.substr(skip), pairs, out, c1)) {
      out.without_icu = true;
      if (c1_controls) *c1_controls = c1;
      return true;
    }
  }
  std::u16string units;
  std::size_t bad = 0;
  if (const Conversion c = to_utf16(bytes.substr(skip), e.converter, units, bad, error); c != Conversion::ok) {
    if (c == Conversion::no_converter) return false;
    bad_legacy_byte(bytes, bad + skip, e.name, error);
    return false;
  }
  out.storage.clear();
  const std::size_t c1 = append_utf8(units, out);
  if (c1_controls) *c1_controls = c1;
  return true;
}

#if defined(__x86_64__) || defined(__i386__)
// The tables of the block validators below, shared by the 16- and 32-byte scans.
namespace utf8_tables {
constexpr std::uint8_t kTooShort = 1 << 0, kTooLong = 1 << 1, kOverlong3 = 1 << 2, kTooLarge = 1 << 3,
                       kSurrogate = 1 << 4, kOverlong2 = 1 << 5, kTooLarge1000 = 1 << 6, kOverlong4 = 1 << 6,
                       kTwoConts = 1 << 7;
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;
constexpr std::uint8_t kBig = kCarry | kTooLarge | kTooLarge1000;
/// Error classes by the previous byte's high nibble, its low nibble, and
/// this byte's high nibble.
alignas(16) constexpr std::uint8_t kByte1High[16] = {kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTooLong,
                                                     kTwoConts,
                                                     kTwoConts,
                                                     kTwoConts,
                                                     kTwoConts,
                                                     kTooShort | kOverlong2,
                                                     kTooShort,
                                                     kTooShort | kOverlong3 | kSurrogate,
                                                     kTooShort | kTooLarge | kTooLarge1000 | kOverlong4};
alignas(16) constexpr std::uint8_t kByte1Low[16] = {kCarry | kOverlong3 | kOverlong2 | kOverlong4,
                                                    kCarry | kOverlong2,
                                                    kCarry,
                                                    kCarry,
                                                    kCarry | kTooLarge,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig,
                                                    kBig | kSurrogate,
                                                    kBig,
                                                    kBig};
alignas(16) constexpr std::uint8_t kByte2High[16] = {
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,
    kTooShort,
    kTooShort,
    kTooShort,
    kTooShort};
/// Bytes that leave a character unfinished at the end of a block: above
/// these in the last three places (the rest can take anything).
alignas(32) constexpr std::uint8_t kIncompleteAbove[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,     0xFF,     0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
}  // namespace utf8_tables

/// The whole of `s` is valid UTF-8 with nothing decode has to note (C0
/// controls other than tab..CR, U+FFFE, U+FFFF): the usual input, decided 16
/// bytes at a time with the lookup-table method of Keiser and Lemire
/// ("Validating UTF-8 in less than one instruction per byte", 2021, as in
/// simdjson). Each byte's high nibble, its predecessor's high and low nibbles
/// index three 16-entry tables of error classes; a byte is wrong when the
/// three agree on a class, and continuation bytes are counted against the
/// lead two and three bytes back. False tells nothing about where: the
/// character loop below then finds the first problem and every unusual
/// character. Needs SSSE3 (pshufb), checked at run time.
/// State of clean_utf8_ssse3 across 16-byte blocks.
struct Utf8Scan {
  __m128i byte1_high, byte1_low, byte2_high, incomplete_above;
  __m128i error = _mm_setzero_si128(), unusual = _mm_setzero_si128();
  __m128i prev = _mm_setzero_si128(), prev_incomplete = _mm_setzero_si128();
  __attribute__((target("ssse3"))) void step(__m128i in) {
    auto c8 = [](std::uint8_t b) { return static_cast<char>(b); };
    const __m128i nibble = _mm_set1_epi8(0x0F);
    const __m128i prev1 = _mm_alignr_epi8(in, prev, 15), prev2 = _mm_alignr_epi8(in, prev, 14),
                  prev3 = _mm_alignr_epi8(in, prev, 13);
    const __m128i special =
        _mm_and_si128(_mm_and_si128(_mm_shuffle_epi8(byte1_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
                                    _mm_shuffle_epi8(byte1_low, _mm_and_si128(prev1, nibble))),
                      _mm_shuffle_epi8(byte2_high, _mm_and_si128(_mm_srli_epi16(in, 4), nibble)));
    // A continuation byte is required two bytes after a 3- or 4-byte lead
    // and three bytes after a 4-byte lead (bit 7 of must23); `special` has
    // bit 7 (two continuations in a row) exactly there when the text is right.
    const __m128i must23 = _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(c8(0xE0 - 0x80))),
                                        _mm_subs_epu8(prev3, _mm_set1_epi8(c8(0xF0 - 0x80))));
    error = _mm_or_si128(error, _mm_xor_si128(_mm_and_si128(must23, _mm_set1_epi8(c8(0x80))), special));
    // Unusual: C0 controls but tab..CR (09..0D); EF BF BE / EF BF BF.
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(in, _mm_set1_epi8(0x1F)), in);
    const __m128i from_tab = _mm_subs_epu8(in, _mm_set1_epi8(9));  // 0 below tab
    const __m128i tab_to_cr = _mm_and_si128(_mm_cmpeq_epi8(_mm_min_epu8(from_tab, _mm_set1_epi8(4)), from_tab),
                                            _mm_cmpgt_epi8(in, _mm_set1_epi8(8)));
    const __m128i nonchar = _mm_and_si128(
        _mm_and_si128(_mm_cmpeq_epi8(prev2, _mm_set1_epi8(c8(0xEF))), _mm_cmpeq_epi8(prev1, _mm_set1_epi8(c8(0xBF)))),
        _mm_cmpeq_epi8(_mm_or_si128(in, _mm_set1_epi8(1)), _mm_set1_epi8(c8(0xBF))));
    unusual = _mm_or_si128(unusual, _mm_or_si128(_mm_andnot_si128(tab_to_cr, control), nonchar));
    prev_incomplete = _mm_subs_epu8(in, incomplete_above);
    prev = in;
  }
  __attribute__((target("ssse3"))) bool clean() const {
    const __m128i all = _mm_or_si128(_mm_or_si128(error, prev_incomplete), unusual);
    return _mm_movemask_epi8(_mm_cmpeq_epi8(all, _mm_setzero_si128())) == 0xFFFF;
  }
};

__attribute__((target("ssse3"))) bool clean_utf8_ssse3(const std::uint8_t* s, std::size_t n) {
  using namespace utf8_tables;
  auto table = [](const std::uint8_t* t) { return _mm_load_si128(reinterpret_cast<const __m128i*>(t)); };
  Utf8Scan scan{table(kByte1High), table(kByte1Low), table(kByte2High), table(kIncompleteAbove + 16)};
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) scan.step(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i)));
  // The rest, padded with spaces (plain ASCII), which also checks that the
  // text does not end inside a character.
  alignas(16) std::uint8_t tail[16];
  std::memset(tail, ' ', sizeof tail);
  std::memcpy(tail, s + i, n - i);
  scan.step(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)));
  return scan.clean();
}

/// clean_utf8_ssse3, 32 bytes a step where the CPU has AVX2. The tables are
/// the same in both 16-byte lanes (pshufb looks up within a lane); the bytes
/// one to three places back come across the lane boundary from the previous
/// block. (Written out: lambdas would not inherit the target attribute.)
__attribute__((target("avx2"))) bool clean_utf8_avx2(const std::uint8_t* s, std::size_t n) {
  using namespace utf8_tables;
  const __m256i byte1_high = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1High)));
  const __m256i byte1_low = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte1Low)));
  const __m256i byte2_high = _mm256_broadcastsi128_si256(_mm_load_si128(reinterpret_cast<const __m128i*>(kByte2High)));
  const __m256i incomplete_above = _mm256_load_si256(reinterpret_cast<const __m256i*>(kIncompleteAbove));
  const __m256i nibble = _mm256_set1_epi8(0x0F), zero = _mm256_setzero_si256();
  __m256i error = zero, unusual = zero, prev = zero, prev_incomplete = zero;
  alignas(32) std::uint8_t tail[32];
  std::size_t i = 0;
  for (bool last = false; !last;) {
    __m256i in;
    if (i + 32 <= n) {
      in = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s + i));
      i += 32;
    } else {  // the rest, padded with spaces, as in the 16-byte scan
      std::memset(tail, ' ', sizeof tail);
      std::memcpy(tail, s + i, n - i);
      in = _mm256_load_si256(reinterpret_cast<const __m256i*>(tail));
      last = true;
    }
    const __m256i across = _mm256_permute2x128_si256(prev, in, 0x21);  // prev's high lane, in's low lane
    const __m256i prev1 = _mm256_alignr_epi8(in, across, 15), prev2 = _mm256_alignr_epi8(in, across, 14),
                  prev3 = _mm256_alignr_epi8(in, across, 13);
    const __m256i special = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(byte1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), nibble)),
                         _mm256_shuffle_epi8(byte1_low, _mm256_and_si256(prev1, nibble))),
        _mm256_shuffle_epi8(byte2_high, _mm256_and_si256(_mm256_srli_epi16(in, 4), nibble)));
    const __m256i must23 = _mm256_or_si256(_mm256_subs_epu8(prev2, _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80))),
                                           _mm256_subs_epu8(prev3, _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80))));
    error = _mm256_or_si256(
        error, _mm256_xor_si256(_mm256_and_si256(must23, _mm256_set1_epi8(static_cast<char>(0x80))), special));
    const __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(in, _mm256_set1_epi8(0x1F)), in);
    const __m256i from_tab = _mm256_subs_epu8(in, _mm256_set1_epi8(9));
    const __m256i tab_to_cr =
        _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(from_tab, _mm256_set1_epi8(4)), from_tab),
                         _mm256_cmpgt_epi8(in, _mm256_set1_epi8(8)));
    const __m256i nonchar = _mm256_and_si256(
        _mm256_and_si256(_mm256_cmpeq_epi8(prev2, _mm256_set1_epi8(static_cast<char>(0xEF))),
                         _mm256_cmpeq_epi8(prev1, _mm256_set1_epi8(static_cast<char>(0xBF)))),
        _mm256_cmpeq_epi8(_mm256_or_si256(in, _mm256_set1_epi8(1)), _mm256_set1_epi8(static_cast<char>(0xBF))));
    unusual = _mm256_or_si256(unusual, _mm256_or_si256(_mm256_andnot_si256(tab_to_cr, control), nonchar));
    prev_incomplete = _mm256_subs_epu8(in, incomplete_above);
    prev = in;
  }
  const __m256i all = _mm256_or_si256(_mm256_or_si256(error, prev_incomplete), unusual);
  return _mm256_testz_si256(all, all) != 0;
}

bool clean_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  if (bytes.size() >= 64 && cpu::has_avx2()) return clean_utf8_avx2(s, bytes.size());
  return cpu::has_ssse3() && clean_utf8_ssse3(s, bytes.size());
}
#else
bool clean_utf8(std::string_view) {
  return false;
}
#endif

/// Validates UTF-8 and notes unusual characters; on failure fills `error`.
/// `bom_bytes` only shifts the reported offset.
bool validate_utf8(std::string_view bytes, std::size_t bom_bytes, Decoded& out, ParseError& error) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    error = {"input too large to validate", 0, 0};
    return false;
  }
  if (clean_utf8(bytes)) return true;  // the usual case; otherwise find what and where
  const auto n = static_cast<std::int32_t>(bytes.size());
  for (std::int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {  // ASCII fast path
      if (s[i] < 0x20 && (s[i] < '\t' || s[i] > '\r')) out.note_unusual(static_cast<std::uint64_t>(i));
      ++i;
      continue;
    }
    // Fast path for the 3-byte sequences of CJK text (lead E1..EC, EE, EF:
    // no overlong or surrogate forms possible), checked by hand.
    if (s[i] >= 0xE1 && s[i] != 0xED && s[i] <= 0xEF && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80) {
      if (s[i] == 0xEF && s[i + 1] == 0xBF && (s[i + 2] & 0xFE) == 0xBE)  // U+FFFE, U+FFFF
        out.note_unusual(static_cast<std::uint64_t>(i));
      i += 3;
      continue;
    }
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      const auto at = static_cast<std::size_t>(start);
      error.line = line_of_offset(bytes, at);
      error.offset = at + bom_bytes;
      error.message = "invalid UTF-8 byte " + hex_byte(s[start]) + " at line " + std::to_string(error.line) +
                      ", byte offset " + std::to_string(error.offset);
      return false;
    }
  }
  return true;
}

/// "UTF-8 with errors": valid multi-byte sequences outnumber invalid ones
/// more than three to one (see the top of this file).
bool mostly_utf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<std::int32_t>(bytes.size());
  std::uint64_t valid = 0, invalid = 0;
  for (std::int32_t i = 0; i < n;) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    ++(c < 0 ? invalid : valid);
    // Settled once the rest cannot tip it: a valid sequence takes two bytes or
    // more. GB18030 or Big5 text is told after about a quarter of its bytes.
    if (c < 0 && 3 * invalid >= valid + static_cast<std::uint64_t>(n - i) / 2) return false;
  }
  return valid > 3 * invalid;
}

/// a.common / a.multibyte > b.common / b.multibyte, without division.
bool better(const TierCount& a, const TierCount& b) {
  return a.common * b.multibyte > b.common * a.multibyte;
}

}  // namespace

bool reads_more_like_big5(std::string_view bytes) {
  return better(big5_tiers(bytes), gb18030_tiers(bytes));
}

bool utf8_is_clean(std::string_view bytes) {
  return clean_utf8(bytes);
}

bool utf8_is_clean_16(std::string_view bytes) {
#if defined(__x86_64__) || defined(__i386__)
  return cpu::has_ssse3() && clean_utf8_ssse3(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
#else
  return false;
#endif
}

namespace {
/// How much of an undeclared legacy document predicts which encoding to try
/// first (the decision itself is taken on the whole text).
constexpr std::size_t kDetectionPrefixBytes = 1024;

bool decode_into(std::string_view bytes, Decoded& out, ParseError& error, std::string_view forced) {
  auto starts_with = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  std::optional<Encoding> encoding;
  if (!forced.empty()) {
    encoding = encoding_from_name(forced);
    if (!encoding) {
      error = {"unknown input encoding \"" + std::string(forced) +
                   "\" (expected UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, GB2312, Big5 or Big5-HKSCS)",
               0, 0};
      return false;
    }
  } else if (starts_with("\xFF\xFE")) {
    encoding = Encoding::utf16le;
  } else if (starts_with("\xFE\xFF")) {
    encoding = Encoding::utf16be;
  } else if (starts_with(std::string_view("\x84\x31\x95\x33", 4))) {
    encoding = Encoding::gb18030;
  }

  if (encoding == Encoding::utf16le || encoding == Encoding::utf16be) {
    const bool le = encoding == Encoding::utf16le;
    out.encoding = info(*encoding).name;
    const bool bom = starts_with(le ? "\xFF\xFE" : "\xFE\xFF");
    out.bom_bytes = bom ? 2 : 0;
    return decode_utf16(bytes.substr(out.bom_bytes), out.bom_bytes, info(*encoding).converter, out, error);
  }
  if (encoding && encoding != Encoding::utf8) return decode_legacy(bytes, *encoding, out, error);

  // UTF-8, forced or presumed.
  const std::string_view all = bytes;
  out.encoding = "UTF-8";
  const bool bom = starts_with("\xEF\xBB\xBF");
  if (bom) {
    out.bom_bytes = 3;
    bytes.remove_prefix(3);
  }
  ParseError utf8_error;
  if (validate_utf8(bytes, out.bom_bytes, out, utf8_error)) {
    out.text = bytes;  // parsed in place: valid UTF-8 is not copied
    return true;
  }
  // A forced or declared (BOM) UTF-8, a failure that is not about the bytes,
  // or input that is mostly UTF-8: the UTF-8 error stands.
  if (encoding || bom || utf8_error.line == 0 || mostly_utf8(bytes)) {
    error = std::move(utf8_error);
    return false;
  }

  // The encoding whose frequency tiers fit better is decoded first, and the
  // other only if the first is not clean (one conversion instead of two).
  // GB18030 text of ASCII and two-byte characters (the usual document) is
  // decoded by the table while both tiers are counted: one pass, not three.
  // Text that reads like Big5 from its first kilobyte is decoded by the Big5
  // table first, counting the same tiers (a Big5 document was otherwise
  // decoded twice, as GB18030 to count them and then as Big5). Either result
  // is kept only where the steps below would keep it too: decoded cleanly,
  // and its encoding the one the tiers choose over the whole text.
  TierCount gb_tiers, big5_tiers_counted;
  bool counted = false;
  auto by_table = [&](Encoding encoding) {
    const std::uint16_t* pairs = pair_table(encoding);
    Decoded decoded;
    std::size_t c1 = 0;
    if (!pairs || !decode_by_pairs(all, pairs, decoded, c1, &gb_tiers, &big5_tiers_counted)) return false;
    counted = true;  // text of ASCII and pairs: both tables pair it alike
    if (c1 != 0 || better(big5_tiers_counted, gb_tiers) != (encoding == Encoding::big5)) return false;
    decoded.encoding = info(encoding).name;
    decoded.without_icu = true;
    out = std::move(decoded);
    return true;
  };
  if (reads_more_like_big5(all.substr(0, kDetectionPrefixBytes)) && by_table(Encoding::big5)) return true;
  if (by_table(Encoding::gb18030)) return true;
  const Encoding candidates[2] = {Encoding::gb18030, Encoding::big5};
  const bool big5_first = counted ? better(big5_tiers_counted, gb_tiers) : reads_more_like_big5(all);
  // The encoding that read furthest before a bad byte: a GB18030 file with
  // one corrupt byte was reported at its first Chinese character, as invalid
  // UTF-8 (probe I); the corrupt byte is what the user has to find.
  ParseError furthest;
  const char* furthest_name = nullptr;
  for (int k = 0; k < 2; ++k) {
    const Encoding candidate = candidates[big5_first ? 1 - k : k];
    Decoded decoded;
    ParseError candidate_error;
    std::size_t c1 = 0;
    if (decode_legacy(all, candidate, decoded, candidate_error, &c1)) {
      if (c1 == 0) {
        out = std::move(decoded);
        return true;
      }
    } else if (candidate_error.line != 0 && (!furthest_name || candidate_error.offset > furthest.offset)) {
      furthest = std::move(candidate_error);
      furthest_name = info(candidate).name;
    }
  }
  out = Decoded{};
  out.encoding = "UTF-8";
  if (furthest_name && furthest.offset > utf8_error.offset) {
    error = std::move(furthest);
    error.message += std::string(" (read as ") + furthest_name + " up to there; not UTF-8 or " +
                     (std::string_view(furthest_name) == "Big5" ? "GB18030" : "Big5") + " either)";
  } else {
    error = std::move(utf8_error);
    error.message += " (not GB18030 or Big5 either)";
  }
  return false;
}

}  // namespace

}  // namespace qingdan::detail

namespace qingdan {
bool is_known_encoding(std::string_view name) noexcept {
  try {
    return name.empty() || detail::encoding_from_name(name).has_value();
  } catch (...) {
    return false;  // out of memory for a name
  }
}
}  // namespace qingdan

namespace qingdan::detail {

bool decode(std::string_view bytes, Decoded& out, ParseError& error, std::string_view forced) {
  out.text = {};
  const bool ok = decode_into(bytes, out, error, forced);
  // Converted text lives in `storage`; set the view last, after any move of
  // a Decoded (a moved short string changes address).
  if (ok && out.text.data() == nullptr) out.text = out.storage;
  if (!ok) out.text = {};
  return ok;
}

}  // namespace qingdan::detail
