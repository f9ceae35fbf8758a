// Stage 1: bytes -> validated UTF-8.
//
// Only UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted here;
// anything that does not decode cleanly is refused with the position of the
// first bad byte, because a silently replaced character is lost data.
#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

std::uint32_t line_of_offset(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<std::uint32_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

std::string hex_byte(unsigned char c) {
  static const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[c >> 4] + digits[c & 15];
}

bool decode_utf16(std::string_view bytes, std::size_t bom_bytes, const char* charset, Decoded& out, ParseError& error) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(charset, &status), &ucnv_close);
  if (U_FAILURE(status)) {
    error = {std::string("cannot open converter for ") + charset, 0, 0};
    return false;
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string units(bytes.size() / 2 + 1, u'\0');
  const char* src = bytes.data();
  UChar* dst = reinterpret_cast<UChar*>(units.data());
  ucnv_toUnicode(conv.get(), &dst, dst + units.size(), &src, bytes.data() + bytes.size(), nullptr, true, &status);
  if (U_FAILURE(status)) {
    // The converter stops after consuming the bad unit; report where it
    // started, in bytes of the whole input (BOM included), and its line.
    std::size_t at = static_cast<std::size_t>(src - bytes.data());
    at = at >= 2 ? at - 2 : 0;
    const UChar* done = reinterpret_cast<const UChar*>(units.data());
    const UChar* end = dst;
    const auto line = 1 + static_cast<std::uint32_t>(std::count(done, end, static_cast<UChar>(0x0A)));
    error.offset = at + bom_bytes;
    error.line = line;
    error.message = std::string("invalid ") + charset + " (lone surrogate or truncated unit) at line " +
                    std::to_string(line) + ", byte offset " + std::to_string(error.offset);
    return false;
  }
  units.resize(static_cast<std::size_t>(dst - reinterpret_cast<UChar*>(units.data())));

  // Lone surrogates are impossible after a STOP-callback conversion, so this is total.
  out.text.clear();
  out.text.reserve(units.size() * 3 / 2);
  for (std::size_t i = 0; i < units.size();) {
    UChar32 c;
    U16_NEXT(units.data(), i, units.size(), c);
    char buf[4];
    std::int32_t n = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<std::uint8_t*>(buf), n, c);
    if ((c < 0x20 && (c < '\t' || c > '\r')) || c == 0xFFFE || c == 0xFFFF) out.note_unusual(out.text.size());
    out.text.append(buf, static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

bool decode(std::string_view bytes, Decoded& out, ParseError& error) {
  auto starts_with = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  if (starts_with("\xFF\xFE") || starts_with("\xFE\xFF")) {
    const bool le = bytes[0] == '\xFF';
    out.encoding = le ? "UTF-16LE" : "UTF-16BE";
    out.bom_bytes = 2;
    return decode_utf16(bytes.substr(2), 2, le ? "UTF-16LE" : "UTF-16BE", out, error);
  }
  out.encoding = "UTF-8";
  if (starts_with("\xEF\xBB\xBF")) {
    out.bom_bytes = 3;
    bytes.remove_prefix(3);
  }
  const auto* s = reinterpret_cast<const std::uint8_t*>(bytes.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX));
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    error = {"input too large to validate", 0, 0};
    return false;
  }
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
      error.offset = at + out.bom_bytes;
      error.message = "invalid UTF-8 byte " + hex_byte(s[start]) + " at line " + std::to_string(error.line) +
                      ", byte offset " + std::to_string(error.offset);
      return false;
    }
  }
  out.text.assign(bytes.data(), bytes.size());
  return true;
}

}  // namespace qingdan::detail
