// The parse pipeline, one stage per file:
//
//   decode.cpp      bytes            -> UTF-8 text (validated, BOM removed)
//   lines.cpp       text             -> numbered lines with byte offsets
//   furniture.cpp   lines            -> title, header row (columns), repeated
//                                       headers and page footers
//   columns.cpp     header label     -> column role and year
//   blocks.cpp      lines + furniture-> blocks: domain headings, task headings,
//                                       cells (paragraphs between blank lines)
//   rows.cpp        blocks + columns -> domains / tasks / rows of cells
//   text_repair.cpp cell lines       -> one clean string (wraps joined, CJK
//                                       spacing removed, NFC)
//   fields.cpp      clean text       -> items (一是…二是…) and unit roles
//   coverage.cpp    everything above -> character accounting
//   json.cpp, xml.cpp                -> serialisation
//
// parse.cpp runs them in order. Each stage is a plain function over plain
// data, so tests drive them one at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "qingdan/document.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan::detail {

// Byte loops, not memcmp: the words compared are a few characters long and
// most comparisons fail within the first character compared, where a call to
// memcmp cost more than the comparison (memcmp was 4-5 % of the list, pipe and
// Big5 documents' profiles).
// ends_with compares from the end, where CJK characters differ at once (a
// trail byte) rather than after a shared lead byte.
inline bool starts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (s[i] != prefix[i]) return false;
  return true;
}
inline bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const char* end = s.data() + s.size();
  for (std::size_t i = 1; i <= suffix.size(); ++i)
    if (end[-static_cast<std::ptrdiff_t>(i)] != suffix[suffix.size() - i]) return false;
  return true;
}
/// string_view::find, fast on CJK text (see find_text.cpp).
std::size_t find_text(std::string_view hay, std::string_view needle, std::size_t from = 0);
inline bool contains(std::string_view hay, std::string_view needle) {
  return find_text(hay, needle) != std::string_view::npos;
}
/// Where the first colon of `text` starts, ':' or '：' (EF BC 9A), and its
/// length in `len`; npos when there is none.
std::size_t find_colon(std::string_view text, std::size_t& len);

/// The code point at p[i], advancing i: U8_NEXT, with the three-byte
/// characters of leads E1..EC and EE..EF (all of CJK, CJK punctuation, the
/// full-width forms), which are well formed whatever their continuation
/// bytes, assembled inline. The same result as U8_NEXT for every input.
inline UChar32 next_code_point(const std::uint8_t* p, std::int32_t& i, std::int32_t n) {
  const std::uint8_t b = p[i];
  if (b < 0x80) {
    ++i;
    return b;
  }
  if (b >= 0xE1 && b != 0xED && b <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
    const auto c = static_cast<UChar32>((b & 0x0F) << 12 | (p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F));
    i += 3;
    return c;
  }
  UChar32 c;
  U8_NEXT(p, i, n, c);
  return c;
}

/// Whitespace, the same for every stage: ICU's White_Space property (space,
/// tab, CR/LF, VT, FF, NBSP, U+3000 …) plus the zero-width U+FEFF and U+200B
/// that PDF extractors leave behind. U+001C..001F are *not* whitespace.
inline bool is_ascii_space(UChar32 c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}
inline bool is_space(UChar32 c) {
  if (c < 0x80) return is_ascii_space(c);
  // Nothing above U+3000 has White_Space: CJK text skips the property lookup.
  if (c > 0x3000) return c == 0xFEFF;
  return c == 0x200B || u_isUWhiteSpace(c);
}

/// Whitespace above ASCII (see is_space), as UTF-8: C2 85, C2 A0, E1 9A 80,
/// E2 80 80..8B, E2 80 A8/A9/AF, E2 81 9F, E3 80 80, EF BB BF. `c` is not
/// looked at for the two-byte ones.
inline bool wide_space_at(std::uint8_t a, std::uint8_t b, std::uint8_t c) {
  return (a == 0xC2 && (b == 0x85 || b == 0xA0)) || (a == 0xE1 && b == 0x9A && c == 0x80) ||
         (a == 0xE2 && b == 0x80 && ((c >= 0x80 && c <= 0x8B) || c == 0xA8 || c == 0xA9 || c == 0xAF)) ||
         (a == 0xE2 && b == 0x81 && c == 0x9F) || (a == 0xE3 && b == 0x80 && c == 0x80) ||
         (a == 0xEF && b == 0xBB && c == 0xBF);
}

/// True when a whitespace character (is_space) starts at byte i of the n
/// bytes at p, read from the bytes alone.
inline bool space_at(const std::uint8_t* p, std::size_t i, std::size_t n) {
  const std::uint8_t b = p[i];
  if (b < 0x80) return is_ascii_space(b);
  // Only C2, E1, E2, E3 and EF lead wide spaces: CJK text fails here.
  if (b != 0xC2 && (b < 0xE1 || b > 0xE3) && b != 0xEF) return false;
  return i + 1 < n && wide_space_at(b, p[i + 1], i + 2 < n ? p[i + 2] : 0);
}

/// The length in bytes of the whitespace character that space_at found
/// starting with byte `lead`: ASCII, C2 xx, or three bytes.
inline std::size_t space_length(std::uint8_t lead) {
  return lead < 0x80 ? 1 : lead == 0xC2 ? 2 : 3;
}

/// The length in bytes of the whitespace character (is_space) that ends
/// right before byte `end` of p, not reaching before byte `begin`; 0 when the
/// character there is not whitespace (or not well-formed). Read backwards
/// from the bytes alone, as space_at reads forwards.
inline std::size_t space_before(const std::uint8_t* p, std::size_t begin, std::size_t end) {
  if (end <= begin) return 0;
  const std::uint8_t b = p[end - 1];
  if (b < 0x80) return is_ascii_space(b) ? 1 : 0;
  // C2 is never a continuation byte: C2 xx is the whole character.
  if (end - begin >= 2 && p[end - 2] == 0xC2 && wide_space_at(0xC2, b, 0)) return 2;
  // A three-byte lead (wide_space_at takes C2 xx without looking at a third byte).
  if (end - begin >= 3 && p[end - 3] >= 0xE0 && wide_space_at(p[end - 3], p[end - 2], b)) return 3;
  return 0;
}

// ---- decode ---------------------------------------------------------------
struct Decoded {
  /// Valid UTF-8, without BOM: a view of the input when that was valid UTF-8
  /// (no copy), else of `storage`. Not to be copied: the view would dangle.
  std::string_view text;
  std::string storage;   ///< the converted text (UTF-16, GB18030, Big5 input)
  std::string encoding;  ///< e.g. "UTF-8"
  std::uint64_t bom_bytes = 0;
  /// Characters XML cannot carry (C0 controls but tab..CR, U+FFFE, U+FFFF):
  /// their count, and the text offsets of the first few (found while
  /// validating, so clean text costs nothing extra).
  std::uint64_t unusual_count = 0;
  std::vector<std::uint64_t> unusual;
  /// GB18030 or Big5 decoded by the build's table of ICU's two-byte
  /// mappings, without opening a converter (for tests and benchmarks).
  bool without_icu = false;
  void note_unusual(std::uint64_t offset) {
    if (unusual_count++ < 64) unusual.push_back(offset);
  }
};
/// True when `bytes` is valid UTF-8 with nothing decode has to note (C0
/// controls but tab..CR, U+FFFE, U+FFFF), checked 16 or 32 bytes at a time;
/// false also where the CPU cannot (decode then goes character by character).
bool utf8_is_clean(std::string_view bytes);
/// Detection's choice between two clean decodings: the bytes, read as Big5,
/// fall into Big5's common tier more often than into GB18030's read as GB18030.
bool reads_more_like_big5(std::string_view bytes);
/// utf8_is_clean with the 16-byte scan alone, for tests on CPUs with AVX2.
bool utf8_is_clean_16(std::string_view bytes);
/// UTF-8 (BOM optional), UTF-16LE/BE or GB18030 by their BOM, else valid
/// UTF-8, else GB18030 or Big5 (whichever decodes and reads more like its
/// own common characters); `forced` names one. Fails with the line/offset
/// of the first bad byte.
/// `out.text` may point into `bytes`, which must outlive it.
bool decode(std::string_view bytes, Decoded& out, ParseError& error, std::string_view forced = {});

// ---- lines ------------------------------------------------------------------
/// A line: a view of the decoded text (its byte offset is text.data() minus
/// the start of the text), as LineTable hands it out.
struct Line {
  std::string_view text;     ///< without the line terminator and without form feeds
  std::uint32_t number = 0;  ///< 1-based
  bool page_break = false;   ///< a form feed preceded or started this line
};

/// The lines of a decoded text, 8 bytes a line: the offset and length of each
/// in the text (the page-break flag in the length's top bit); a line's number
/// is its index + 1. After the text itself it is the largest thing a parse
/// holds (a third of what a vector of Line took), so that peak memory stays
/// within 3 x the input. Reading gives Line values; the text must outlive the
/// table, and it may hold at most kMaxText bytes.
class LineTable {
 public:
  static constexpr std::size_t kMaxText = (std::size_t{1} << 31) - 1;

  LineTable() = default;
  explicit LineTable(std::string_view text) : base_(text.data()) {}

  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  std::size_t capacity() const noexcept { return entries_.capacity(); }
  void reserve(std::size_t n) { entries_.reserve(n); }

  Line operator[](std::size_t i) const noexcept {
    const Entry e = entries_[i];
    return {std::string_view(base_ + e.offset, e.size & ~kBreak), static_cast<std::uint32_t>(i + 1),
            (e.size & kBreak) != 0};
  }
  Line front() const noexcept { return (*this)[0]; }
  Line back() const noexcept { return (*this)[size() - 1]; }

  /// Appends a line: `text` is a part of the table's text.
  void push_back(std::string_view text, bool page_break) { entries_.push_back(entry(text, page_break)); }
  /// Line i becomes `text`, a part of what it was.
  void narrow(std::size_t i, std::string_view text) { entries_[i] = entry(text, (entries_[i].size & kBreak) != 0); }
  void mark_page_break(std::size_t i) { entries_[i].size |= kBreak; }

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Line;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Line;
    const_iterator() = default;
    const_iterator(const LineTable* t, std::size_t i) : t_(t), i_(i) {}
    Line operator*() const noexcept { return (*t_)[i_]; }
    Line operator[](difference_type n) const noexcept { return (*t_)[i_ + static_cast<std::size_t>(n)]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      auto c = *this;
      ++i_;
      return c;
    }
    const_iterator& operator--() {
      --i_;
      return *this;
    }
    const_iterator operator--(int) {
      auto c = *this;
      --i_;
      return c;
    }
    const_iterator& operator+=(difference_type n) {
      i_ = static_cast<std::size_t>(static_cast<difference_type>(i_) + n);
      return *this;
    }
    const_iterator& operator-=(difference_type n) { return *this += -n; }
    friend const_iterator operator+(const_iterator a, difference_type n) { return a += n; }
    friend const_iterator operator+(difference_type n, const_iterator a) { return a += n; }
    friend const_iterator operator-(const_iterator a, difference_type n) { return a -= n; }
    friend difference_type operator-(const_iterator a, const_iterator b) {
      return static_cast<difference_type>(a.i_) - static_cast<difference_type>(b.i_);
    }
    friend bool operator==(const_iterator a, const_iterator b) { return a.i_ == b.i_; }
    friend bool operator!=(const_iterator a, const_iterator b) { return a.i_ != b.i_; }
    friend bool operator<(const_iterator a, const_iterator b) { return a.i_ < b.i_; }
    friend bool operator>(const_iterator a, const_iterator b) { return a.i_ > b.i_; }
    friend bool operator<=(const_iterator a, const_iterator b) { return a.i_ <= b.i_; }
    friend bool operator>=(const_iterator a, const_iterator b) { return a.i_ >= b.i_; }

   private:
    const LineTable* t_ = nullptr;
    std::size_t i_ = 0;
  };
  const_iterator begin() const noexcept { return {this, 0}; }
  const_iterator end() const noexcept { return {this, size()}; }

 private:
  static constexpr std::uint32_t kBreak = 0x80000000u;
  struct Entry {
    std::uint32_t offset;
    std::uint32_t size;  ///< length | kBreak
  };
  Entry entry(std::string_view text, bool page_break) const {
    return {static_cast<std::uint32_t>(text.data() - base_),
            static_cast<std::uint32_t>(text.size()) | (page_break ? kBreak : 0u)};
  }
  const char* base_ = nullptr;
  std::vector<Entry> entries_;
};

/// Warns about characters that survive into the output but that XML 1.0
/// cannot carry (C0 controls other than tab/LF/CR/VT/FF, U+FFFE, U+FFFF): the
/// XML writer spells them \uXXXX. At most `limit` warnings, then a summary.
void report_control_characters(const Decoded& decoded, const LineTable& lines, std::vector<Diagnostic>& diagnostics,
                               std::size_t limit = 20);

/// Splits on \n, \r\n and \r. Form feeds are removed from the text and mark a page break.
LineTable split_lines(std::string_view text);

/// Text without leading and trailing (Unicode) whitespace.
std::string_view trim_slow(std::string_view text);
/// Text without leading and trailing (Unicode) whitespace. Called several
/// times per line by the stages, so the usual case is answered inline from
/// the end bytes: visible ASCII, or a 3-byte character that is an ideograph
/// (lead E4..E9) or CJK / full-width punctuation other than U+3000 / U+FEFF.
/// That reading takes the text to be well-formed UTF-8, as decoded text is;
/// trim_slow also leaves ill-formed bytes at either end alone.
inline std::string_view trim(std::string_view text) {
  const std::size_t n = text.size();
  if (n >= 3) {
    const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
    auto visible3 = [](const std::uint8_t* q) {
      return (q[0] >= 0xE4 && q[0] <= 0xE9) || (q[0] == 0xE3 && !(q[1] == 0x80 && q[2] == 0x80)) ||
             (q[0] == 0xEF && !(q[1] == 0xBB && q[2] == 0xBF));
    };
    auto visible_ascii = [](std::uint8_t b) { return b > 0x20 && b < 0x7F; };
    if ((visible_ascii(s[0]) || visible3(s)) && (visible_ascii(s[n - 1]) || visible3(s + n - 3))) return text;
  }
  return trim_slow(text);
}
/// The text without any whitespace: what a repeated header row or a wrapped
/// heading keeps however an extractor re-spaces, indents or wraps it.
std::string squeeze_whitespace(std::string_view text);
/// True when the text holds only whitespace (ASCII, U+3000, NBSP and other
/// Unicode spaces). A line starting with visible ASCII or an ideograph is
/// answered from its first byte.
inline bool is_blank(std::string_view text) {
  if (text.empty()) return true;
  const auto b = static_cast<std::uint8_t>(text.front());
  if ((b > 0x20 && b < 0x7F) || (b >= 0xE4 && b <= 0xE9)) return false;
  return trim_slow(text).empty();
}

// ---- columns ----------------------------------------------------------------
/// The role a header label names (序号 → seq, 三年目标 → goal, 2023年工作目标 →
/// annual_target …) and the year it mentions, if any.
Column classify_column(std::string_view label);
/// classify_column(label).role, without building the Column (no copy of the
/// label; the year is read only when it decides the role).
ColumnRole column_role(std::string_view label);
/// A header's roles settled as a whole: a table's second task column
/// (重点任务 … 工作内容) holds its measures; with no task column, a target
/// column whose label names a task too (目标任务) is the task column.
void settle_column_roles(std::vector<Column>& columns);
/// classify_column(label).role != ColumnRole::other, without building the Column.
bool names_a_column(std::string_view label);
/// The year a label names: the first 19xx or 20xx followed by 年 (ASCII
/// whitespace between), as in 2023年工作目标.
std::optional<int> year_in_label(std::string_view label);
/// The year at text[i]: 19xx or 20xx, ASCII spaces, 年; `after` is set past 年.
std::optional<int> year_at(std::string_view text, std::size_t i, std::size_t& after);
/// The text before a year ends with a range's dash (the 2025 of 2023—2025年, 2023至2025年).
bool ends_a_year_range(std::string_view before);
/// classify_column(label).role, but a goal stays a goal whatever year the
/// label names (the year turns only a goal into an annual target).
ColumnRole column_role_without_year(std::string_view label);

// ---- furniture --------------------------------------------------------------
enum class LineKind : std::uint8_t { content, blank, title, header, footer };

struct Furniture {
  std::vector<LineKind> kinds;  ///< one per line
  std::vector<Column> columns;
  std::optional<std::size_t> header_line;  ///< index of the first header row
  /// A later table of the same document (附件2): its header row, columns and
  /// the title paragraph above it. Numbering restarts there.
  struct Table {
    std::size_t header_line = 0;
    std::vector<Column> columns;
    LineSpan title_lines;
    std::string title;
  };
  std::vector<Table> more_tables;
  LineSpan title_lines;
  /// Lines that had a repeated header row glued to their start or end; the
  /// header part has been cut off Line::text, its characters are furniture.
  std::vector<std::size_t> glued_header_lines;
  std::uint64_t glued_header_chars = 0;
};
/// Finds the header row, the title above it, repeated header rows and page
/// footers. Cuts a repeated header glued onto a data line off that line's text.
Furniture find_furniture(LineTable& lines);
/// The header screens, cheapest first (exposed for their tests): the text
/// holds two whitespace characters (is_space); it holds a pair of characters
/// every task or units label has (任务 项目 事项 单位 责任 部门 内容, either script).
bool has_two_spaces(std::string_view text);
bool names_a_task_or_units(std::string_view text);
/// A header line's labels: the runs of non-whitespace (is_space) characters.
std::vector<std::string_view> split_words(std::string_view text);
/// Where the first ASCII space or tab is among the first `limit` bytes of
/// text (limit at most 32); npos when there is none.
std::size_t first_space_or_tab(std::string_view text, std::size_t limit);
/// One header label on its own: a single short word naming a column role
/// (or a person/remark column), not a numbered item.
bool is_column_label(std::string_view text);
/// is_column_label, with the label's column_role_without_year (other for a
/// person/remark column); none when it is not a label.
std::optional<ColumnRole> column_label_role(std::string_view text);
/// "第 4 页，共 10 页", "- 4 -", "4/10" …
bool is_page_footer(std::string_view text);
/// The lines that close a published notice: 抄送：… / 抄报：… / 主送：… and
/// the issuing office with its date (…2024年3月5日印发). Furniture, not data.
bool is_document_tail(std::string_view text);
/// 续表 / （续表） / 续上表 alone on a line: a table going on from the page before.
bool is_continued_table_mark(std::string_view text);
/// A line that is an annex marker and nothing else: 附件, a number (either
/// width, or Chinese), maybe a colon (附件1, 附件２：, 附件二).
bool is_annex_marker(std::string_view text);
/// The signature that closes a notice: its last paragraph, after a blank
/// line, the issuing offices (…人民政府办公室, …委员会) on a line each and
/// the date alone (2024年3月15日). Its first line, or lines.size() if the
/// text does not end so.
std::size_t closing_signature(const LineTable& lines);

// ---- blocks -----------------------------------------------------------------
enum class BlockKind : std::uint8_t { domain_heading, section_heading, task_heading, cell };

/// 24 bytes: a large input has hundreds of thousands of blocks.
struct Block {
  std::uint32_t first = 0;         ///< index into lines (inclusive)
  std::uint32_t last = 0;          ///< index into lines (inclusive)
  std::uint32_t marker_bytes = 0;  ///< bytes of the numbering marker at the start of the first line
  std::uint32_t table = 0;         ///< 0: the first table; k: Furniture::more_tables[k - 1]
  int seq = 0;                     ///< heading number
  BlockKind kind = BlockKind::cell;
  bool after_page_break = false;  ///< page furniture sits between this block and the previous one
  /// A domain heading printed without a number: the 所属领域 cell's bare name
  /// (幼有所育) above the row's task. seq then counts such headings.
  bool unnumbered = false;
};

/// Heading shapes, checked on one line.
struct HeadingMatch {
  int seq = 0;
  std::size_t marker_bytes = 0;  ///< length of the leading number marker incl. spaces
};
std::optional<HeadingMatch> match_domain_heading(std::string_view line);
std::optional<HeadingMatch> match_task_heading(std::string_view line);

/// A cell that is a deadline and nothing else: a date or period the reader
/// understands whole (2024年底前, 2024年6月—12月), or one of the forms that
/// name none (长期坚持, 持续推进, 全年).
bool is_deadline_cell(std::string_view text);
/// The text ends with one of is_deadline_cell's forms that name no date (…；长期坚持).
bool ends_with_a_form_naming_no_date(std::string_view text);
/// A units cell that closes a row: it ends in a role word (…牵头, …配合,
/// …负责) or in the governments that implement (…人民政府, …（街道）).
bool ends_with_role_word(std::string_view text);

/// `chinese_paren_tasks`: the tasks are numbered （一）（二） (asked again so
/// when a table has no task numbered otherwise).
std::vector<Block> find_blocks(const LineTable& lines, const Furniture& furniture, std::vector<Diagnostic>& diagnostics,
                               bool chinese_paren_tasks = false);

// ---- numbering --------------------------------------------------------------
/// A line that is a number and nothing else (a 序号 cell printed on a line of
/// its own, or a page number): its value, 1 to 999, in either width.
std::optional<int> bare_number(std::string_view line);

enum class NumberStyle : std::uint8_t {
  arabic_dot,     ///< 1.  1、 1．
  arabic_paren,   ///< (1) （1）
  chinese_paren,  ///< （一） (一)
  chinese_comma,  ///< 一、 一．
  circled,        ///< ①
  arabic_space,   ///< "1 幼有所育" (the domain column of a table)
  part,           ///< 第一部分 第二篇 第三章: a part of the plan
  article,        ///< 第一条 第二项: numbered like a part, one item each
  chinese_shi,    ///< 一是 二是: items of a list only where each line names its units
};
struct NumberMarker {
  NumberStyle style = NumberStyle::arabic_dot;
  int value = 0;
  std::size_t bytes = 0;  ///< marker and the spaces after it
};
/// The numbering marker a line starts with, if any (text must follow it).
std::optional<NumberMarker> match_number_marker(std::string_view line);
/// （一） or (一) and nothing else: the 序号 cell of tasks numbered so.
std::optional<int> bare_chinese_paren_number(std::string_view line);
/// 一 … 九十九 at s[i]; advances i past it.
std::optional<int> read_chinese_number(std::string_view s, std::size_t& i);

// ---- list layouts -----------------------------------------------------------
/// Documents without a header row: numbered items whose units are given as
/// key-value lines (牵头单位：X) or in a parenthesis at the end of the item
/// (（X牵头，Y配合）), under headings 一、/（一）. Fills domains, tasks, rows,
/// columns, coverage and diagnostics; false when no item carries units.
bool parse_list_layout(const LineTable& lines, Document& document);

// ---- pipe tables ------------------------------------------------------------
/// Most non-blank lines end in "|": one cell per line, as some converters print.
bool looks_like_pipe_table(const LineTable& lines);
/// Header cells, merged heading cells (domains), rows started by their
/// number; false when no header or no row is found. `header_line`, when
/// given, is set to the line number of the header's first cell.
bool parse_pipe_layout(const LineTable& lines, Document& document, std::uint32_t* header_line = nullptr);

// ---- tables one row per line ------------------------------------------------
/// A table whose rows are lines: tab-separated (a spreadsheet's copy) or
/// aligned in columns by spaces (pdftotext -layout). See grid_layout.cpp.
enum class GridKind { none, tabs, aligned };
/// Which, if any, the text after the header row find_furniture found is.
GridKind grid_kind(const LineTable& lines, const Furniture& furniture);
/// The records of such a table (the title is set already).
void assemble_grid(GridKind kind, const LineTable& lines, const Furniture& furniture, Document& document);

// ---- text repair ------------------------------------------------------------
/// Joins wrapped lines and repairs spacing: see text_repair.cpp for the rules.
std::string repair_text(const std::vector<std::string_view>& lines);
/// Removes one trailing 。 (titles and names).
std::string drop_trailing_full_stop(std::string text);

// ---- matching keys ----------------------------------------------------------
/// Code points in a UTF-8 string.
std::size_t count_code_points(std::string_view utf8);
/// `text` without its first `front` and last `back` code points.
std::string_view drop_code_points(std::string_view text, std::size_t front, std::size_t back);

// ---- field analysis ---------------------------------------------------------
/// 一是…二是… enumeration; the whole text as one item when there is none.
std::vector<TextRange> split_items(std::string_view text);
/// A field holding `text` (taken, not copied), its items and its lines: what
/// every layout makes of a cell's repaired text.
inline Field field_of_text(std::string text, LineSpan lines) {
  Field f;
  f.text = std::move(text);
  f.items = split_items(f.text);
  f.lines = lines;
  return f;
}
/// Document-wide conventions that change how unit lists read.
struct UnitConventions {
  /// The document says 列第一位的为牵头单位: in a list without role words the
  /// first unit leads and the others support.
  bool first_listed_leads = false;
};
/// Fills lead / support / implementers from units.text: clauses split on
/// ，；,; outside parentheses; keys (牵头单位：, 配合单位：, 责任单位：) or
/// role words (…牵头, …分别牵头, …配合, …按职能配合) give the role; 责任单位
/// supports when a lead is named and leads otherwise; 各县市人民政府,
/// 各县（市、区）政府, 各乡镇（街道） … are implementers; names split on 、.
/// Returns true when a role was inferred rather than read: a unit named with
/// no role word was taken as lead (or by the first-listed convention).
bool analyse_units(Units& units, const UnitConventions& conventions = {});
/// The same, reading the units from `text` instead of units.text.
bool analyse_units_text(std::string_view text, Units& units, const UnitConventions& conventions = {});
/// Clauses of a units text: split on ，；,; outside parentheses, trimmed.
std::vector<std::string_view> split_clauses(std::string_view text);
/// The same into a list the caller keeps and reuses (cleared first).
void split_clauses_into(std::string_view text, std::vector<std::string_view>& out);
/// True when a text states the first-listed-leads convention (列第一位…).
bool states_first_listed_convention(std::string_view text);
/// True when a text reads like a responsible-units cell (州民政局牵头；各县市人民政府).
bool reads_like_units(std::string_view text);
/// True when a name ends like an organisation's (…局, …中心, …政府, …（街道）).
bool ends_like_an_organisation(std::string_view name);

// ---- rows -------------------------------------------------------------------
/// Builds the domain/task/row tree with texts, items and unit roles, adds
/// diagnostics and fills the coverage accounting.
void assemble(const LineTable& lines, const Furniture& furniture, const std::vector<Block>& blocks, Document& document);

/// True when a character is "wide" for spacing purposes: a CJK ideograph, or
/// East Asian Width Wide/Fullwidth (CJK punctuation, full-width forms).
bool is_wide(char32_t c);

/// A deadline cell with the ISO date (or ISO interval) it names, if any;
/// `year` fills in a date without one (6月底前 under a 2023年 column).
Deadline make_deadline(Field field, std::optional<int> year = std::nullopt);
/// Deadlines that name a month or quarter but no year (6月底前) get the date
/// in the one year the document's title names for the plan, if it names one;
/// an info diagnostic says so.
void date_yearless_deadlines(Document& document);
/// Puts cells (document column index, field) into a Row by column role;
/// unit columns are merged into one Units (roles from their labels).
/// An inferred unit role is noted in `diagnostics` (info, with its line).
/// The fields are moved out of `cells` (the caller reuses the list).
Row row_from_cells(std::vector<std::pair<std::size_t, Field>>& cells, const std::vector<Column>& columns,
                   const UnitConventions& conventions, std::vector<Diagnostic>* diagnostics = nullptr);
/// The info diagnostic for a unit role that was inferred, not read.
Diagnostic inferred_role_note(const Units& units);

// ---- coverage ---------------------------------------------------------------
/// Non-whitespace characters in the text.
std::uint64_t count_chars(std::string_view text);
/// count_chars without the 32-byte (AVX2) loop, for tests on machines that have it.
std::uint64_t count_chars_16(std::string_view text);

/// Where a line's characters went.
enum class LineUse : std::uint8_t { none, field, furniture };
/// Fills document.coverage from what each line was used for and adds one
/// warning per run of unassigned lines. `furniture_in_line[i]` counts the
/// characters of a field line that are markup (numbering markers, pipe
/// bars); `furniture_elsewhere` those cut off the lines (glued headers).
void account_coverage(const LineTable& lines, const std::vector<LineUse>& use,
                      const std::vector<std::uint32_t>& furniture_in_line, std::uint64_t furniture_elsewhere,
                      Document& document);

/// About how many bytes to_json_string writes for `d` at `indent`, from what
/// the document holds: at or a little above the output, so that its buffer
/// is sized once (json.cpp).
std::uint64_t json_size_estimate(const Document& d, int indent);

}  // namespace qingdan::detail
