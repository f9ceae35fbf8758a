// Tables printed one row per line, after a header row find_furniture found:
//
//  - tab-separated, as a spreadsheet copies a table: one record per line,
//    cells split at tabs; a cell holding line breaks (or tabs, or quotes) is
//    quoted, "" inside it a quote;
//
//      序号<TAB>项目名称<TAB>牵头单位<TAB>完成时限
//      1<TAB>新建社区养老服务中心<TAB>区民政局<TAB>2024年11月底前
//
//  - aligned by spaces, as `pdftotext -layout` prints a PDF table: each cell
//    starts under its column, a row takes as many lines as its tallest cell,
//    and each of those lines holds a piece of several cells.
//
//       序号    重点任务                工作措施              牵头单位
//        1    推进重大项目建设，全年    一是建立调度机制。    市发展改革委
//             完成投资500亿元。         二是强化要素保障。
//
// Either way the cells land in a grid of rows and columns, and one builder
// makes the records: a number in the 序号 column (or a numbered task cell)
// starts a task, a row without one under a task is another row of it, a
// domain column's text (or a lone 一、 heading) opens a domain.
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

struct GridCell {
  std::vector<std::string> pieces;   // its text, line by line (unquoted)
  std::vector<std::uint32_t> lines;  // the line of each piece
};
struct GridRow {
  std::vector<GridCell> cells;  // one per column
};

/// The columns one character takes: two for a wide (CJK) one.
std::size_t char_width(std::string_view one_char) {
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(one_char.data()), i, static_cast<std::int32_t>(one_char.size()), c);
  return c >= 0 && is_wide(static_cast<char32_t>(c)) ? 2 : 1;
}

/// The pieces of a line that runs of two or more spaces (or a tab) separate,
/// each with the display column it starts at.
struct Piece {
  std::string_view text;
  std::size_t column;
};
/// `wide` is how many columns a wide (CJK) character takes: 2 where the text
/// was aligned by display width, 1 where by character count (as some
/// extractors pad).
std::vector<Piece> aligned_pieces(std::string_view line, std::size_t wide = 2) {
  std::vector<Piece> out;
  std::size_t i = 0, column = 0;
  const std::size_t n = line.size();
  while (i < n) {
    // Skip the gap.
    while (i < n && (line[i] == ' ' || line[i] == '\t')) {
      column += line[i] == '\t' ? 8 - column % 8 : 1;
      ++i;
    }
    if (i >= n) break;
    const std::size_t start = i, start_column = column;
    // The piece ends at two spaces, a tab or the end.
    while (i < n && line[i] != '\t' && !(line[i] == ' ' && (i + 1 >= n || line[i + 1] == ' ' || line[i + 1] == '\t'))) {
      const std::size_t from = i;
      ++i;
      while (i < n && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
      column += wide == 2 ? char_width(line.substr(from, i - from)) : 1;
    }
    out.push_back({trim(line.substr(start, i - start)), start_column});
  }
  return out;
}

/// Whether the quote at lines[line].text[at] opens a quoted cell: its closing
/// quote (a "" pair is a quote inside) is followed by a tab or the line's end,
/// on this line or a later one.
bool quoted_cell_at(const LineTable& lines, std::size_t line, std::size_t at) {
  std::size_t i = at + 1;
  for (std::size_t l = line; l < lines.size() && l < line + 200; ++l, i = 0) {
    const std::string_view t = lines[l].text;
    for (; i < t.size(); ++i) {
      if (t[i] != '"') continue;
      if (i + 1 < t.size() && t[i + 1] == '"') {
        ++i;
        continue;
      }
      const std::string_view after = t.substr(i + 1);
      const std::size_t next = after.find_first_not_of(' ');
      return next == std::string_view::npos || after[next] == '\t';
    }
  }
  return false;
}

bool is_content(const Furniture& f, std::size_t i) {
  return f.kinds[i] == LineKind::content;
}

/// The header's labels where they stand. A header printed over two lines
/// (find_furniture joined them): each label starts on the first line when
/// its cell wrapped under it (2024年工作目 / 标); when the row itself
/// wrapped, the second line's labels go on after the first line's end.
std::vector<Piece> header_pieces(const LineTable& lines, const Furniture& f, std::size_t wide = 2) {
  const std::size_t h = *f.header_line;
  std::vector<Piece> last = aligned_pieces(lines[h].text, wide);
  if (h == 0 || f.kinds[h - 1] != LineKind::header) return last;
  std::vector<Piece> first = aligned_pieces(lines[h - 1].text, wide);
  if (first.size() == f.columns.size()) return first;
  if (first.empty() || last.empty() || first.size() + last.size() - 1 != f.columns.size()) return last;
  std::size_t end = first.back().column;
  for (std::size_t i = 0; i < first.back().text.size();) {
    const std::size_t from = i++;
    while (i < first.back().text.size() && (static_cast<unsigned char>(first.back().text[i]) & 0xC0) == 0x80) ++i;
    end += wide == 2 ? char_width(first.back().text.substr(from, i - from)) : 1;
  }
  const std::size_t shift = end - std::min(end, last.front().column);
  for (std::size_t k = 1; k < last.size(); ++k) first.push_back({last[k].text, last[k].column + shift});
  return first;
}

}  // namespace

GridKind grid_kind(const LineTable& lines, const Furniture& furniture) {
  if (!furniture.header_line || !furniture.more_tables.empty()) return GridKind::none;
  const std::size_t h = *furniture.header_line;
  const std::string_view header = lines[h].text;
  // The header decides first (most tables' labels are one space apart).
  const bool tabs = header.find('\t') != std::string_view::npos;
  if (!tabs && (furniture.columns.size() < 3 || header_pieces(lines, furniture).size() != furniture.columns.size()))
    return GridKind::none;
  // A data line shows the alignment when it holds pieces of two cells or
  // more, or is indented past the first column (the rest of a cell that
  // wraps alone: only the measures, say).
  const std::vector<Piece> labels = tabs ? std::vector<Piece>{} : header_pieces(lines, furniture);
  std::size_t data = 0, tabbed = 0, split = 0;
  for (std::size_t i = h + 1; i < lines.size() && data < 60; ++i) {
    if (!is_content(furniture, i)) continue;
    ++data;
    tabbed += lines[i].text.find('\t') != std::string_view::npos;
    if (tabs) continue;
    const std::vector<Piece> pieces = aligned_pieces(lines[i].text);
    split += pieces.size() >= 2 || (pieces.size() == 1 && labels.size() >= 2 &&
                                    pieces[0].column + 2 >= labels[1].column && pieces[0].column >= 4);
  }
  if (data == 0) return GridKind::none;
  if (tabs && tabbed * 2 >= data) return GridKind::tabs;
  // Aligned: the labels stand apart (runs of spaces), and most data lines
  // are pieces of several cells.
  if (!tabs && split * 10 >= data * 6) return GridKind::aligned;
  return GridKind::none;
}

namespace {

/// Records of a tab-separated table: cells at tabs, quoted cells across lines.
std::vector<GridRow> tab_rows(const LineTable& lines, const Furniture& furniture, std::size_t columns,
                              std::vector<LineUse>& use, std::vector<std::uint32_t>& quotes_in_line) {
  std::vector<GridRow> rows;
  const std::size_t h = *furniture.header_line;
  for (std::size_t i = h + 1; i < lines.size(); ++i) {
    if (!is_content(furniture, i)) continue;
    GridRow row;
    row.cells.resize(columns);
    std::size_t col = 0;
    std::string_view rest = lines[i].text;
    std::size_t line = i;
    bool any = false;
    for (;;) {
      GridCell& cell = row.cells[std::min(col, columns - 1)];
      const std::string_view lead = rest.substr(0, rest.find_first_not_of(' '));
      // Quoted as a spreadsheet quotes: the quote opens the cell and the
      // closing one ends it ("放管服"改革, quoted text inside an unquoted
      // cell, is text).
      if (lead.size() < rest.size() && rest[lead.size()] == '"' &&
          quoted_cell_at(lines, line, static_cast<std::size_t>(rest.data() - lines[line].text.data()) + lead.size())) {
        // Quoted: to the closing quote, over line breaks; "" is a quote.
        rest.remove_prefix(lead.size() + 1);
        ++quotes_in_line[line];
        std::string piece;
        for (;;) {
          const std::size_t q = rest.find('"');
          if (q == std::string_view::npos) {
            piece.append(rest);
            if (!trim(piece).empty()) {
              cell.pieces.push_back(std::move(piece));
              cell.lines.push_back(static_cast<std::uint32_t>(line));
              use[line] = LineUse::field;
            }
            piece.clear();
            if (line + 1 >= lines.size()) {
              rest = {};
              break;
            }
            rest = lines[++line].text;
            continue;
          }
          piece.append(rest.substr(0, q));
          rest.remove_prefix(q + 1);
          ++quotes_in_line[line];
          if (!rest.empty() && rest.front() == '"') {
            piece.push_back('"');
            rest.remove_prefix(1);
            --quotes_in_line[line];  // the doubled quote is text
            continue;
          }
          break;
        }
        if (!trim(piece).empty()) {
          cell.pieces.push_back(std::move(piece));
          cell.lines.push_back(static_cast<std::uint32_t>(line));
          use[line] = LineUse::field;
          any = true;
        }
        any = any || !cell.pieces.empty();
        const std::size_t tab = rest.find('\t');
        if (tab == std::string_view::npos) break;
        rest.remove_prefix(tab + 1);
        ++col;
        continue;
      }
      const std::size_t tab = rest.find('\t');
      const std::string_view text = trim(rest.substr(0, tab));
      if (!text.empty()) {
        cell.pieces.emplace_back(text);
        cell.lines.push_back(static_cast<std::uint32_t>(line));
        use[line] = LineUse::field;
        any = true;
      }
      if (tab == std::string_view::npos) {
        // A cell broken over lines without quotes (Word's table to text): the
        // row is short, and the next line's cells complete it exactly, its
        // first one going on from this one.
        const std::size_t next = line + 1;
        if (col + 1 < columns && next < lines.size() && is_content(furniture, next)) {
          const std::string_view t = lines[next].text;
          const auto cells = static_cast<std::size_t>(std::count(t.begin(), t.end(), '\t')) + 1;
          // Its first piece is text (a line opening with a tab is a row of its
          // own: the task's second row, its first cells empty).
          const std::string_view first_piece = trim(t.substr(0, t.find('\t')));
          if (col + cells == columns && !first_piece.empty() && !bare_number(first_piece) &&
              t.find('"') == std::string_view::npos) {
            rest = t;
            line = next;
            continue;
          }
        }
        break;
      }
      rest.remove_prefix(tab + 1);
      ++col;
    }
    (void)any;
    if (std::any_of(row.cells.begin(), row.cells.end(), [](const GridCell& c) { return !c.pieces.empty(); }))
      rows.push_back(std::move(row));
    i = line;
  }
  return rows;
}

/// Rows of a table aligned by spaces: each line's pieces go to the column
/// whose label starts nearest (a piece usually starts at or left of its
/// label, which is centred over the cell); a number in the 序号 column
/// starts a row.
std::vector<GridRow> aligned_rows(const LineTable& lines, const Furniture& furniture, std::vector<LineUse>& use) {
  const std::size_t h = *furniture.header_line;
  // Display width or character count: whichever puts the data's pieces
  // nearer their labels.
  std::size_t wide = 2, best_cost = SIZE_MAX;
  for (const std::size_t w : {std::size_t{2}, std::size_t{1}}) {
    const std::vector<Piece> l = header_pieces(lines, furniture, w);
    std::size_t cost = 0, seen = 0;
    for (std::size_t i = h + 1; i < lines.size() && seen < 40; ++i) {
      if (!is_content(furniture, i)) continue;
      ++seen;
      // The distance to the nearest label, and much more for two pieces of
      // one line nearest the same label (two cells cannot share a column).
      std::size_t last_label = SIZE_MAX;
      for (const Piece& p : aligned_pieces(lines[i].text, w)) {
        std::size_t nearest = SIZE_MAX, which = 0;
        for (std::size_t k = 0; k < l.size(); ++k) {
          const std::size_t d = p.column > l[k].column ? p.column - l[k].column : l[k].column - p.column;
          if (d < nearest) nearest = d, which = k;
        }
        cost += nearest + (which == last_label ? 100 : 0);
        last_label = which;
      }
    }
    if (cost < best_cost) best_cost = cost, wide = w;
  }
  const std::vector<Piece> labels = header_pieces(lines, furniture, wide);
  const std::size_t columns = labels.size();
  auto column_of = [&](const Piece& p) {
    std::size_t best = 0, best_cost = SIZE_MAX;
    for (std::size_t k = 0; k < columns; ++k) {
      const std::size_t at = labels[k].column;
      const std::size_t cost = p.column <= at ? at - p.column : 2 * (p.column - at);
      if (cost < best_cost) best_cost = cost, best = k;
    }
    return best;
  };
  const auto seq_column = std::find_if(furniture.columns.begin(), furniture.columns.end(),
                                       [](const Column& c) { return c.role == ColumnRole::seq; });
  const std::size_t seq = static_cast<std::size_t>(seq_column - furniture.columns.begin());
  const std::size_t task =
      static_cast<std::size_t>(std::find_if(furniture.columns.begin(), furniture.columns.end(),
                                            [](const Column& c) { return c.role == ColumnRole::task; }) -
                               furniture.columns.begin());
  // A cell filled to its edge leaves one space before the next column's
  // text (优化工程建设项目审批 推行…): a piece is cut at a single space where a
  // later column starts.
  auto cut_at_columns = [&](const std::vector<Piece>& pieces) {
    std::vector<Piece> out;
    for (const Piece& p : pieces) {
      std::size_t k = column_of(p), from = 0, from_column = p.column, column = p.column;
      for (std::size_t i = 0; i < p.text.size();) {
        if (p.text[i] == ' ') {
          ++column;
          ++i;
          if (k + 1 < columns && column + 1 >= labels[k + 1].column && from_column + 1 < labels[k + 1].column) {
            out.push_back({trim(p.text.substr(from, i - 1 - from)), from_column});
            from = i;
            from_column = column;
            k = column_of({p.text.substr(from), from_column});
          }
          continue;
        }
        const std::size_t c = i++;
        while (i < p.text.size() && (static_cast<unsigned char>(p.text[i]) & 0xC0) == 0x80) ++i;
        column += wide == 2 ? char_width(p.text.substr(c, i - c)) : 1;
      }
      out.push_back({trim(p.text.substr(from)), from_column});
    }
    return out;
  };
  // Each content line's pieces and columns, and whether it starts a row.
  struct LineInfo {
    std::size_t i;
    std::vector<Piece> pieces;
    std::vector<std::size_t> at;
    bool starts = false, heading = false, number = false;
  };
  std::vector<LineInfo> info;
  for (std::size_t i = h + 1; i < lines.size(); ++i) {
    if (!is_content(furniture, i)) continue;
    LineInfo l{i, cut_at_columns(aligned_pieces(lines[i].text, wide)), {}};
    if (l.pieces.empty()) continue;
    l.at.resize(l.pieces.size());
    for (std::size_t q = 0; q < l.pieces.size(); ++q) l.at[q] = column_of(l.pieces[q]);
    // A page number alone on its line, away from the 序号 column: furniture.
    if (l.pieces.size() == 1 && l.at[0] != seq && bare_number(l.pieces[0].text)) {
      use[i] = LineUse::furniture;
      continue;
    }
    // A new row: its number in the 序号 column; or, with no such column, a
    // piece in the first column.
    // Or a numbered task in the task column (1.扩大…, the 序号 numbering
    // the domains).
    // With no 序号 column, a row's first line holds its first cell and its
    // last (short cells, such as the deadline, rarely wrap).
    l.starts = seq < columns ? false : l.at.front() == 0 && l.at.back() == columns - 1;
    for (std::size_t q = 0; q < l.pieces.size(); ++q) {
      l.number = l.number || (l.at[q] == seq && bare_number(l.pieces[q].text));
      l.starts = l.starts || (l.at[q] == task && match_task_heading(l.pieces[q].text));
    }
    l.starts = l.starts || l.number;
    // A line that is one piece wider than its column (a heading across the
    // row: 一、营商环境) stands alone as a row.
    l.heading = l.pieces.size() == 1 && match_domain_heading(l.pieces[0].text).has_value();
    info.push_back(std::move(l));
  }
  // Cells centred vertically in their rows: the 序号 on a row's middle line,
  // the tall cells' first lines above it. The first row shows it (lines
  // above its number); then each row is taken to reach as far below its
  // number as above it, and the lines past that up to the next number are
  // the next row's top.
  if (seq < columns && !info.empty() && !info.front().starts) {
    std::size_t first = 0;
    while (first < info.size() && !info[first].starts && !info[first].heading) ++first;
    // The first row centred: a few lines above its number, at least as many
    // below it before the next number; above it only the first lines of the
    // tall cells (the task, the measures: no 序号, domain, units or deadline,
    // which are short and centred), each going on on the number line, none
    // ending a sentence or a bracket (a note under the header, （按季度报送）,
    // or the header's own wrapped label, （截止 / 时间）, is no cell's top).
    std::size_t second = first + 1;
    while (second < info.size() && !info[second].number && !info[second].heading) ++second;
    bool tops = first < info.size() && info[first].number && first <= 5 &&
                (second >= info.size() || second - first - 1 >= first);
    for (std::size_t k = 0; tops && k < first; ++k)
      for (std::size_t q = 0; tops && q < info[k].pieces.size(); ++q) {
        const std::size_t c = info[k].at[q];
        const ColumnRole role = c < furniture.columns.size() ? furniture.columns[c].role : ColumnRole::other;
        const std::string_view t = info[k].pieces[q].text;
        tops = role != ColumnRole::seq && role != ColumnRole::domain && role != ColumnRole::units &&
               role != ColumnRole::deadline && !ends_with(t, "。") && !ends_with(t, "）") && !ends_with(t, ")") &&
               !ends_with(t, "；") &&
               std::find(info[first].at.begin(), info[first].at.end(), c) != info[first].at.end();
      }
    // And a cell that reaches below the number reaches as far above it: the
    // columns of the lines below are among those of the lines above.
    for (std::size_t k = first + 1; tops && k < info.size() && k <= first + first && k < second; ++k)
      for (const std::size_t c : info[k].at)
        tops = tops &&
               std::any_of(info.begin(), info.begin() + static_cast<std::ptrdiff_t>(first),
                           [c](const LineInfo& l) { return std::find(l.at.begin(), l.at.end(), c) != l.at.end(); });
    const bool centred = tops;
    if (centred) {
      info[first].starts = false;             // the lines above it are the first row's
      std::size_t above = first, at = first;  // lines of the current row above its number line
      for (std::size_t k = first + 1; k < info.size(); ++k) {
        if (info[k].heading) break;  // a heading between rows: centring is not read past it
        if (!info[k].number) continue;
        const std::size_t between = k - at - 1;
        const std::size_t below = std::min(above, between);
        above = between - below;
        if (above > 0) {
          info[k].starts = false;
          info[k - above].starts = true;
        }
        at = k;
      }
    }
  }
  std::vector<GridRow> rows;
  for (const LineInfo& l : info) {
    if (l.starts || l.heading || rows.empty()) rows.emplace_back().cells.resize(columns);
    for (std::size_t q = 0; q < l.pieces.size(); ++q) {
      GridCell& cell = rows.back().cells[l.at[q]];
      cell.pieces.emplace_back(l.pieces[q].text);
      cell.lines.push_back(static_cast<std::uint32_t>(l.i));
    }
    use[l.i] = LineUse::field;
    if (l.heading) rows.emplace_back().cells.resize(columns);
  }
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [](const GridRow& r) {
                              return std::all_of(r.cells.begin(), r.cells.end(),
                                                 [](const GridCell& c) { return c.pieces.empty(); });
                            }),
             rows.end());
  return rows;
}

}  // namespace

void assemble_grid(GridKind kind, const LineTable& lines, const Furniture& furniture, Document& doc) {
  const std::vector<Column>& columns = furniture.columns;
  doc.columns = columns;
  std::vector<LineUse> use(lines.size(), LineUse::none);
  std::vector<std::uint32_t> markup_in_line(lines.size(), 0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    switch (furniture.kinds[i]) {
      case LineKind::header:
      case LineKind::footer: use[i] = LineUse::furniture; break;
      case LineKind::title: use[i] = LineUse::field; break;
      default: break;
    }
  }
  std::vector<GridRow> rows = kind == GridKind::tabs ? tab_rows(lines, furniture, columns.size(), use, markup_in_line)
                                                     : aligned_rows(lines, furniture, use);
  auto role_at = [&](ColumnRole role) {
    const auto it = std::find_if(columns.begin(), columns.end(), [&](const Column& c) { return c.role == role; });
    return static_cast<std::size_t>(it - columns.begin());
  };
  const std::size_t seq_col = role_at(ColumnRole::seq), domain_col = role_at(ColumnRole::domain),
                    task_col = role_at(ColumnRole::task), n = columns.size();
  UnitConventions conventions;
  Domain* domain = nullptr;
  Task* task = nullptr;
  int last_task = 0;
  bool domain_has_tasks = false;
  std::vector<std::pair<std::size_t, Field>> placed;
  std::vector<std::string_view> texts;
  auto text_of = [&](const GridCell& c) {
    texts.assign(c.pieces.begin(), c.pieces.end());
    return repair_text(texts);
  };
  // A line break typed inside a spreadsheet's units cell separates names
  // (市司法局⏎市市场监管局): joined with 、 unless the line ends in a separator.
  auto units_text_of = [&](const GridCell& c) {
    if (kind != GridKind::tabs || c.pieces.size() < 2) return text_of(c);
    std::string out;
    for (const std::string& piece : c.pieces) {
      const std::string one = repair_text({piece});
      if (!out.empty() && !one.empty()) {
        bool separated = false;
        for (std::string_view sep : {"、", "，", "；", ",", ";", "：", ":"})
          separated = separated || ends_with(out, sep);
        if (!separated) out += "、";
      }
      out += one;
    }
    return out;
  };
  auto span_of = [&](const GridCell& c) {
    return c.lines.empty() ? LineSpan{} : LineSpan{lines[c.lines.front()].number, lines[c.lines.back()].number};
  };
  auto open_domain = [&](std::optional<int> seq, std::string name, LineSpan span) {
    Domain d;
    d.seq = seq;
    d.name = std::move(name);
    d.lines = span;
    doc.domains.push_back(std::move(d));
    domain = &doc.domains.back();
    task = nullptr;
    domain_has_tasks = false;
  };
  auto first_line_of = [&](const GridRow& row) {
    std::uint32_t first = UINT32_MAX;
    for (const GridCell& c : row.cells)
      if (!c.lines.empty()) first = std::min(first, lines[c.lines.front()].number);
    return first == UINT32_MAX ? 0u : first;
  };
  // Task and domain vectors grow: pointers are taken again after each push.
  for (GridRow& row : rows) {
    std::size_t filled = 0, only = 0;
    for (std::size_t k = 0; k < n; ++k)
      if (!row.cells[k].pieces.empty()) ++filled, only = k;
    // A heading across the row (一、营商环境, 1 幼有所育) in a table without a
    // domain column, or in it.
    if (filled == 1 && (domain_col >= n || only == domain_col || only == 0)) {
      const std::string text = text_of(row.cells[only]);
      if (const auto m = match_domain_heading(text)) {
        open_domain(m->seq, drop_trailing_full_stop(std::string(trim(std::string_view(text).substr(m->marker_bytes)))),
                    span_of(row.cells[only]));
        continue;
      }
    }
    std::optional<int> seq;
    if (seq_col < n && !row.cells[seq_col].pieces.empty()) seq = bare_number(text_of(row.cells[seq_col]));
    std::string title = task_col < n ? text_of(row.cells[task_col]) : std::string();
    std::optional<int> task_marker;
    if (!title.empty())
      if (const auto m = match_task_heading(title)) {
        task_marker = m->seq;
        title = title.substr(m->marker_bytes);
      }
    const bool has_domain_cell = domain_col < n && !row.cells[domain_col].pieces.empty();
    // 1 幼有所育 | 1.扩大…: with a domain beside it and the task numbered in
    // its own cell, the 序号 numbers the domain.
    std::optional<int> domain_seq;
    if (has_domain_cell && task_marker && seq) domain_seq = std::exchange(seq, std::nullopt);
    if (task_marker) seq = task_marker;
    if (has_domain_cell) {
      std::string name = text_of(row.cells[domain_col]);
      if (const auto m = match_domain_heading(name)) {
        domain_seq = m->seq;
        name = std::string(trim(std::string_view(name).substr(m->marker_bytes)));
      }
      if (!domain || domain->name != name) open_domain(domain_seq, std::move(name), span_of(row.cells[domain_col]));
    }
    // A grid row with text in the task column is a task (numbered or not; a
    // wrapped title's lines are in the row already); without, another row
    // of the task above (a merged task cell).
    const bool new_task = seq.has_value() || !title.empty();
    if (!new_task && !task) continue;  // before the first task: left unassigned, and reported
    if (!domain) {
      // A table without domains: one domain named after the title.
      open_domain(std::nullopt, doc.title, {});
      doc.diagnostics.push_back({Severity::info, first_line_of(row),
                                 "no domain heading before the first task; tasks go to one unnamed domain"});
    }
    if (new_task) {
      if (seq) {
        if (*seq != last_task + 1 && !(*seq == 1 && !domain_has_tasks))
          doc.diagnostics.push_back({Severity::warning, first_line_of(row),
                                     "task number " + std::to_string(*seq) + " follows " + std::to_string(last_task)});
        last_task = *seq;
      }
      domain_has_tasks = true;
      Task t;
      t.seq = seq;
      t.title = drop_trailing_full_stop(std::move(title));
      if (task_col < n) t.lines = span_of(row.cells[task_col]);
      if (seq_col < n) t.lines = t.lines.merged(span_of(row.cells[seq_col]));
      domain->tasks.push_back(std::move(t));
      task = &domain->tasks.back();
    }
    placed.clear();
    for (std::size_t k = 0; k < n; ++k) {
      if (k == seq_col || k == domain_col || k == task_col || row.cells[k].pieces.empty()) continue;
      placed.emplace_back(
          k, field_of_text(columns[k].role == ColumnRole::units ? units_text_of(row.cells[k]) : text_of(row.cells[k]),
                           span_of(row.cells[k])));
    }
    if (placed.empty()) continue;
    Row r = row_from_cells(placed, doc.columns, conventions, &doc.diagnostics);
    task->lines = task->lines.merged(r.lines);
    task->rows.push_back(std::move(r));
    domain->lines = domain->lines.merged(task->lines);
  }
  for (Domain& d : doc.domains)
    for (const Task& t : d.tasks) d.lines = d.lines.merged(t.lines);
  account_coverage(lines, use, markup_in_line, 0, doc);
}

}  // namespace qingdan::detail
