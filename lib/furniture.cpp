// Stage 3: page furniture — the parts of a page that are layout, not data.
//
// The header row tells us the columns; the same row repeated at the top of
// every page, page footers ("第 4 页，共 10 页") and the title are furniture.
// Repeated headers are recognised by their characters with all whitespace
// removed, because extractors indent and re-space them freely, and one glued
// onto the end or start of a data line is cut off that line.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "bytes16.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

// The matchers below compare a line with the signature without copying the
// line, and stop at the first differing character, so a 10 MB line costs
// next to nothing unless it really starts or ends with the header.

/// If `text` starts with `sig` (whitespace ignored): the offset just past it.
std::optional<std::size_t> squeezed_prefix(std::string_view text, std::string_view sig) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  // Almost every line fails on its first character: unless it is
  // whitespace (skipped), its first byte must be the signature's.
  if (n > 0 && !sig.empty() && !space_at(s, 0, text.size()) && s[0] != static_cast<std::uint8_t>(sig[0]))
    return std::nullopt;
  std::size_t k = 0;
  std::int32_t i = 0;
  while (k < sig.size()) {
    if (i >= n) return std::nullopt;
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (is_space(c)) continue;
    const auto len = static_cast<std::size_t>(i - start);
    if (sig.compare(k, len, text.substr(static_cast<std::size_t>(start), len)) != 0) return std::nullopt;
    k += len;
  }
  return static_cast<std::size_t>(i);
}

/// If `text` ends with `sig` (whitespace ignored): the offset where it starts.
std::optional<std::size_t> squeezed_suffix(std::string_view text, std::string_view sig) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  std::size_t k = sig.size();
  auto i = static_cast<std::int32_t>(text.size());
  // Likewise on the last character (one byte, or a two- or three-byte
  // whitespace character).
  if (i > 0 && k > 0 && space_before(s, 0, static_cast<std::size_t>(i)) == 0 &&
      s[i - 1] != static_cast<std::uint8_t>(sig.back()))
    return std::nullopt;
  while (k > 0) {
    if (i <= 0) return std::nullopt;
    const std::int32_t end = i;
    UChar32 c;
    U8_PREV(s, 0, i, c);
    if (is_space(c)) continue;
    const auto len = static_cast<std::size_t>(end - i);
    if (len > k || sig.compare(k - len, len, text.substr(static_cast<std::size_t>(i), len)) != 0) return std::nullopt;
    k -= len;
  }
  return static_cast<std::size_t>(i);
}

/// Calls at(k), in order, for the bytes k of the n at s where a whitespace
/// character can start — tab..CR, space, and the lead bytes C2 E1 E2 E3 EF of
/// the others — until at returns true (then true). A superset: at decides
/// with space_at (bytes16::scan_candidates; every byte without SSE2).
template <typename At>
bool scan_space_candidates(const std::uint8_t* s, std::size_t n, At&& at) {
#if defined(__SSE2__)
  using namespace bytes16;
  auto candidates = [s](std::size_t from) {
    const __m128i v = load(s + from);
    const __m128i lead = _mm_or_si128(_mm_or_si128(eq(v, 0xC2), in(v, 0xE1, 0xE3)), eq(v, 0xEF));
    return bits(_mm_or_si128(_mm_or_si128(in(v, 0x09, 0x0D), eq(v, ' ')), lead));
  };
  return scan_candidates(n, candidates, at);
#else
  for (std::size_t i = 0; i < n; ++i)
    if (at(i)) return true;
  return false;
#endif
}

}  // namespace

/// Where the first ' ' or tab of text is among its first `limit` bytes
/// (limit <= 32), npos when there is none. Asked of every line of a table
/// (does it start with a left column's label?): two memchr calls there were
/// a quarter of the page-furniture stage on the seed.
std::size_t first_space_or_tab(std::string_view text, std::size_t limit) {
#if defined(__SSE2__)
  if (text.size() >= 32) {
    using namespace bytes16;
    const __m128i a = load(text.data()), b = load(text.data() + 16);
    std::uint32_t m = bits(_mm_or_si128(eq(a, ' '), eq(a, '\t'))) | bits(_mm_or_si128(eq(b, ' '), eq(b, '\t'))) << 16;
    if (limit < 32) m &= (std::uint32_t{1} << limit) - 1;
    return m != 0 ? static_cast<std::size_t>(__builtin_ctz(m)) : std::string_view::npos;
  }
#endif
  const std::size_t n = std::min(text.size(), limit);
  for (std::size_t i = 0; i < n; ++i)
    if (text[i] == ' ' || text[i] == '\t') return i;
  return std::string_view::npos;
}

/// Decoding every character (and asking is_space of it) cost more than
/// classifying the words after: a word is the bytes between two whitespace
/// characters, found as has_spaces finds them.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t next = 0;  // the first byte after the last whitespace character
  scan_space_candidates(s, n, [&](std::size_t k) {
    if (k < next || !space_at(s, k, n)) return false;
    if (k > next) words.push_back(text.substr(next, k - next));
    next = k + space_length(s[k]);
    return false;
  });
  if (n > next) words.push_back(text.substr(next));
  return words;
}

namespace {

/// True when `text` holds at least `wanted` whitespace characters (is_space).
bool has_spaces(std::string_view text, int wanted) {
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  int spaces = 0;
  return scan_space_candidates(s, text.size(),
                               [&](std::size_t k) { return space_at(s, k, text.size()) && ++spaces == wanted; });
}

}  // namespace

/// A header row names at least three different known roles, one of them the
/// task or the responsible units — the two every decomposition list has.
/// Every label naming the task or the units (任务 项目 事项 工作内容, 单位
/// 责任主体 责任部门 牵头部门 …) holds one of these pairs of characters, in
/// either script: a line with none cannot be a header row. One pass over the
/// line instead of classifying each of its words.
bool names_a_task_or_units(std::string_view text) {
  // On the bytes: at each three-byte character, its 24 bits name it, and the
  // three bytes before it are the character before it (valid UTF-8: a lead
  // byte is never a continuation). Decoding every code point cost three
  // times as much on the lines of a list document, none of them a header.
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  auto at = [p](std::size_t i) {
    return std::uint32_t{p[i]} << 16 | std::uint32_t{p[i + 1]} << 8 | std::uint32_t{p[i + 2]};
  };
  // Whether the three-byte character at i is the second of a pair.
  auto pair_at = [&](std::size_t i) {
    // The second character of a pair, and the first it wants (either script).
    std::uint32_t want = 0, or_want = 0;
    switch (at(i)) {
      case 0xE58AA1:                                              // 务
      case 0xE58B99: want = or_want = 0xE4BBBB; break;            // 務 <- 任
      case 0xE79BAE: want = 0xE9A1B9, or_want = 0xE9A085; break;  // 目 <- 项 項
      case 0xE9A1B9:                                              // 项
      case 0xE9A085: want = or_want = 0xE4BA8B; break;            // 項 <- 事
      case 0xE4BD8D: want = 0xE58D95, or_want = 0xE596AE; break;  // 位 <- 单 單
      case 0xE4BBBB: want = 0xE8B4A3, or_want = 0xE8B2AC; break;  // 任 <- 责 責
      case 0xE997A8:                                              // 门
      case 0xE99680: want = or_want = 0xE983A8; break;            // 門 <- 部
      case 0xE5AEB9: want = 0xE58685, or_want = 0xE585A7; break;  // 容 <- 内 內
      default: return false;
    }
    // A label spaced out to fill its cell (责 任 单 位, 单    位): the pair's
    // first character before a run of spaces. Each space is stepped over by
    // the one character after it only: linear.
    std::size_t before = i;
    while (before > 0 && p[before - 1] == ' ') --before;
    if (before < 3) return false;
    const std::uint32_t prev = at(before - 3);
    return prev == want || prev == or_want;
  };
  // Whether a second character of a pair ends at byte `end`: a lead byte
  // two before it (in valid UTF-8 an E0..EF byte always starts a three-byte
  // character) makes the three bytes one character.
  auto pair_ends_at = [&](std::size_t end) { return end >= 2 && (p[end - 2] & 0xF0) == 0xE0 && pair_at(end - 2); };
#if defined(__SSE2__)
  // Only where a second character can end is looked at: its last byte is one
  // of nine (A1 99 AE B9 85 8D BB A8 80), about one character in seven of CJK
  // text. The character-by-character walk was most of a list document's
  // header search (11 instructions a byte).
  using namespace bytes16;
  auto ends = [p](std::size_t from) {
    const __m128i v = load(p + from);
    const __m128i a = _mm_or_si128(_mm_or_si128(eq(v, 0xA1), eq(v, 0x99)), _mm_or_si128(eq(v, 0xAE), eq(v, 0xB9)));
    const __m128i b = _mm_or_si128(_mm_or_si128(eq(v, 0x85), eq(v, 0x8D)), _mm_or_si128(eq(v, 0xBB), eq(v, 0xA8)));
    return bits(_mm_or_si128(_mm_or_si128(a, b), eq(v, 0x80)));
  };
  return scan_candidates(n, ends, pair_ends_at);
#else
  for (std::size_t end = 0; end < n; ++end)
    if (pair_ends_at(end)) return true;
  return false;
#endif
}

/// As three words need.
bool has_two_spaces(std::string_view text) {
  return has_spaces(text, 2);
}

namespace {

/// A label as long as is_column_label takes one (16 characters of CJK).
constexpr std::size_t kShortWordBytes = 16 * 3;

/// Labels spaced out to fill their cells (序  号, 备  注, 2 0 2 3 年 工 作 目 标)
/// come as words of one character each: a run of them is read as labels,
/// each ending where the characters so far name a column (a role's word
/// pair, or 备注 说明 进展). Characters that never do stay words of their
/// own. The merged labels live in `storage`, reserved so that the views
/// stay valid.
void merge_spaced_labels(std::vector<std::string_view>& words, std::vector<std::string>& storage) {
  auto one_character = [](std::string_view w) {
    return (w.size() == 3 && (static_cast<unsigned char>(w[0]) & 0xF0) == 0xE0) ||
           (w.size() == 1 && w[0] >= '0' && w[0] <= '9');  // a year's digits, spaced out with the label
  };
  bool has_run = false;
  for (std::size_t k = 1; k < words.size() && !has_run; ++k)
    has_run = one_character(words[k - 1]) && one_character(words[k]);
  if (!has_run) return;  // the usual header: nothing spaced out
  storage.clear();
  storage.reserve(words.size());
  std::vector<std::string_view> out;
  std::size_t k = 0;
  while (k < words.size()) {
    if (!one_character(words[k])) {
      out.push_back(words[k++]);
      continue;
    }
    std::size_t end = k;
    while (end < words.size() && one_character(words[end])) ++end;
    std::size_t from = k;  // the first character not yet in a label
    std::string label;
    for (std::size_t c = k; c < end; ++c) {
      label.append(words[c]);
      if (c == from) continue;  // a label of one character is no label
      const bool names = column_role_without_year(label) != ColumnRole::other || label == "备注" || label == "说明" ||
                         label == "进展" || label == "備註" || label == "說明" || label == "進展";
      if (!names) continue;
      storage.push_back(std::move(label));
      out.push_back(storage.back());
      label.clear();
      from = c + 1;
    }
    for (std::size_t c = from; c < end; ++c) out.push_back(words[c]);  // never made a label
    k = end;
  }
  words = std::move(out);
}

/// `screened`: the text passed the cheap screens (short, three words, a
/// task's or units' word pair), so that a header wrapped onto the next line
/// is worth looking for.
std::optional<std::vector<Column>> header_columns(std::string_view text, bool* screened = nullptr) {
  if (text.size() > 400) return std::nullopt;  // header rows are short; keeps the scan linear
  if (!has_two_spaces(text) || !names_a_task_or_units(text)) return std::nullopt;
  if (screened) *screened = true;
  auto words = split_words(text);
  std::vector<std::string> merged;
  merge_spaced_labels(words, merged);
  if (words.size() < 3 || words.size() > 24) return std::nullopt;
  // Roles first; the Columns (copies of the labels) only for a header. No
  // more words are classified once three roles are out of reach. Short words
  // go first: a sentence with two spaces in it ("…不少于 30 项。") is then
  // given up before its long first word is classified (the roles are a set,
  // so the order does not change the answer).
  unsigned seen = 0;
  std::size_t left = words.size();
  for (const bool short_words : {true, false}) {
    for (const std::string_view word : words) {
      if ((word.size() <= kShortWordBytes) != short_words) continue;
      if (static_cast<std::size_t>(__builtin_popcount(seen)) + left < 3) return std::nullopt;
      --left;
      const ColumnRole role = column_role(word);
      if (role != ColumnRole::other) seen |= 1u << static_cast<unsigned>(role);
    }
  }
  const bool has_anchor = (seen & (1u << static_cast<unsigned>(ColumnRole::task))) ||
                          (seen & (1u << static_cast<unsigned>(ColumnRole::units)));
  if (__builtin_popcount(seen) < 3 || !has_anchor) return std::nullopt;
  std::vector<Column> columns;
  columns.reserve(words.size());
  for (auto w : words) columns.push_back(classify_column(w));
  settle_column_roles(columns);
  return columns;
}

/// A header row whose labels wrapped in their narrow cells, the ends printed
/// on the next line: under the labels they end (序号 重点任务 2024年工作 责任单 /
/// 目标 位: each word of the second line completes the next label that names
/// no column), or as the row's own wrap (序号 重点任务 工作措施 责任单 / 位 完成时限).
/// The header's columns, or none.
std::optional<std::vector<Column>> header_wrapped_onto(std::string_view line, std::string_view next) {
  // Asked only of a line that passed header_columns' screens (three words,
  // a task's or units' word pair): not asked again here. The next line is a
  // few short words (no colon, no sentence).
  if (next.size() > 400 || line.size() > 400) return std::nullopt;
  std::size_t word = 0, text = 0;
  for (const char c : next) {
    if (c == ' ' || c == '\t')
      word = 0;
    else if (++word > kShortWordBytes || ++text > 4 * kShortWordBytes)
      return std::nullopt;
  }
  if (next.find(':') != std::string_view::npos || next.find("：") != std::string_view::npos ||
      next.find("。") != std::string_view::npos)
    return std::nullopt;
  const std::vector<std::string_view> first = split_words(line), second = split_words(next);
  if (first.size() < 3 || second.empty() || second.size() > first.size()) return std::nullopt;
  for (const std::string_view w : second)
    if (w.size() > kShortWordBytes) return std::nullopt;
  auto header_of = [](const std::vector<std::string>& labels) -> std::optional<std::vector<Column>> {
    std::string joined;
    for (const auto& l : labels) joined.append(l).append("  ");
    auto cols = header_columns(joined);
    if (!cols || cols->size() != labels.size()) return std::nullopt;
    return cols;
  };
  // The ends under their labels: as many as the labels that name nothing.
  std::vector<std::string> labels(first.begin(), first.end());
  std::vector<std::size_t> open;
  for (std::size_t k = 0; k < first.size(); ++k)
    if (!names_a_column(first[k]) && !column_label_role(first[k])) open.push_back(k);
  if (open.size() == second.size()) {
    bool all_name = true;
    for (std::size_t k = 0; k < open.size(); ++k) {
      labels[open[k]].append(second[k]);
      all_name = all_name && names_a_column(labels[open[k]]);
    }
    if (all_name)
      if (auto cols = header_of(labels)) return cols;
  }
  // The row wrapped: its last label goes on at the next line's start.
  labels.assign(first.begin(), first.end());
  labels.back().append(second.front());
  if (names_a_column(first.back()) || !names_a_column(labels.back())) return std::nullopt;
  labels.insert(labels.end(), second.begin() + 1, second.end());
  return header_of(labels);
}

}  // namespace

/// A line that can be one label of a header printed one label per line: a
/// single short word naming a known column role, or a person/remark column.
std::optional<ColumnRole> column_label_role(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > kShortWordBytes) return std::nullopt;
  if (has_spaces(text, 1)) return std::nullopt;  // one word: no whitespace inside (the text is trimmed)
  if (match_number_marker(text) || text.find("。") != std::string_view::npos) return std::nullopt;  // an item
  // A key and its value (牵头单位：县市场监管局) is a line of data, not a
  // label: a colon with anything after it. Three such lines of three roles
  // (责任单位：… 完成时限：… 备注：重点任务) were taken for a header printed one
  // label per line, and the list under them for a table.
  std::size_t colon_len = 0;
  if (const std::size_t at = find_colon(text, colon_len);
      at != std::string_view::npos && at + colon_len < text.size())  // only the first: a label's colon ends it
    return std::nullopt;
  if (const ColumnRole role = column_role_without_year(text); role != ColumnRole::other) return role;
  for (std::string_view w : {"领导", "备注", "进展", "说明", "領導", "備註", "進展", "說明"})
    if (text.find(w) != std::string_view::npos) return ColumnRole::other;
  return std::nullopt;
}

bool is_column_label(std::string_view text) {
  return column_label_role(text).has_value();
}

namespace {

/// A cursor over a footer candidate. The footer forms are a small regular
/// language; this reads it directly, left to right, each byte once, instead of
/// compiling a regex at start-up (boost::regex took ~0.5 ms of a 6 ms run on
/// the seed for this pattern). Spaces are ' ', tab, U+3000 and U+00A0; digits
/// are ASCII.
struct FooterReader {
  std::string_view s;
  std::size_t at = 0;

  bool done() const { return at == s.size(); }
  // Byte by byte, not string_view::compare: the words are one to four bytes
  // and most lines differ at the first, which a memcmp call per word cost more
  // than the whole check.
  bool word(std::string_view w) {
    if (s.size() - at < w.size()) return false;
    for (std::size_t k = 0; k < w.size(); ++k)
      if (s[at + k] != w[k]) return false;
    at += w.size();
    return true;
  }
  void spaces() {
    for (;;) {
      if (at < s.size() && (s[at] == ' ' || s[at] == '\t'))
        ++at;
      else if (!word("\u3000") && !word("\u00A0"))
        return;
    }
  }
  bool number() {
    const std::size_t from = at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    return at > from;
  }
  // - — – － ― ─ ·: what offices print either side of a page number.
  bool dash() {
    return word("-") || word("\u2014") || word("\u2013") || word("\uFF0D") || word("\u2015") || word("\u2500") ||
           word("\u00B7");
  }
  void comma() { (void)(word(",") || word("\uFF0C") || word("\u3001") || word("/") || word("\uFF0F")); }
  /// SP number SP 页
  bool page_number() {
    spaces();
    if (!number()) return false;
    spaces();
    return word("页") || word("頁");
  }
};

/// The whole of `text` is one of the forms below (SP: any run of spaces,
/// N: ASCII digits, [,]: an optional comma ， 、 or slash / ／, DASH: - — – － ― ─ ·):
///   第 SP N SP 页 SP [ [,] SP 共 SP N SP 页 ]     共 SP N SP 页 SP [,] SP 第 SP N SP 页
///   DASH SP N SP DASH    N SP / SP N    [Pp]age SP N [ SP of SP N ]
bool footer_form(std::string_view text) {
  FooterReader r{text};
  if (r.word("第")) {
    if (!r.page_number()) return false;
    r.spaces();
    if (r.done()) return true;
    r.comma();
    r.spaces();
    return r.word("共") && r.page_number() && r.done();
  }
  if (r.word("共")) {
    if (!r.page_number()) return false;
    r.spaces();
    r.comma();
    r.spaces();
    return r.word("第") && r.page_number() && r.done();
  }
  if (r.dash()) {
    r.spaces();
    if (!r.number()) return false;
    r.spaces();
    return r.dash() && r.done();
  }
  if (r.number()) {
    r.spaces();
    if (!r.word("/")) return false;
    r.spaces();
    return r.number() && r.done();
  }
  if (r.word("Page") || r.word("page")) {
    r.spaces();
    if (!r.number()) return false;
    if (r.done()) return true;
    r.spaces();
    if (!r.word("of")) return false;
    r.spaces();
    return r.number() && r.done();
  }
  return false;
}

}  // namespace

bool is_document_tail(std::string_view text) {
  using namespace std::string_view_literals;
  // Asked of every line: decided on the bytes at either end first. 抄 starts
  // E6 8A, 主 E4 B8; 发 ends 8F 91, 發 99 BC.
  // Trimmed only when an end is whitespace (U+3000 and NBSP end in 80 / A0).
  auto ends_may_hold_it = [](std::string_view t) {
    if (t.size() < 6) return false;
    const auto b0 = static_cast<unsigned char>(t[0]), b1 = static_cast<unsigned char>(t[1]);
    const auto z1 = static_cast<unsigned char>(t[t.size() - 2]), z0 = static_cast<unsigned char>(t[t.size() - 1]);
    return (b0 == 0xE6 && b1 == 0x8A) || (b0 == 0xE4 && b1 == 0xB8) || (z1 == 0x8F && z0 == 0x91) ||
           (z1 == 0x99 && z0 == 0xBC);
  };
  if (!ends_may_hold_it(text)) {
    if (text.empty()) return false;
    const auto b0 = static_cast<unsigned char>(text.front()), z0 = static_cast<unsigned char>(text.back());
    const bool space_at_an_end = b0 == ' ' || b0 == '\t' || b0 == 0xE3 || b0 == 0xC2 || z0 == ' ' || z0 == '\t' ||
                                 z0 == '\r' || z0 == 0x80 || z0 == 0xA0;
    if (!space_at_an_end || !ends_may_hold_it(text = trim(text))) return false;
  } else {
    text = trim(text);
  }
  // 抄送：…, 抄报：…, 主送：… (the recipients, under the last table)
  for (const std::string_view key : {"抄送"sv, "抄报"sv, "主送"sv, "抄報"sv})
    if (starts_with(text, key)) {
      const std::string_view rest = trim(text.substr(key.size()));
      return starts_with(rest, "："sv) || starts_with(rest, ":"sv);
    }
  // 某县人民政府办公室 2024年3月5日印发: who issued it and when
  return (ends_with(text, "印发"sv) || ends_with(text, "印發"sv)) && text.size() <= 60 * 3 &&
         text.find("年"sv) != std::string_view::npos && text.find("日"sv) != std::string_view::npos;
}

bool is_page_footer(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 80) return false;
  // Cheap gate: footers start with 第, 共, a dash, a digit or "Page"; most
  // table lines start with something else, which their first byte tells
  // (第 E7, 共 E5, —– E2, － EF).
  const auto p = static_cast<std::uint8_t>(text[0]);
  if (!((p >= '0' && p <= '9') || p == '-' || p == 'P' || p == 'p' || p == 0xE7 || p == 0xE5 || p == 0xE2 ||
        p == 0xEF || p == 0xC2))
    return false;
  return footer_form(text);
}

bool is_continued_table_mark(std::string_view text) {
  if (text.size() > 24) return false;  // asked of every table line: most are longer, spaces and all
  text = trim(text);
  if (text.size() > 12) return false;
  for (const std::string_view cont :
       {"续表", "續表", "续上表", "續上表", "（续表）", "（續表）", "(续表)", "续表：", "续表:"})
    if (text == cont) return true;
  return false;
}

bool is_annex_marker(std::string_view text) {
  text = trim(text);
  if (!starts_with(text, "附件")) return false;
  text = trim(text.substr(6));
  if (ends_with(text, "：")) text = trim(text.substr(0, text.size() - 3));
  if (ends_with(text, ":")) text = trim(text.substr(0, text.size() - 1));
  if (text.empty()) return true;  // 附件 alone: the plan is its notice's only annex
  if (text.size() > 9) return false;
  std::string wide;
  text = fold_width(text, wide);  // 附件２
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
  std::size_t read = 0;
  return read_chinese_number(text, read).has_value() && read == text.size();
}

namespace {

/// 2024年3月15日, ２０２４年３月１５日, 二〇二四年三月十五日: a date and nothing else.
bool is_date_alone(std::string_view text) {
  std::string wide;
  const std::string_view t = fold_width(trim(text), wide);
  std::size_t k = 0;
  auto number = [&](std::size_t max_digits) {
    const std::size_t from = k;
    while (k < t.size() && t[k] >= '0' && t[k] <= '9' && k - from < max_digits) ++k;
    if (k > from) return true;
    for (; k + 3 <= t.size(); k += 3) {  // 〇 一 … 十
      const std::string_view c = t.substr(k, 3);
      if (c != "〇" && c != "零" && c != "一" && c != "二" && c != "三" && c != "四" && c != "五" && c != "六" &&
          c != "七" && c != "八" && c != "九" && c != "十")
        break;
    }
    return k > from;
  };
  auto word = [&](std::string_view w) {
    if (t.compare(k, w.size(), w) != 0) return false;
    k += w.size();
    return true;
  };
  return number(4) && word("年") && number(2) && word("月") && number(2) && (word("日") || word("号")) && k == t.size();
}

/// The offices that sign a notice; not 各乡镇人民政府 (implementers, a
/// units cell).
bool is_issuing_office(std::string_view text) {
  text = trim(text);
  if (text.size() > 30 * 3 || starts_with(text, "各") || text.find_first_of(" \t") != std::string_view::npos)
    return false;
  for (const std::string_view p : {"，", "。", "、", "；", "："})  // one name, no sentence
    if (text.find(p) != std::string_view::npos) return false;
  for (const std::string_view w : {"办公室", "人民政府", "委员会", "办公厅", "领导小组", "指挥部", "辦公室", "委員會"})
    if (ends_with(text, w)) return true;
  return false;
}

}  // namespace

std::size_t closing_signature(const LineTable& lines) {
  std::size_t end = lines.size();
  while (end > 0 && is_blank(lines[end - 1].text)) --end;
  if (end < 3 || !is_date_alone(lines[end - 1].text)) return lines.size();
  std::size_t first = end - 1;
  while (first > 0 && end - first <= 3 && is_issuing_office(lines[first - 1].text)) --first;
  // One office at least, and a blank line above: a table's last units and
  // deadline cells are never one paragraph after a blank line.
  if (first == end - 1 || first == 0 || !is_blank(lines[first - 1].text)) return lines.size();
  return first;
}

namespace {

/// Page furniture the footer forms do not name:
///  - the title printed again at the top of each page (a running header): a
///    line equal to the title or to one of its lines, spaces aside;
///  - a page number alone (3): a number on a line of its own, a paragraph of
///    its own, right above the header printed again, a footer, a page break
///    or the end of the text. (A number alone elsewhere may be a cell, or the
///    序号 of the next row; find_blocks decides.)
void mark_running_titles_and_page_numbers(const LineTable& lines, Furniture& f, std::size_t h, std::size_t title_first,
                                          std::size_t title_end) {
  std::vector<std::string> titles;
  std::size_t longest = 0;
  if (title_first < title_end) {
    std::string whole;
    for (std::size_t i = title_first; i < title_end; ++i) {
      titles.push_back(squeeze_whitespace(lines[i].text));
      whole += titles.back();
      longest = std::max(longest, lines[i].text.size());
    }
    if (titles.size() > 1) titles.push_back(whole);
    longest = std::max(longest, whole.size());
  }
  const std::size_t n = lines.size();
  if (!titles.empty()) {
    // Titles are long and a wrapped cell's lines rarely match one in length:
    // only a line of about a title's bytes, starting with a title's first
    // byte and ending with its last, is squeezed and compared (most lines of
    // a table fail on their length or first byte, before a copy).
    const std::size_t shortest = titles.front().size() / 2, widest = 2 * longest;
    for (std::size_t i = h + 1; i < n; ++i) {
      const std::string_view text = lines[i].text;
      if (text.size() < shortest || text.size() > widest || f.kinds[i] != LineKind::content) continue;
      const std::string_view trimmed = static_cast<unsigned char>(text.front()) <= ' ' ||
                                               static_cast<unsigned char>(text.back()) <= ' ' ||
                                               static_cast<unsigned char>(text.front()) == 0xE3
                                           ? trim(text)
                                           : text;
      if (trimmed.empty() || std::none_of(titles.begin(), titles.end(), [&](const std::string& t) {
            return t.front() == trimmed.front() && t.back() == trimmed.back();
          }))
        continue;
      const std::string sq = squeeze_whitespace(text);
      if (std::find(titles.begin(), titles.end(), sq) != titles.end()) f.kinds[i] = LineKind::footer;
    }
  }
  for (std::size_t i = h + 1; i < n; ++i) {
    const std::string_view text = lines[i].text;
    if (text.size() > 12 || f.kinds[i] != LineKind::content || !bare_number(text)) continue;
    const bool alone_above = i == 0 || f.kinds[i - 1] != LineKind::content;
    std::size_t j = i + 1;
    while (j < n && f.kinds[j] == LineKind::blank) ++j;
    const bool page_ends = j == n || f.kinds[j] == LineKind::header || f.kinds[j] == LineKind::footer ||
                           f.kinds[j] == LineKind::title || lines[j].page_break;
    // 3 above 2 做好…: the next paragraph carries a number of its own, so
    // this one is no 序号 of it.
    const std::optional<NumberMarker> next_marker =
        j < n && j > i + 1 && f.kinds[j] == LineKind::content ? match_number_marker(lines[j].text) : std::nullopt;
    const bool numbered_next = next_marker && next_marker->value != *bare_number(text);
    if (alone_above && (page_ends || numbered_next) && (j == n || j > i + 1 || f.kinds[j] != LineKind::content))
      f.kinds[i] = LineKind::footer;
  }
}

}  // namespace

Furniture find_furniture(LineTable& lines) {
  Furniture f;
  f.kinds.assign(lines.size(), LineKind::content);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (is_blank(lines[i].text)) f.kinds[i] = LineKind::blank;

  // Some extractors print the header labels one per line, or on two lines.
  std::vector<std::string> vertical;  // squeezed lines of a header printed over several
  std::size_t header_first = 0;
  for (std::size_t i = 0; i < lines.size() && !f.header_line; ++i) {
    if (f.kinds[i] == LineKind::blank) continue;
    bool screened = false;
    auto cols = header_columns(lines[i].text, &screened);
    // A header with a label that names nothing (责任单, 2024年工作) may go on
    // at the next line.
    const bool incomplete = screened && (!cols || std::any_of(cols->begin(), cols->end(), [](const Column& c) {
                              return c.role == ColumnRole::other && !column_label_role(c.label);
                            }));
    if (incomplete && i + 1 < lines.size() && f.kinds[i + 1] == LineKind::content) {
      if (auto wrapped = header_wrapped_onto(lines[i].text, lines[i + 1].text)) {
        f.header_line = i + 1;
        f.columns = std::move(*wrapped);
        header_first = i;
        f.kinds[i] = LineKind::header;
        vertical = {squeeze_whitespace(lines[i].text), squeeze_whitespace(lines[i + 1].text)};
        continue;
      }
    }
    if (cols) {
      f.header_line = i;
      f.columns = std::move(*cols);
    }
  }
  // Labels one per line are looked for above that header, where there is
  // one: the first table's header printed so, a second one (附件2) on one
  // line, took the second for the document's and left the first table
  // unassigned. The earlier header is the document's.
  const std::optional<std::size_t> one_line_header = f.header_line;
  const std::size_t labels_before = !one_line_header   ? lines.size()
                                    : vertical.empty() ? *one_line_header
                                                       : header_first;
  std::vector<Column> one_line_columns = std::move(f.columns);
  std::vector<std::string> one_line_vertical = std::move(vertical);
  const std::size_t one_line_first = header_first;
  f.header_line.reset();
  f.columns.clear();
  vertical.clear();
  // A run's first line and the line that ends it are each asked twice. Kept:
  // whether the line is a label, and its role without the year.
  constexpr std::int8_t kUnknown = -2, kNoLabel = -1;
  std::vector<std::int8_t> label_memo(labels_before > 0 ? lines.size() : 0, kUnknown);
  auto label_at = [&](std::size_t k) {
    if (label_memo[k] == kUnknown) {
      const auto role = column_label_role(lines[k].text);
      label_memo[k] = role ? static_cast<std::int8_t>(*role) : kNoLabel;
    }
    return label_memo[k] != kNoLabel;
  };
  // What header_columns can make of a run at most: each label's role is its
  // role without the year, or an annual target where that is a goal. Fewer
  // than three roles, or neither the task nor the units: no header (the
  // key-value lines of a list, 牵头单位：… 配合单位：… 完成时限：…, are such runs).
  auto can_be_header = [&](const std::vector<ColumnRole>& label_roles) {
    unsigned roles = 0;
    for (const ColumnRole r : label_roles)
      if (r != ColumnRole::other) roles |= 1u << static_cast<unsigned>(r);
    auto has = [&](ColumnRole r) { return (roles >> static_cast<unsigned>(r)) & 1u; };
    const int at_most = __builtin_popcount(roles) + (has(ColumnRole::goal) && !has(ColumnRole::annual_target) ? 1 : 0);
    return at_most >= 3 && (has(ColumnRole::task) || has(ColumnRole::units));
  };
  // The label at line j, and how many lines it takes: a label wrapped in its
  // narrow cell (责任单 / 位, 2024年工作 / 目标) is the line and the next one,
  // when neither is a label alone and together they name a column.
  auto label_lines_at = [&](std::size_t j, std::string& label, ColumnRole& role) -> std::size_t {
    if (label_at(j)) {
      label = std::string(trim(lines[j].text));
      role = static_cast<ColumnRole>(label_memo[j]);
      return 1;
    }
    if (j + 1 >= lines.size() || f.kinds[j + 1] == LineKind::blank) return 0;
    // The end is a few characters (目标, 施); the line before it is no 序号.
    const std::string_view a = trim(lines[j].text), b = trim(lines[j + 1].text);
    if (a.size() + b.size() > kShortWordBytes || b.size() > 4 * 3 || has_spaces(a, 1) || has_spaces(b, 1) ||
        bare_number(a))
      return 0;
    label = std::string(a).append(b);
    const auto joined = column_label_role(label);
    if (!joined || *joined == ColumnRole::other) return 0;
    role = *joined;
    return 2;
  };
  std::vector<std::size_t> run;     // the lines of the labels
  std::vector<std::string> labels;  // one per label
  std::vector<std::size_t> spans;   // lines each label takes
  std::vector<ColumnRole> roles;    // each label's role without the year
  for (std::size_t i = 0; i < labels_before && !f.header_line; ++i) {
    if (f.kinds[i] == LineKind::blank || !label_at(i)) continue;
    run.clear();
    labels.clear();
    spans.clear();
    roles.clear();
    std::string label;
    ColumnRole role = ColumnRole::other;
    for (std::size_t j = i; j < lines.size();) {
      if (f.kinds[j] == LineKind::blank) {
        ++j;
        continue;
      }
      const std::size_t took = label_lines_at(j, label, role);
      if (took == 0) break;
      for (std::size_t k = j; k < j + took; ++k) run.push_back(k);
      labels.push_back(std::move(label));
      spans.push_back(took);
      roles.push_back(role);
      j += took;
    }
    // A title above the labels can look like one (…任务分解表): a role that
    // comes twice means the first occurrence is not a label.
    auto duplicated_first = [&] {
      const ColumnRole r = classify_column(labels.front()).role;
      if (r == ColumnRole::other) return false;
      for (std::size_t k = 1; k < labels.size(); ++k)
        if (classify_column(labels[k]).role == r) return true;
      return false;
    };
    while (labels.size() > 3 && duplicated_first()) {
      run.erase(run.begin(), run.begin() + static_cast<std::ptrdiff_t>(spans.front()));
      labels.erase(labels.begin());
      spans.erase(spans.begin());
      roles.erase(roles.begin());
    }
    // Three labels at least, as a header row has three words (each label is
    // one word): runs of two (牵头单位：… 配合单位：… in a key-value list) stop here.
    std::optional<std::vector<Column>> cols;
    if (labels.size() >= 3 && can_be_header(roles)) {
      std::string joined;
      for (const auto& l : labels) joined += l + " ";
      cols = header_columns(joined);
    }
    // Above a one-line header, labels one per line are a header only with a
    // table under them: a numbered line before that header (a title printed
    // word by word, 县政府 / 工作任务 / 责任单位 / …, or a note listing the
    // labels, is no header: probe K).
    if (cols && one_line_header) {
      bool rows_under = false;
      for (std::size_t k = run.back() + 1; k < labels_before && !rows_under; ++k)
        rows_under = f.kinds[k] == LineKind::content &&
                     (match_number_marker(lines[k].text).has_value() || bare_number(lines[k].text).has_value());
      if (!rows_under) cols.reset();
    }
    if (cols && cols->size() == labels.size()) {
      f.header_line = run.back();
      f.columns = std::move(*cols);
      header_first = run.front();
      for (auto j : run) {
        f.kinds[j] = LineKind::header;
        vertical.push_back(squeeze_whitespace(lines[j].text));
      }
    } else {
      i = run.back();
    }
  }
  if (!f.header_line && one_line_header) {
    f.header_line = one_line_header;
    f.columns = std::move(one_line_columns);
    vertical = std::move(one_line_vertical);
    header_first = one_line_first;
  } else if (f.header_line && one_line_header && !one_line_vertical.empty()) {
    f.kinds[one_line_first] = LineKind::content;  // that header's first line, marked when it was found
  }
  if (!f.header_line) return f;
  const std::size_t h = *f.header_line;
  if (vertical.empty()) header_first = h;
  f.kinds[h] = LineKind::header;
  for (auto& c : f.columns) c.label = repair_text({c.label});

  // The title is the paragraph right above the header row.
  std::size_t t = header_first;
  while (t > 0 && f.kinds[t - 1] == LineKind::blank) --t;
  std::size_t title_end = t;
  while (t > 0 && f.kinds[t - 1] == LineKind::content) --t;
  // 附件1 printed right above the title, with no blank line: not the title's.
  while (t < title_end && title_end - t > 1 && is_annex_marker(lines[t].text)) f.kinds[t++] = LineKind::footer;
  if (t < title_end) {
    for (std::size_t i = t; i < title_end; ++i) f.kinds[i] = LineKind::title;
    f.title_lines = {lines[t].number, lines[title_end - 1].number};
  }
  const std::size_t title_first = t;
  // 附件1 above the title (the plan is an annex of its notice): furniture.
  for (std::size_t i = 0; i < title_first; ++i)
    if (f.kinds[i] == LineKind::content && is_annex_marker(lines[i].text)) f.kinds[i] = LineKind::footer;

  const std::string signature = squeeze_whitespace(lines[h].text);
  const std::uint64_t signature_chars = count_chars(signature);
  // Another table's title: the paragraph right above its header, when it
  // reads like one (附件2, …清单, …方案).
  auto take_title_above = [&](std::size_t i, Furniture::Table& t) {
    std::size_t a = i;
    while (a > 0 && f.kinds[a - 1] == LineKind::blank) --a;
    const std::size_t z = a;
    while (a > 0 && f.kinds[a - 1] == LineKind::content && a > h + 1) --a;
    auto titled = [&] {
      for (std::size_t k = a; k < z; ++k)
        for (std::string_view w : {"附件", "清单", "清單", "方案", "分解表", "分工表", "一览表", "一覽表"})
          if (lines[k].text.find(w) != std::string_view::npos) return true;
      return false;
    };
    // 附件2 printed right above the title, with no blank line: not the title's.
    while (a < z && z - a > 1 && is_annex_marker(lines[a].text)) f.kinds[a++] = LineKind::footer;
    if (a < z && z - a <= 3 && titled()) {
      std::vector<std::string_view> texts;
      for (std::size_t k = a; k < z; ++k) {
        f.kinds[k] = LineKind::title;
        texts.push_back(lines[k].text);
      }
      t.title_lines = {lines[a].number, lines[z - 1].number};
      t.title = repair_text(texts);
    }
  };
  // The header printed again under an annex marker (附件2) a few lines above
  // it: not the header repeated on a new page but another table with the
  // same columns, and its own numbering. The marker is a line of its own:
  // 附件 and a number, nothing else.
  /// The line of the annex marker a few lines above line i, if any.
  auto annex_marker_above = [&](std::size_t i) -> std::optional<std::size_t> {
    std::size_t seen = 0;
    for (std::size_t k = i; k > h + 1 && seen < 3;) {
      --k;
      if (f.kinds[k] == LineKind::blank) continue;
      if (f.kinds[k] == LineKind::title || f.kinds[k] == LineKind::footer) {  // the table's title, taken already
        ++seen;
        continue;
      }
      if (f.kinds[k] != LineKind::content) return std::nullopt;
      if (is_annex_marker(lines[k].text)) return k;
      ++seen;
    }
    return std::nullopt;
  };
  // Another table (附件2): a header row of its own. Its repeats are furniture too.
  std::vector<std::string> more_signatures;
  auto find_another_table = [&](std::size_t i) {
    const Line line = lines[i];  // LineTable hands out values
    // Header rows are short and have several labels: most lines fail here
    // before anything is copied.
    // ... and starts with a label of the left columns (序号, 所属领域, 重点任务 …):
    // checked first, on the first word only, because it fails fastest.
    auto starts_with_left_label = [](std::string_view t) {
      t = trim(t);
      // The first word is short: look no further than 8 characters.
      const std::size_t gap = first_space_or_tab(t, 8 * 3 + 1);
      // Each word below is two ideographs, six bytes: the one-character
      // words of a line with sprayed spaces (学 前 三 年) fail here, before
      // twelve finds.
      if (gap == std::string_view::npos || gap < 6 || gap > 8 * 3) return false;
      const std::string_view word = t.substr(0, gap);
      // string_view constants: a braced list of literals here measured strlen calls per line.
      static constexpr std::string_view kLeftWords[] = {"序号", "序號", "编号", "編號", "领域", "領域",
                                                        "类别", "類別", "任务", "任務", "项目", "項目"};
      bool known = false;
      for (std::string_view w : kLeftWords) known = known || word.find(w) != std::string_view::npos;
      if (!known) return false;
      const ColumnRole r = classify_column(word).role;
      return r == ColumnRole::seq || r == ColumnRole::domain || r == ColumnRole::task;
    };
    if (line.text.size() <= 400 && starts_with_left_label(line.text) && names_a_task_or_units(line.text) &&
        split_words(line.text).size() >= 3) {
      const std::string sq = squeeze_whitespace(line.text);
      if (std::find(more_signatures.begin(), more_signatures.end(), sq) != more_signatures.end()) {
        f.kinds[i] = LineKind::header;
        return;
      }
      if (sq != signature) {
        if (auto cols = header_columns(line.text)) {
          f.kinds[i] = LineKind::header;
          Furniture::Table t;
          t.header_line = i;
          t.columns = std::move(*cols);
          for (auto& c : t.columns) c.label = repair_text({c.label});
          take_title_above(i, t);
          if (const auto marker = annex_marker_above(i)) f.kinds[*marker] = LineKind::footer;
          f.more_tables.push_back(std::move(t));
          more_signatures.push_back(sq);
          return;
        }
      }
    }
  };
  // The header at line i again: furniture, or, under an annex marker a few
  // lines above (附件2), another table with the same columns and its own
  // numbering.
  auto header_again_at = [&](std::size_t i) {
    f.kinds[i] = LineKind::header;
    if (const auto marker = annex_marker_above(i)) {
      Furniture::Table t;
      t.header_line = i;
      t.columns = f.columns;
      take_title_above(i, t);
      f.kinds[*marker] = LineKind::footer;  // the marker is furniture, not a cell of the last row
      f.more_tables.push_back(std::move(t));
    }
  };
  // A header printed one label a line, as it reads on one line (its repeat
  // on a later page may be printed so).
  std::string vertical_on_one_line;
  if (!vertical.empty()) {
    for (const auto& v : vertical) vertical_on_one_line.append(v).append(" ");
    vertical_on_one_line = squeeze_whitespace(vertical_on_one_line);
  }
  for (std::size_t i = h + 1; i < lines.size(); ++i) {
    if (f.kinds[i] == LineKind::blank) continue;
    const Line line = lines[i];
    if (is_page_footer(line.text) || is_document_tail(line.text) || is_continued_table_mark(line.text)) {
      f.kinds[i] = LineKind::footer;
      continue;
    }
    if (!vertical.empty()) {
      // A repeated one-per-line header: the labels again, in order. Or
      // another table's header, on one line.
      const std::string squeezed = squeeze_whitespace(line.text);
      if (squeezed != vertical[0]) {
        // The same labels on one line: the header again, not another
        // table's header (probe K).
        if (squeezed == vertical_on_one_line) {
          header_again_at(i);
          continue;
        }
        find_another_table(i);
        continue;
      }
      std::vector<std::size_t> run{i};
      for (std::size_t j = i + 1; j < lines.size() && run.size() < vertical.size(); ++j) {
        if (f.kinds[j] == LineKind::blank) continue;
        if (squeeze_whitespace(lines[j].text) != vertical[run.size()]) break;
        run.push_back(j);
      }
      if (run.size() == vertical.size()) {
        for (auto j : run) f.kinds[j] = LineKind::header;
        i = run.back();
      }
      continue;
    }
    if (line.text.size() < signature.size()) {
      find_another_table(i);
      continue;
    }
    if (auto end = squeezed_prefix(line.text, signature)) {
      if (is_blank(line.text.substr(*end))) {
        header_again_at(i);
        continue;
      }
      // A header glued onto the start of a data line: the data is the rest.
      lines.narrow(i, line.text.substr(*end));
      lines.mark_page_break(i);
      f.glued_header_lines.push_back(i);
      f.glued_header_chars += signature_chars;
    } else if (auto start = squeezed_suffix(line.text, signature)) {
      // A header glued onto the end of a data line: a page starts after it.
      lines.narrow(i, line.text.substr(0, *start));
      if (i + 1 < lines.size()) lines.mark_page_break(i + 1);
      f.glued_header_lines.push_back(i);
      f.glued_header_chars += signature_chars;
    } else {
      find_another_table(i);
    }
  }
  mark_running_titles_and_page_numbers(lines, f, h, title_first, title_end);
  return f;
}

}  // namespace qingdan::detail
