// Numbering markers: the ways published lists number their items.
//
//   1.  1、 1．  (1) （1）  （一） (一)  一、 一．  ①  — and "1 名称" for the
//   domain column of a table. Chinese numerals are read up to 九十九.
// Recognised on the start of a line only; whether a marker really starts a
// heading or a task is decided by the stages that know the context.
#include <unicode/utf8.h>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

/// The code point at s[i] (-1 at the end or on a bad byte); next is set past it.
UChar32 cp_at(std::string_view s, std::size_t i, std::size_t& next) {
  if (i >= s.size()) {  // the text is a view into the input: nothing may be read past its end
    next = i;
    return -1;
  }
  std::int32_t k = static_cast<std::int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), k, static_cast<std::int32_t>(s.size()), c);
  next = static_cast<std::size_t>(k);
  return c;
}

int digit_value(UChar32 c) {
  switch (c) {
    case U'一': return 1;
    case U'二': return 2;
    case U'三': return 3;
    case U'四': return 4;
    case U'五': return 5;
    case U'六': return 6;
    case U'七': return 7;
    case U'八': return 8;
    case U'九': return 9;
    default: return -1;
  }
}

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size()) {
    std::size_t next;
    const UChar32 c = cp_at(s, i, next);
    if (!is_space(c)) break;
    i = next;
  }
  return i;
}

}  // namespace

std::optional<int> read_chinese_number(std::string_view s, std::size_t& i) {
  // [X]十[Y] | X, with X,Y in 一..九
  std::size_t next;
  int value = 0;
  UChar32 c = cp_at(s, i, next);
  int d = digit_value(c);
  std::size_t at = i;
  if (d > 0) {
    value = d;
    at = next;
    c = at < s.size() ? cp_at(s, at, next) : -1;
  }
  if (c == U'十') {
    value = (value == 0 ? 1 : value) * 10;
    at = next;
    if (at < s.size()) {
      const int ones = digit_value(cp_at(s, at, next));
      if (ones > 0) {
        value += ones;
        at = next;
      }
    }
  } else if (value == 0) {
    return std::nullopt;
  }
  i = at;
  return value;
}

namespace {
/// The digit at line[k], ASCII or full-width (０-９, EF BC 90..99: some
/// extractors print numbering in full-width forms), and its bytes; -1 when
/// none.
int digit_at(std::string_view line, std::size_t k, std::size_t& len) {
  const auto b = static_cast<unsigned char>(line[k]);
  if (b >= '0' && b <= '9') {
    len = 1;
    return b - '0';
  }
  if (b == 0xEF && k + 2 < line.size() && static_cast<unsigned char>(line[k + 1]) == 0xBC) {
    const auto c = static_cast<unsigned char>(line[k + 2]);
    if (c >= 0x90 && c <= 0x99) {
      len = 3;
      return c - 0x90;
    }
  }
  return -1;
}

/// Up to three digits at line[k] (advancing k): their value, or none when
/// there are none or more than three.
std::optional<int> read_digits(std::string_view line, std::size_t& k) {
  int value = 0, digits = 0;
  std::size_t len = 0;
  for (int d; k < line.size() && (d = digit_at(line, k, len)) >= 0; k += len) {
    if (++digits > 3) return std::nullopt;
    value = value * 10 + d;
  }
  if (digits == 0) return std::nullopt;
  return value;
}
}  // namespace

namespace {

/// 第一部分 经济发展, 第二篇：民生保障, 第3章 …: the plan's parts, a heading
/// level above its domains (a list numbers its parts, domains and tasks
/// each in a style of their own); 第一条 / 第二项, items numbered so.
std::optional<NumberMarker> part_marker(std::string_view line) {
  std::size_t k = 3;  // after 第
  std::optional<int> value = read_chinese_number(line, k);
  if (!value) value = read_digits(line, k);
  if (!value || *value == 0) return std::nullopt;
  NumberStyle style;
  if (line.compare(k, 6, "部分") == 0) {
    style = NumberStyle::part, k += 6;
  } else if (line.compare(k, 3, "篇") == 0 || line.compare(k, 3, "章") == 0) {
    style = NumberStyle::part, k += 3;
  } else if (line.compare(k, 3, "条") == 0 || line.compare(k, 3, "項") == 0 || line.compare(k, 3, "项") == 0) {
    style = NumberStyle::article, k += 3;
  } else {
    return std::nullopt;
  }
  // A space or a mark after the word: 第一条高速公路, 第一篇章, 第三项工作 are text.
  const std::size_t word_end = k;
  k = skip_space(line, k);
  for (const std::string_view sep : {"、", "：", ":", "．"})
    if (line.compare(k, sep.size(), sep) == 0) {
      k += sep.size();
      break;
    }
  if (k == word_end) return std::nullopt;
  k = skip_space(line, k);
  if (k >= line.size()) return std::nullopt;  // its name on the next line: not read as a part
  NumberMarker m;
  m.style = style;
  m.value = *value;
  m.bytes = k;
  return m;
}

}  // namespace

std::optional<NumberMarker> match_number_marker(std::string_view line) {
  // Cheap gate on the first byte: a digit, a bracket, a space, or the lead
  // byte of （ ① or 一…十 (EF, E2, E4, E5; E3 and C2 start U+3000 and NBSP).
  if (line.empty()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(line.front());
  if (b0 == 0xE7 && starts_with(line, "第")) return part_marker(line);
  if (!((b0 >= '0' && b0 <= '9') || b0 == '(' || b0 == ' ' || b0 == '\t' || b0 == 0xEF || b0 == 0xE2 || b0 == 0xE4 ||
        b0 == 0xE5 || b0 == 0xE3 || b0 == 0xC2))
    return std::nullopt;
  // E4 and E5 lead most ideographs; of them only 一二三五七九 (E4 B8..BA) and
  // 四六八十 (E5 85, 8D, 9B) start a marker: the second byte tells.
  if (b0 == 0xE4 || b0 == 0xE5) {
    const auto b1 = line.size() > 1 ? static_cast<unsigned char>(line[1]) : 0;
    if (b0 == 0xE4 ? (b1 < 0xB8 || b1 > 0xBA) : (b1 != 0x85 && b1 != 0x8D && b1 != 0x9B)) return std::nullopt;
  }
  // E2..EF lead most CJK text and its punctuation: decide on the first
  // character itself, since only these can start a marker (after spaces).
  if (b0 >= 0xC2) {
    std::size_t next;
    const UChar32 c = cp_at(line, 0, next);
    if (!(is_space(c) || c == U'（' || (c >= 0x2460 && c <= 0x2473) || digit_value(c) > 0 || c == U'十' ||
          (c >= 0xFF11 && c <= 0xFF19)))  // １..９
      return std::nullopt;
  }
  std::size_t i = skip_space(line, 0);
  if (i >= line.size()) return std::nullopt;
  std::size_t next;
  const UChar32 first = cp_at(line, i, next);
  NumberMarker m;
  auto finish = [&](std::size_t end) -> std::optional<NumberMarker> {
    end = skip_space(line, end);
    if (end >= line.size()) return std::nullopt;  // a bare number is not an item
    m.bytes = end;
    return m;
  };
  if ((first >= '0' && first <= '9') || (first >= 0xFF10 && first <= 0xFF19)) {
    std::size_t k = i;
    const std::optional<int> value = read_digits(line, k);
    if (!value || *value == 0) return std::nullopt;
    m.value = *value;
    const std::size_t after_digits = k;
    k = skip_space(line, k);
    if (k >= line.size()) return std::nullopt;
    const UChar32 sep = cp_at(line, k, next);
    if (sep == U'.' || sep == U'．' || sep == U'、') {
      std::size_t n2;
      if (next < line.size()) {
        const UChar32 after = cp_at(line, next, n2);
        if ((after >= '0' && after <= '9') || (after >= 0xFF10 && after <= 0xFF19))
          return std::nullopt;  // 1.3倍: a decimal
      }
      m.style = NumberStyle::arabic_dot;
      return finish(next);
    }
    if (k > after_digits) {  // "1 幼有所育": number, gap, name
      m.style = NumberStyle::arabic_space;
      return finish(k);
    }
    return std::nullopt;
  }
  if (first == U'(' || first == U'（') {
    std::size_t k = next;
    k = skip_space(line, k);
    std::optional<int> value;
    NumberStyle style;
    std::size_t len = 0;
    if (k < line.size() && digit_at(line, k, len) >= 0) {
      value = read_digits(line, k);
      if (!value) return std::nullopt;
      style = NumberStyle::arabic_paren;
    } else {
      value = read_chinese_number(line, k);
      style = NumberStyle::chinese_paren;
    }
    if (!value || *value == 0) return std::nullopt;
    k = skip_space(line, k);
    if (k >= line.size()) return std::nullopt;
    const UChar32 close = cp_at(line, k, next);
    if (close != U')' && close != U'）') return std::nullopt;
    m.style = style;
    m.value = *value;
    return finish(next);
  }
  if (first >= 0x2460 && first <= 0x2473) {  // ①..⑳
    m.style = NumberStyle::circled;
    m.value = static_cast<int>(first - 0x2460 + 1);
    return finish(next);
  }
  std::size_t k = i;
  if (auto value = read_chinese_number(line, k)) {
    if (k >= line.size()) return std::nullopt;
    const UChar32 sep = cp_at(line, k, next);
    if (sep != U'、' && sep != U'．' && sep != U'.') return std::nullopt;
    m.style = NumberStyle::chinese_comma;
    m.value = *value;
    return finish(next);
  }
  return std::nullopt;
}

std::optional<int> bare_chinese_paren_number(std::string_view line) {
  line = trim(line);
  std::size_t k;
  if (starts_with(line, "（"))
    k = 3;
  else if (starts_with(line, "("))
    k = 1;
  else
    return std::nullopt;
  const std::optional<int> value = read_chinese_number(line, k);
  if (!value) return std::nullopt;
  const std::string_view rest = line.substr(k);
  if (rest != "）" && rest != ")") return std::nullopt;
  return value;
}

std::optional<int> bare_number(std::string_view line) {
  line = trim(line);
  if (line.empty()) return std::nullopt;
  int value = 0, digits = 0;
  for (std::size_t k = 0; k < line.size(); ++digits) {
    const auto c = static_cast<unsigned char>(line[k]);
    if (c >= '0' && c <= '9') {
      value = value * 10 + (c - '0');
      k += 1;
    } else if (c == 0xEF && k + 2 < line.size() && static_cast<unsigned char>(line[k + 1]) == 0xBC &&
               static_cast<unsigned char>(line[k + 2]) >= 0x90 && static_cast<unsigned char>(line[k + 2]) <= 0x99) {
      value = value * 10 + (static_cast<unsigned char>(line[k + 2]) - 0x90);  // ０..９
      k += 3;
    } else {
      return std::nullopt;
    }
    if (digits >= 3) return std::nullopt;
  }
  if (value == 0) return std::nullopt;
  return value;
}

}  // namespace qingdan::detail
