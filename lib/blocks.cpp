// Stage 4: lines -> blocks.
//
// A block is a domain heading ("1 幼有所育"), a task heading ("1.加大标准…")
// or a cell: the lines of one paragraph. Blank lines and page furniture end a
// block. Headings are recognised by shape *and* by context, because table
// text is full of lines that start with numbers ("0.8名。", "1.3倍。"):
//  - a task heading starts a block and its number is not lower than the last;
//  - a new domain heading is followed by a task heading; a repeated one
//    (same number and name, top of a continuation page) may stand anywhere,
//    even glued under the previous cell.
#include <unicode/uchar.h>

#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <algorithm>

#include "deadline.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

bool is_han(UChar32 c) {
  UErrorCode e = U_ZERO_ERROR;
  return c >= 0 && uscript_getScript(c, &e) == USCRIPT_HAN;
}

struct Cursor {
  std::string_view text;
  std::int32_t i = 0;
  UChar32 peek() const {
    if (i >= static_cast<std::int32_t>(text.size())) return -1;
    std::int32_t j = i;
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), j, static_cast<std::int32_t>(text.size()), c);
    return c;
  }
  void advance() {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i, static_cast<std::int32_t>(text.size()), c);
    (void)c;
  }
  void skip_space() {
    while (true) {
      const UChar32 c = peek();
      if (c < 0 || !is_space(c)) return;
      advance();
    }
  }
  /// ASCII digits, at most max_digits of them.
  std::optional<int> number(int max_digits) {
    int value = 0, digits = 0;
    while (i < static_cast<std::int32_t>(text.size()) && text[static_cast<std::size_t>(i)] >= '0' &&
           text[static_cast<std::size_t>(i)] <= '9') {
      if (++digits > max_digits) return std::nullopt;
      value = value * 10 + (text[static_cast<std::size_t>(i)] - '0');
      ++i;
    }
    if (digits == 0) return std::nullopt;
    return value;
  }
};

/// Characters a domain name never contains: sentence punctuation and digits.
bool is_name_char(UChar32 c) {
  if (c < 0) return false;
  if (is_space(c)) return true;
  if (c < 0x80) return false;  // digits, ASCII punctuation, latin text
  switch (c) {
    case U'，':
    case U'。':
    case U'；':
    case U'：':
    case U'、':
    case U'（':
    case U'）':
    case U'％': return false;
    default: return !u_isdigit(c);
  }
}

constexpr std::size_t kMaxNameBytes = 20 * 3;  // domain names are short: 幼有所育, 优军服务保障

/// A line that can continue a wrapped domain name ("保障" under "9 文体服务").
bool is_name_continuation(std::string_view text) {
  const std::string s = squeeze_whitespace(text);
  if (s.empty() || s.size() > kMaxNameBytes) return false;
  Cursor c{s};
  while (c.i < static_cast<std::int32_t>(s.size())) {
    const UChar32 cp = c.peek();
    if (!is_name_char(cp) || !is_han(cp)) return false;
    c.advance();
  }
  return true;
}

/// A name that ends the way an office's does (县卫生健康局, 州发展改革委,
/// 县人民政府): in a row that still lacks cells, such a paragraph above the
/// next task is the row's units cell, not the next domain's bare name.
bool ends_like_a_unit_name(std::string_view name) {
  if (ends_like_an_organisation(name)) return true;
  for (std::string_view w : {"组", "牵头", "配合", "负责"})
    if (ends_with(name, w)) return true;
  return false;
}

/// A quantity's measure word after a number (2 所学校, 10 个乡镇, 1 万人):
/// a cell that starts with a count, not a numbered task.
bool starts_with_a_measure_word(std::string_view text) {
  // 2 0 2 4 年: a number spaced out digit by digit, not a 序号 and a task.
  if (!text.empty() && text.front() >= '0' && text.front() <= '9') return true;
  for (std::string_view w : {"个", "所", "家", "项", "万", "亿", "千", "百", "人", "次", "条", "公里", "米", "户",
                             "座", "处", "台", "辆", "元", "倍", "%",  "％", "年", "月", "日", "批",   "场", "件",
                             "名", "支", "套", "间", "张", "块", "亩", "吨", "期", "轮", "类", "种"})
    if (starts_with(text, w)) return true;
  return false;
}

}  // namespace

namespace {
// The deadline forms that name no date.
constexpr std::string_view kFormsNamingNoDate[] = {"长期坚持", "持续推进", "全年", "长期",
                                                   "每年",     "每季度",   "每月", "常态化"};
}  // namespace

bool ends_with_a_form_naming_no_date(std::string_view text) {
  return std::any_of(std::begin(kFormsNamingNoDate), std::end(kFormsNamingNoDate),
                     [&](std::string_view w) { return ends_with(text, w); });
}

bool is_deadline_cell(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 30 * 3) return false;
  for (std::string_view w : kFormsNamingNoDate)
    if (text == w) return true;
  return !parse_deadline(text, std::nullopt).empty();
}

bool ends_with_role_word(std::string_view text) {
  std::string storage;
  const std::string_view folded = fold_key(trim(text), storage);
  for (std::string_view w : {"牵头", "配合", "负责", "政府", "(街道)", "办事处"})
    if (ends_with(folded, w)) return true;
  return false;
}

namespace {

// The heading shapes, given the line's numbering marker (find_blocks reads
// the marker once per line and asks both questions of it).
std::optional<HeadingMatch> domain_heading(std::string_view line, const std::optional<NumberMarker>& m) {
  // "1 幼有所育", "一、幼有所育", "（一）幼有所育": a number and a short name.
  if (!m || m->value > 99) return std::nullopt;
  if (m->style != NumberStyle::arabic_space && m->style != NumberStyle::chinese_comma &&
      m->style != NumberStyle::chinese_paren)
    return std::nullopt;
  Cursor c{line};
  c.i = static_cast<std::int32_t>(m->bytes);
  if (!is_han(c.peek())) return std::nullopt;
  std::size_t name_bytes = 0;
  while (c.i < static_cast<std::int32_t>(line.size())) {
    const UChar32 cp = c.peek();
    if (!is_name_char(cp)) return std::nullopt;
    if (!is_space(cp)) name_bytes += static_cast<std::size_t>(U8_LENGTH(cp));
    c.advance();
  }
  if (name_bytes > kMaxNameBytes) return std::nullopt;
  return HeadingMatch{m->value, m->bytes};
}

std::optional<HeadingMatch> task_heading(const std::optional<NumberMarker>& m) {
  // "1.加大…", "10. 提 高 社", "（1）…", "①…"; decimals ("1.3倍") are text.
  if (!m) return std::nullopt;
  if (m->style != NumberStyle::arabic_dot && m->style != NumberStyle::arabic_paren && m->style != NumberStyle::circled)
    return std::nullopt;
  return HeadingMatch{m->value, m->bytes};
}

}  // namespace

std::optional<HeadingMatch> match_domain_heading(std::string_view line) {
  return domain_heading(line, match_number_marker(line));
}

std::optional<HeadingMatch> match_task_heading(std::string_view line) {
  return task_heading(match_number_marker(line));
}

std::vector<Block> find_blocks(const LineTable& lines, const Furniture& furniture, std::vector<Diagnostic>& diagnostics,
                               bool chinese_paren_tasks) {
  (void)diagnostics;
  std::vector<Block> blocks;
  if (!furniture.header_line) return blocks;
  const std::size_t n = lines.size();
  auto is_text = [&](std::size_t i) { return furniture.kinds[i] == LineKind::content; };

  bool open = false;           // is blocks.back() still taking lines?
  bool pending_break = false;  // furniture since the last block
  int domain_seq = 0;
  std::string domain_name;  // squeezed
  int task_seq = 0;

  std::size_t table = 0, next_table = 0;  // more_tables[next_table] starts the next one
  // The numbering of the domain headings taken so far (-1: none yet).
  int domain_style = -1;
  int section_seq = 0;  // sections number on across domains (（一）…（五）)
  // The current table's columns: is there a domain column, and does it come
  // before the task column (so a bare domain name can head a row)? How many
  // cells does a row have from its task on?
  bool spaced_numbers_are_tasks = false, bare_domain_names = false;
  std::size_t cells_from_task = 0;
  auto read_columns = [&](const std::vector<Column>& columns) {
    const auto role_at = [&](ColumnRole role) {
      return std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.role == role; });
    };
    const auto domain_column = role_at(ColumnRole::domain), task_column = role_at(ColumnRole::task);
    spaced_numbers_are_tasks = domain_column == columns.end();
    bare_domain_names = domain_column != columns.end() && task_column != columns.end() && domain_column < task_column;
    cells_from_task = task_column == columns.end() ? 0 : static_cast<std::size_t>(columns.end() - task_column);
  };
  read_columns(furniture.columns);
  std::size_t cells_in_row = 0;  // blocks since the last task heading, the heading included
  auto close = [&] { open = false; };
  auto start = [&](BlockKind kind, std::size_t i, int seq, std::size_t marker) {
    Block b;
    b.kind = kind;
    b.first = b.last = static_cast<std::uint32_t>(i);
    b.seq = seq;
    b.marker_bytes = static_cast<std::uint32_t>(marker);
    b.after_page_break = pending_break;
    b.table = static_cast<std::uint32_t>(table);
    pending_break = false;
    blocks.push_back(b);
    open = true;
  };
  // Lines [i+1, end) that continue a domain heading's name.
  auto name_end = [&](std::size_t i) {
    std::size_t j = i + 1;
    while (j < n && j < i + 3 && is_text(j) && !lines[j].page_break && !match_task_heading(lines[j].text) &&
           is_name_continuation(lines[j].text))
      ++j;
    return j;
  };
  // The 序号 cell printed alone: a number (in a table with no domain
  // column), or （一） where the tasks are numbered so.
  auto bare_task_number = [&](std::string_view text) -> std::optional<int> {
    if (spaced_numbers_are_tasks)
      if (const std::optional<int> v = bare_number(text)) return v;
    if (chinese_paren_tasks) return bare_chinese_paren_number(text);
    return std::nullopt;
  };
  // A task heading: 1.… (1)… ①…, or, in a table with no domain column,
  // "1 加快重大项目建设" (the number in the 序号 column and the task beside
  // it) when its number is the next one and no count follows it (a domain
  // heading of that shape, with a task heading under it, is taken first).
  auto task_heading_here = [&](std::string_view text,
                               const std::optional<NumberMarker>& m) -> std::optional<HeadingMatch> {
    if (auto t = task_heading(m)) return t;
    if (chinese_paren_tasks && m && m->style == NumberStyle::chinese_paren) return HeadingMatch{m->value, m->bytes};
    if (spaced_numbers_are_tasks && m && m->style == NumberStyle::arabic_space && m->value == task_seq + 1 &&
        !starts_with_a_measure_word(text.substr(m->bytes)))
      return HeadingMatch{m->value, m->bytes};
    // The 序号 cell on a line of its own, the task's title on the next.
    if (!m)
      if (const std::optional<int> number = bare_task_number(text); number && *number == task_seq + 1)
        return HeadingMatch{*number, text.size()};
    return std::nullopt;
  };
  // 1.推行… ⏎ 2.推广… in one paragraph: a cell's numbered list (the
  // measures), not a task's heading — a heading's paragraph is its title.
  // (Within a few lines, and not past a line that ends a row — units or a
  // deadline: in a table printed with no blank lines the next task's
  // heading follows its row's units.)
  auto numbered_list_at = [&](std::size_t j, const NumberMarker& m) {
    // The next number first, on its first byte (a digit, a bracket, a
    // circled number, full-width forms): most paragraphs have none, and the
    // row-end checks read the lines between only when one is found.
    std::size_t found = 0;
    for (std::size_t k = j + 1; k < n && k < j + 6 && is_text(k) && !lines[k].page_break && !found; ++k) {
      const std::string_view t = trim(lines[k].text);
      const auto b = t.empty() ? 0 : static_cast<unsigned char>(t[0]);
      if (!((b >= '0' && b <= '9') || b == '(' || b == 0xEF || b == 0xE2)) continue;
      const std::optional<NumberMarker> next = match_number_marker(t);
      if (next && next->style == m.style && next->value == m.value + 1) found = k;
    }
    if (!found) return false;
    for (std::size_t k = j + 1; k < found; ++k)
      if (ends_with_role_word(lines[k].text) || is_deadline_cell(lines[k].text)) return false;
    return true;
  };
  // The task heading under a domain or section heading; its number may be
  // the next one or 1 (numbering restarts in each domain).
  auto task_heading_at = [&](std::size_t j) -> std::optional<HeadingMatch> {
    const std::string_view text = lines[j].text;
    const std::optional<NumberMarker> m = match_number_marker(text);
    if (auto t = task_heading_here(text, m)) return m && numbered_list_at(j, *m) ? std::nullopt : t;
    if (spaced_numbers_are_tasks && m && m->style == NumberStyle::arabic_space && m->value == 1 &&
        !starts_with_a_measure_word(text.substr(m->bytes)))
      return HeadingMatch{m->value, m->bytes};
    // The 序号 cell alone, numbering again from 1 under the new heading.
    if (!m)
      if (const std::optional<int> number = bare_task_number(text); number && *number == 1)
        return HeadingMatch{1, text.size()};
    return std::nullopt;
  };
  auto is_task_heading_line = [&](std::size_t j) { return task_heading_at(j).has_value(); };
  // A new domain or section whose first task is numbered 1 (or anything not
  // above the last): the numbering restarts under it.
  auto restart_numbering_at = [&](std::size_t heading_end) {
    std::size_t next = heading_end;
    while (next < n && !is_text(next)) ++next;
    if (next >= n) return;
    if (auto t = task_heading_at(next); t && t->seq <= task_seq) task_seq = t->seq - 1;
  };
  auto next_text_line = [&](std::size_t j) {
    while (j < n && !is_text(j)) ++j;
    return j;
  };
  // Lines [from, end) of a name printed without a number: one to three
  // lines of Han characters (kMaxNameBytes in all) right above a task's
  // heading. Sets `name` (squeezed); returns its end, `from` when none.
  auto bare_name_lines = [&](std::size_t from, bool stop_at_page_break, std::string& name) -> std::size_t {
    name.clear();
    std::size_t j = from;
    while (j < n && j < from + 3 && is_text(j) && !(stop_at_page_break && j > from && lines[j].page_break) &&
           is_name_continuation(lines[j].text)) {
      name += squeeze_whitespace(lines[j].text);
      ++j;
    }
    if (j == from || name.size() > kMaxNameBytes) return from;
    const std::size_t next = next_text_line(j);
    return next < n && is_task_heading_line(next) ? j : from;
  };
  // A domain named without a number (the 所属领域 cell's bare name, 幼有所育)
  // in a table whose domain column comes before its task column and which
  // numbers no domain. It is the next domain when no task came yet, when
  // the row above already has all its cells, or when it neither ends like
  // an office's name (the row's missing units cell) nor is a deadline.
  auto bare_domain_name_end = [&](std::size_t i, std::string& name) -> std::size_t {
    if (!bare_domain_names || domain_style != -1) return i;  // numbered domain headings: not this table
    return bare_name_lines(i, true, name);
  };

  for (std::size_t i = *furniture.header_line + 1; i < n; ++i) {
    if (next_table < furniture.more_tables.size() && i == furniture.more_tables[next_table].header_line) {
      // A new table: its own numbering.
      table = ++next_table;
      domain_seq = task_seq = section_seq = 0;
      domain_name.clear();
      domain_style = -1;
      read_columns(furniture.more_tables[next_table - 1].columns);
      cells_in_row = 0;
    }
    if (!is_text(i)) {
      if (furniture.kinds[i] != LineKind::blank) pending_break = true;
      close();
      continue;
    }
    const Line line = lines[i];  // LineTable hands out values
    if (line.page_break) {
      pending_break = true;
      close();
    }

    std::optional<NumberMarker> marker = match_number_marker(line.text);
    // A part of the plan (第二部分 民生保障), a level above the domains a
    // table has no place for: no block, so that it is reported as text not
    // assigned to any field instead of read as a row's first cell.
    if (marker && marker->style == NumberStyle::part && !open) {
      close();
      continue;
    }
    const bool paren_task = chinese_paren_tasks && marker && marker->style == NumberStyle::chinese_paren;
    if (auto d = paren_task ? std::nullopt : domain_heading(line.text, marker)) {
      const std::size_t end = name_end(i);
      // Two heading levels (一、 domains, （一） sections under them): a
      // （一） heading under a 一、 domain is a section, with its own numbering.
      if (marker->style == NumberStyle::chinese_paren && domain_style == static_cast<int>(NumberStyle::chinese_comma) &&
          d->seq > section_seq) {
        const std::size_t next = next_text_line(end);
        if (next < n && is_task_heading_line(next)) {
          section_seq = d->seq;
          restart_numbering_at(end);
          start(BlockKind::section_heading, i, d->seq, d->marker_bytes);
          blocks.back().last = static_cast<std::uint32_t>(end - 1);
          close();
          i = end - 1;
          continue;
        }
      }
      std::string name;
      name += squeeze_whitespace(line.text.substr(d->marker_bytes));
      for (std::size_t k = i + 1; k < end; ++k) name += squeeze_whitespace(lines[k].text);
      const bool repeat = d->seq == domain_seq && !domain_name.empty() &&
                          (name == domain_name || domain_name.compare(0, name.size(), name) == 0);
      bool accept = repeat;
      if (!accept && d->seq > domain_seq) {
        const std::size_t next = next_text_line(end);
        accept = next < n && is_task_heading_line(next);
        // 一、 directly above a （一） section that a task follows.
        if (!accept && marker->style == NumberStyle::chinese_comma && next < n) {
          const std::optional<NumberMarker> below = match_number_marker(lines[next].text);
          if (below && below->style == NumberStyle::chinese_paren && domain_heading(lines[next].text, below)) {
            const std::size_t after = next_text_line(name_end(next));
            accept = after < n && is_task_heading_line(after);
          }
        }
      }
      if (accept) {
        start(BlockKind::domain_heading, i, d->seq, d->marker_bytes);
        blocks.back().last = static_cast<std::uint32_t>(end - 1);
        close();
        if (!repeat) {
          domain_seq = d->seq;
          domain_name = name;
          domain_style = static_cast<int>(marker->style);
          restart_numbering_at(end);
        }
        i = end - 1;
        continue;
      }
    }

    const bool at_block_start = !open;
    // A number on a line of its own (the 序号 cell), its task's title or its
    // domain's name the next paragraph: the heading takes both, and the
    // blank lines between them.
    if (at_block_start && !marker)
      if (const std::optional<int> number =
              chinese_paren_tasks ? bare_task_number(line.text) : bare_number(line.text)) {
        std::size_t j = i + 1;
        while (j < n && furniture.kinds[j] == LineKind::blank) ++j;
        const bool text_follows = j < n && is_text(j) && !lines[j].page_break && !bare_number(lines[j].text) &&
                                  !match_number_marker(lines[j].text);
        if (text_follows && (spaced_numbers_are_tasks || chinese_paren_tasks) && *number == task_seq + 1) {
          task_seq = *number;
          cells_in_row = 1;
          start(BlockKind::task_heading, i, *number, line.text.size());
          blocks.back().last = static_cast<std::uint32_t>(j);
          i = j;  // open: the title's further lines join it
          continue;
        }
        if (text_follows && bare_domain_names && *number == domain_seq + 1 &&
            (domain_style == -1 || domain_style == static_cast<int>(NumberStyle::arabic_space))) {
          std::string name;
          if (const std::size_t end = bare_name_lines(j, false, name); end > j) {
            domain_seq = *number;
            domain_name = std::move(name);
            domain_style = static_cast<int>(NumberStyle::arabic_space);
            restart_numbering_at(end);
            start(BlockKind::domain_heading, i, *number, line.text.size());
            blocks.back().last = static_cast<std::uint32_t>(end - 1);
            close();
            i = end - 1;
            continue;
          }
        }
      }
    if (at_block_start) {
      const std::optional<HeadingMatch> t = task_heading_here(line.text, marker);
      if (t && t->seq > task_seq && !(marker && numbered_list_at(i, *marker))) {
        task_seq = t->seq;
        cells_in_row = 1;
        start(BlockKind::task_heading, i, t->seq, t->marker_bytes);
        continue;
      }
      std::string name;
      if (const std::size_t end = t ? i : bare_domain_name_end(i, name); end > i) {
        const bool repeat = name == domain_name;
        // The row above still lacking cells takes a units name or a deadline
        // (长期坚持, 持续推进: short, bare, like a domain's name).
        if (repeat || task_seq == 0 || cells_in_row >= cells_from_task ||
            (!ends_like_a_unit_name(name) && !is_deadline_cell(name))) {
          if (!repeat) {
            ++domain_seq;
            domain_name = std::move(name);
            restart_numbering_at(end);
          }
          start(BlockKind::domain_heading, i, domain_seq, 0);
          blocks.back().unnumbered = true;
          blocks.back().last = static_cast<std::uint32_t>(end - 1);
          close();
          i = end - 1;
          continue;
        }
      }
      ++cells_in_row;
      start(BlockKind::cell, i, 0, 0);
      continue;
    }
    // Rows not separated by a blank line: the next task's heading directly
    // under the units or deadline cell that ends the row. Only the next
    // number, and only after a cell that reads like units or is a deadline,
    // so "2.提高…" inside a cell stays text. With no blank lines at all the
    // row is one block (its task heading's): then its last one to three
    // lines are that cell.
    if (auto t = task_heading_here(line.text, marker);
        t && t->seq == task_seq + 1 &&
        (blocks.back().kind == BlockKind::cell || blocks.back().kind == BlockKind::task_heading)) {
      const Block& open_block = blocks.back();
      const std::size_t tail_from = open_block.kind == BlockKind::cell ? open_block.first : open_block.first + 1;
      bool row_ends = false;
      std::vector<std::string_view> texts;
      if (open_block.kind == BlockKind::cell) {
        for (std::size_t k = open_block.first; k <= open_block.last; ++k) texts.push_back(lines[k].text);
        const std::string cell = repair_text(texts);
        row_ends = ends_with_role_word(cell) || is_deadline_cell(cell);
      }
      for (std::size_t tail = 1; !row_ends && tail <= 3 && open_block.last + 1 >= tail_from + tail; ++tail) {
        texts.clear();
        for (std::size_t k = open_block.last + 1 - tail; k <= open_block.last; ++k) texts.push_back(lines[k].text);
        const std::string cell = repair_text(texts);
        row_ends = ends_with_role_word(cell) || is_deadline_cell(cell);
      }
      if (row_ends) {
        close();
        task_seq = t->seq;
        cells_in_row = 1;
        start(BlockKind::task_heading, i, t->seq, t->marker_bytes);
        continue;
      }
    }
    blocks.back().last = static_cast<std::uint32_t>(i);
  }
  return blocks;
}

}  // namespace qingdan::detail
