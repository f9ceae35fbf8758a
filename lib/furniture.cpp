// Stage 3: page furniture — the parts of a page that are layout, not data.
//
// The header row tells us the columns; the same row repeated at the top of
// every page, page footers ("第 4 页，共 10 页") and the title are furniture.
// Repeated headers are recognised by their characters with all whitespace
// removed, because extractors indent and re-space them freely, and one glued
// onto the end or start of a data line is cut off that line.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <boost/regex/icu.hpp>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

/// The text without any whitespace, and for each kept byte its offset in `text`.
struct Squeezed {
  std::string chars;
  std::vector<std::size_t> origin;
};

Squeezed squeeze(std::string_view text) {
  Squeezed out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (is_space(c)) continue;
    for (std::int32_t k = start; k < i; ++k) {
      out.chars.push_back(text[static_cast<std::size_t>(k)]);
      out.origin.push_back(static_cast<std::size_t>(k));
    }
  }
  return out;
}

/// Splits a header line into labels at whitespace.
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  std::int32_t word_start = -1;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const bool space = is_space(c);
    if (space && word_start >= 0) {
      words.push_back(text.substr(static_cast<std::size_t>(word_start), static_cast<std::size_t>(start - word_start)));
      word_start = -1;
    } else if (!space && word_start < 0) {
      word_start = start;
    }
  }
  if (word_start >= 0) words.push_back(text.substr(static_cast<std::size_t>(word_start)));
  return words;
}

/// A header row names at least three different known roles, one of them the
/// task or the responsible units — the two every decomposition list has.
std::optional<std::vector<Column>> header_columns(std::string_view text) {
  if (text.size() > 400) return std::nullopt;  // header rows are short; keeps the scan linear
  auto words = split_words(text);
  if (words.size() < 3 || words.size() > 24) return std::nullopt;
  std::vector<Column> columns;
  unsigned seen = 0;
  for (auto w : words) {
    columns.push_back(classify_column(w));
    if (columns.back().role != ColumnRole::other) seen |= 1u << static_cast<unsigned>(columns.back().role);
  }
  const bool has_anchor = (seen & (1u << static_cast<unsigned>(ColumnRole::task))) ||
                          (seen & (1u << static_cast<unsigned>(ColumnRole::units)));
  if (__builtin_popcount(seen) < 3 || !has_anchor) return std::nullopt;
  return columns;
}

}  // namespace

bool is_page_footer(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 80) return false;
  const unsigned char first = static_cast<unsigned char>(text.front());
  // Cheap gate: footers start with 第 (E7 AC AC), 共, a dash, a digit or "Page".
  if (!(first == 0xE7 || first == 0xE2 || first == 0xEF || first == '-' || (first >= '0' && first <= '9') ||
        first == 'P' || first == 'p'))
    return false;
  static const boost::u32regex footer = boost::make_u32regex(
      "^(?:"
      "第\\s*[0-9]+\\s*页\\s*(?:[，,、]?\\s*共\\s*[0-9]+\\s*页)?"
      "|共\\s*[0-9]+\\s*页\\s*[，,、]?\\s*第\\s*[0-9]+\\s*页"
      "|[-—–－]\\s*[0-9]+\\s*[-—–－]"
      "|[0-9]+\\s*/\\s*[0-9]+"
      "|[Pp]age\\s*[0-9]+(?:\\s*of\\s*[0-9]+)?"
      ")$");
  return boost::u32regex_match(text.begin(), text.end(), footer);
}

Furniture find_furniture(std::vector<Line>& lines) {
  Furniture f;
  f.kinds.assign(lines.size(), LineKind::content);
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (is_blank(lines[i].text)) f.kinds[i] = LineKind::blank;

  for (std::size_t i = 0; i < lines.size() && !f.header_line; ++i) {
    if (f.kinds[i] == LineKind::blank) continue;
    if (auto cols = header_columns(lines[i].text)) {
      f.header_line = i;
      f.columns = std::move(*cols);
    }
  }
  if (!f.header_line) return f;
  const std::size_t h = *f.header_line;
  f.kinds[h] = LineKind::header;
  for (auto& c : f.columns) c.label = repair_text({c.label});

  // The title is the paragraph right above the header row.
  std::size_t t = h;
  while (t > 0 && f.kinds[t - 1] == LineKind::blank) --t;
  std::size_t title_end = t;
  while (t > 0 && f.kinds[t - 1] == LineKind::content) --t;
  if (t < title_end) {
    for (std::size_t i = t; i < title_end; ++i) f.kinds[i] = LineKind::title;
    f.title_lines = {lines[t].number, lines[title_end - 1].number};
  }

  const std::string signature = squeeze(lines[h].text).chars;
  for (std::size_t i = h + 1; i < lines.size(); ++i) {
    if (f.kinds[i] == LineKind::blank) continue;
    Line& line = lines[i];
    if (is_page_footer(line.text)) {
      f.kinds[i] = LineKind::footer;
      continue;
    }
    if (line.text.size() < signature.size()) continue;
    const Squeezed sq = squeeze(line.text);
    if (sq.chars == signature) {
      f.kinds[i] = LineKind::header;
      continue;
    }
    // A header glued onto a data line: keep the data part as the line's text.
    if (sq.chars.size() > signature.size()) {
      const std::size_t cut = sq.chars.size() - signature.size();
      if (sq.chars.compare(cut, std::string::npos, signature) == 0) {
        line.text = line.text.substr(0, sq.origin[cut]);
        f.glued_header_lines.push_back(i);
        f.glued_header_chars += count_chars(signature);
      } else if (sq.chars.compare(0, signature.size(), signature) == 0) {
        const std::size_t from = sq.origin[signature.size()];
        line.offset += from;
        line.text = line.text.substr(from);
        line.page_break = true;
        f.glued_header_lines.push_back(i);
        f.glued_header_chars += count_chars(signature);
      }
    }
  }
  return f;
}

}  // namespace qingdan::detail
