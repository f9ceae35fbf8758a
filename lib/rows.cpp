// Stage 5: blocks -> domains, tasks and rows.
//
// Columns after the task column are the cells of a row, left to right. A task
// normally owns a multiple of that many cells (task 17 of the seed has two
// rows and a single heading). When the count does not divide, two repairs
// are tried, both general: a cell cut in two by a page break is joined
// again, and rows are closed at cells that look like responsible units when
// units are the last column. Anything still uneven is kept, never dropped,
// and reported.
#include <unicode/utf8.h>

#include <algorithm>
#include <cassert>

#include "deadline.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

/// One cell: its line indices are pool[begin, end) of the builder's pool (a
/// cell cut by a page break has a gap). The cells of a task are put into the
/// pool one after another, so splitting a cell or joining two neighbours only
/// moves a bound, and no cell allocates.
struct Cell {
  std::uint32_t begin = 0, end = 0;
  bool after_page_break = false;
  /// The lines under a task's title in its heading's block: the row's other
  /// cells, printed with no blank line anywhere in the row.
  bool under_title = false;
  std::optional<std::string> text;  ///< repaired text, computed once on demand
};

/// A cell's line indices, as a range.
struct CellLines {
  const std::uint32_t* b;
  const std::uint32_t* e;
  const std::uint32_t* begin() const { return b; }
  const std::uint32_t* end() const { return e; }
  std::size_t size() const { return static_cast<std::size_t>(e - b); }
  std::uint32_t front() const { return *b; }
  std::uint32_t back() const { return e[-1]; }
  std::uint32_t operator[](std::size_t k) const { return b[k]; }
};

/// The line closes a sentence (。 or ；, possibly followed by spaces).
bool ends_with_full_stop(std::string_view text) {
  text = trim(text);
  for (std::string_view stop : {"。", "；"})
    if (ends_with(text, stop)) return true;
  return false;
}

/// A line that is one office's name and nothing else (区住房城乡建设局): no
/// separator or sentence stop, and it ends like an organisation.
bool is_one_name(std::string_view line) {
  line = trim(line);
  for (std::string_view p : {"，", "、", "；", "。", ",", ";", "：", "（"})
    if (contains(line, p)) return false;
  return !line.empty() && ends_like_an_organisation(line);
}

/// Printed width: a wide (CJK) character counts two, anything else one, spaces none.
std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || is_space(c)) continue;
    w += is_wide(static_cast<char32_t>(c)) ? 2 : 1;
  }
  return w;
}

/// The label of a unit column says the role of what it lists: 牵头单位
/// leads, 配合单位 supports; a plain 责任单位 column lets the text decide.
Units make_units(std::vector<std::pair<const std::string*, Field>>& cells, const UnitConventions& conventions,
                 bool& inferred) {
  // The column's key, in its label as printed or folded (牽頭單位 is
  // 牵头单位). Asked for every row: the label is folded only when folding
  // changes it and the printed label names no key.
  auto key_of = [](const std::string& label) -> std::string_view {
    auto key_in = [](std::string_view l) -> std::string_view {
      for (std::string_view k :
           {"协同配合单位", "牵头单位", "配合单位", "牵头部门", "配合部门", "主办单位", "协办单位"})
        if (l.find(k) != std::string_view::npos) return k;
      return {};
    };
    if (const std::string_view k = key_in(label); !k.empty() || !fold_key_changes(label)) return k;
    // A label to fold (牽頭單位) is folded once per document and label, not per row.
    thread_local std::vector<std::pair<std::string, std::string_view>> folded;
    for (const auto& [l, k] : folded)
      if (l == label) return k;
    std::string storage;
    const std::string_view k = key_in(fold_key(label, storage));
    if (folded.size() >= 16) folded.clear();
    folded.emplace_back(label, k);
    return k;
  };
  Units u;
  if (cells.size() == 1 && key_of(*cells.front().first).empty()) {
    // One plain 责任单位 column (the usual case): its text is read as it is.
    Field& field = cells.front().second;
    static_cast<Field&>(u) = std::move(field);
    inferred = analyse_units_text(u.text, u, conventions);
    return u;
  }
  // The text with each column's role as a key, for analysis, and the clauses
  // of one column: kept per thread like the other per-row lists (a string and
  // a list per row were two allocations per row of a pipe table).
  thread_local std::string keyed;
  thread_local std::vector<std::string_view> clauses;
  keyed.clear();
  std::size_t bytes = 0;
  for (const auto& cell : cells) bytes += cell.second.text.size() + 3;
  u.text.reserve(bytes);
  for (auto& [label, field] : cells) {
    if (!u.text.empty()) u.text += "；";
    u.text += field.text;
    u.lines = u.lines.merged(field.lines);
    const std::string_view key = key_of(*label);
    split_clauses_into(field.text, clauses);
    for (auto clause : clauses) {
      if (!keyed.empty()) keyed += "；";
      // An ASCII colon: strip_key takes either width, and a full-width one
      // would make every clause "need folding" and its names folded one by one.
      if (!key.empty()) keyed.append(key).append(":");
      keyed.append(clause);
    }
  }
  inferred = analyse_units_text(keyed, u, conventions);
  u.items = split_items(u.text);
  return u;
}

}  // namespace

namespace {

/// The date a deadline's text names: a day, or an ISO 8601 interval.
std::optional<std::string> deadline_date(std::string_view text, std::optional<int> year) {
  const DeadlineValue v = parse_deadline(text, year);
  if (v.date) return v.date;
  if (v.start && v.end) return *v.start + "/" + *v.end;
  return std::nullopt;
}

}  // namespace

Deadline make_deadline(Field field, std::optional<int> year) {
  Deadline d;
  static_cast<Field&>(d) = std::move(field);
  d.date = deadline_date(d.text, year);
  return d;
}

namespace {

/// The one year a plan's title names for itself (某县2024年…, …（2023—2025年）
/// 2023年度…: 2023): the years followed by 年 that start or end no range
/// (2023—2025年, 2023年至2025年); none when there are several, or none.
std::optional<int> plans_year(std::string_view title) {
  std::optional<int> found;
  for (std::size_t i = 0; i + 4 <= title.size(); ++i) {
    std::size_t after = 0;
    const std::optional<int> year = year_at(title, i, after);
    if (!year || (i > 0 && title[i - 1] >= '0' && title[i - 1] <= '9')) continue;
    const std::string_view rest = trim(title.substr(after));
    const bool starts_a_range = starts_with(rest, "—") || starts_with(rest, "－") || starts_with(rest, "-") ||
                                starts_with(rest, "至") || starts_with(rest, "到") || starts_with(rest, "~");
    if (starts_a_range || ends_a_year_range(title.substr(0, i))) continue;
    if (found && *found != *year) return std::nullopt;
    found = year;
  }
  return found;
}

}  // namespace

void date_yearless_deadlines(Document& doc) {
  std::optional<int> year;
  bool asked = false;
  std::uint32_t first_line = 0;
  for (Domain& d : doc.domains)
    for (Task& t : d.tasks)
      for (Row& r : t.rows) {
        if (!r.deadline || r.deadline->date) continue;
        const std::string_view text = r.deadline->text;
        // A month, a quarter or a half without a year (6月底前, 第三季度,
        // 年底前, 上半年); 全年 and 长期坚持 stay without a date.
        if (!contains(text, "月") && !contains(text, "季") && !contains(text, "年底") && !contains(text, "年末") &&
            !contains(text, "半年"))
          continue;
        if (!asked) {
          asked = true;
          year = plans_year(doc.title);
        }
        if (!year) return;
        r.deadline->date = deadline_date(text, year);
        if (!r.deadline->date) continue;
        if (first_line == 0) first_line = r.deadline->lines.first;
      }
  if (first_line != 0)
    doc.diagnostics.push_back(
        {Severity::info, first_line,
         "deadlines that name no year take the plan's year, " + std::to_string(*year) + " (from the title)"});
}

Diagnostic inferred_role_note(const Units& units) {
  // The whole first clause leads when no convention says otherwise (A、B、C，D):
  // the note names every unit it made lead.
  std::string message = units.lead.size() > 1
                            ? "unit roles inferred: no role word, so the units listed first are taken as lead ("
                            : "unit roles inferred: no role word, so the first unit listed is taken as lead (";
  for (std::size_t k = 0; k < units.lead.size(); ++k) {
    if (k > 0) message += "、";
    message += units.lead[k];
  }
  message += ')';
  return {Severity::info, units.lines.first, std::move(message)};
}

Row row_from_cells(std::vector<std::pair<std::size_t, Field>>& cells, const std::vector<Column>& columns,
                   const UnitConventions& conventions, std::vector<Diagnostic>* diagnostics) {
  Row row;
  // Kept per thread: one list per row was an allocation per row.
  thread_local std::vector<std::pair<const std::string*, Field>> unit_cells;
  unit_cells.clear();
  for (auto& [c, f] : cells) {
    row.lines = row.lines.merged(f.lines);
    const ColumnRole role = c < columns.size() ? columns[c].role : ColumnRole::other;
    std::optional<Field>* slot = nullptr;
    switch (role) {
      case ColumnRole::goal: slot = &row.goal; break;
      case ColumnRole::annual_target: slot = &row.annual_target; break;
      case ColumnRole::measures: slot = &row.measures; break;
      case ColumnRole::deadline:
        if (!row.deadline) {
          row.deadline = make_deadline(std::move(f), columns[c].year);
          continue;
        }
        break;
      case ColumnRole::units:
        // Several unit columns (牵头单位 | 配合单位) make one Units.
        unit_cells.emplace_back(&columns[c].label, std::move(f));
        continue;
      default: break;
    }
    if (slot && !*slot) {
      *slot = std::move(f);
      continue;
    }
    row.other.push_back({c, std::move(f)});
  }
  if (!unit_cells.empty()) {
    bool inferred = false;
    row.units = make_units(unit_cells, conventions, inferred);
    if (inferred && diagnostics) diagnostics->push_back(inferred_role_note(*row.units));
  }
  return row;
}

namespace {

struct Builder {
  const LineTable& lines;
  const Furniture& furniture;
  Document& doc;
  std::vector<ColumnRole> roles;            // role of each content column
  std::vector<std::size_t> column;          // document column index of each content column
  std::vector<std::uint8_t> use;            // per line: 0 unassigned, 1 field, 2 furniture
  std::vector<std::uint32_t> marker_chars;  // per line: numbering characters (furniture)
  UnitConventions conventions;

  Builder(const LineTable& l, const Furniture& f, Document& d)
      : lines(l), furniture(f), doc(d), use(l.size(), 0), marker_chars(l.size(), 0) {
    doc.columns = furniture.columns;
    add_table(furniture.columns);
    for (const auto& t : furniture.more_tables) add_table(t.columns);
    use_table(0);
    // Several tables: each one's own title and header, so that a later
    // table's title (附件2's …分工方案) and labels are in the output, not only
    // counted as furniture.
    if (!furniture.more_tables.empty()) {
      doc.tables.push_back({doc.title, doc.title_lines,
                            furniture.header_line ? lines[*furniture.header_line].number : 0, furniture.columns});
      for (const auto& t : furniture.more_tables)
        doc.tables.push_back({t.title, t.title_lines, lines[t.header_line].number, t.columns});
    }
  }
  /// Domain::table for a domain of table `table`: set only when there are several.
  std::optional<std::uint32_t> table_of_domain(std::size_t table) const {
    if (doc.tables.empty()) return std::nullopt;
    return static_cast<std::uint32_t>(table);
  }

  // Per table: the content columns (after the task column) and where each
  // sits in Document::columns, which lists every distinct column once.
  std::vector<std::vector<ColumnRole>> table_roles;
  std::vector<std::vector<std::size_t>> table_columns;

  void add_table(const std::vector<Column>& cols) {
    auto task_col = std::find_if(cols.begin(), cols.end(), [](const Column& c) { return c.role == ColumnRole::task; });
    const std::size_t from = task_col == cols.end() ? 0 : static_cast<std::size_t>(task_col - cols.begin()) + 1;
    std::vector<ColumnRole> r;
    std::vector<std::size_t> at;
    for (std::size_t i = from; i < cols.size(); ++i) {
      if (cols[i].role == ColumnRole::seq || cols[i].role == ColumnRole::domain || cols[i].role == ColumnRole::task)
        continue;
      auto same = std::find(doc.columns.begin(), doc.columns.end(), cols[i]);
      if (same == doc.columns.end()) same = doc.columns.insert(doc.columns.end(), cols[i]);
      r.push_back(cols[i].role);
      at.push_back(static_cast<std::size_t>(same - doc.columns.begin()));
    }
    table_roles.push_back(std::move(r));
    table_columns.push_back(std::move(at));
  }

  void use_table(std::size_t k) {
    roles = table_roles[k];
    column = table_columns[k];
  }

  void warn(Severity s, std::uint32_t line, std::string message) {
    doc.diagnostics.push_back({s, line, std::move(message)});
  }

  std::vector<std::string_view> scratch;  // line texts of one cell, reused
  std::vector<std::uint32_t> pool;        // line indices of the current task's cells

  CellLines lines_of(const Cell& c) const { return {pool.data() + c.begin, pool.data() + c.end}; }
  /// A new cell of the lines first..last that `keep` accepts, appended to
  /// the pool (it may be empty).
  template <typename Keep>
  Cell new_cell(std::size_t first, std::size_t last, Keep keep) {
    Cell c;
    c.begin = static_cast<std::uint32_t>(pool.size());
    for (std::size_t i = first; i <= last; ++i)
      if (keep(i)) pool.push_back(static_cast<std::uint32_t>(i));
    c.end = static_cast<std::uint32_t>(pool.size());
    return c;
  }

  std::string& text_of(Cell& cell) {
    if (!cell.text) {
      scratch.clear();
      for (auto i : lines_of(cell)) scratch.push_back(lines[i].text);
      cell.text = repair_text(scratch);
    }
    return *cell.text;
  }

  Field make_field(Cell& cell) {
    const CellLines ls = lines_of(cell);
    for (auto i : ls) use[i] = 1;
    Field f = field_of_text(std::move(text_of(cell)), {lines[ls.front()].number, lines[ls.back()].number});
    cell.text.reset();
    return f;
  }

  /// Heading text without its number marker, continuation lines appended.
  std::string heading_text(const Block& b) {
    scratch.assign(1, lines[b.first].text.substr(b.marker_bytes));
    marker_chars[b.first] = static_cast<std::uint32_t>(count_chars(lines[b.first].text.substr(0, b.marker_bytes)));
    for (std::size_t i = b.first + 1; i <= b.last; ++i)
      if (!is_blank(lines[i].text)) scratch.push_back(lines[i].text);  // blank: after a number on its own line
    for (std::size_t i = b.first; i <= b.last; ++i) use[i] = 1;
    return drop_trailing_full_stop(repair_text(scratch));
  }

  /// A cell that reads like a responsible-units cell: no sentence stop, and
  /// every clause ends in a role word or in a word organisations end with.
  bool looks_like_units(Cell& cell) { return reads_like_units(text_of(cell)); }

  /// Cells printed without a blank line between them come as one block.
  /// Each column wraps at its own width, so a cell ends where a line closes
  /// a sentence and the next line is of a clearly different width (goal
  /// ~12 characters, measures ~38, units ~8 in the seed). The `missing`
  /// strongest such places are split, and the guess is reported.
  void split_unseparated(std::vector<Cell>& cells, std::size_t missing) {
    struct Cut {
      std::size_t cell, at;  // split cells[cell] before its line `at`
      double score;
    };
    // A row printed with no blank line at all, one line per cell (short
    // cells: 市应急管理局 / 2025年6月底前), has exactly as many lines under
    // its title as it lacks cells: each line is a cell.
    if (cells.size() == 1 && cells[0].under_title && lines_of(cells[0]).size() == missing + 1) {
      const Cell whole = cells[0];
      cells.clear();
      for (std::uint32_t k = whole.begin; k < whole.end; ++k) {
        Cell one;
        one.begin = k;
        one.end = k + 1;
        cells.push_back(std::move(one));
      }
      warn(Severity::info, lines[lines_of(cells.front()).front()].number,
           "cells not separated by a blank line: each line of this row is taken as one cell");
      return;
    }
    std::vector<Cut> cuts;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const CellLines ls = lines_of(cells[c]);
      std::size_t widest = 0;
      for (std::size_t k = 0; k + 1 < ls.size(); ++k) {
        const std::size_t w = display_width(lines[ls[k]].text);
        widest = std::max(widest, w);
        const std::size_t next = display_width(lines[ls[k + 1]].text);
        const bool stop = ends_with_full_stop(lines[ls[k]].text);
        const double change = static_cast<double>(widest > next ? widest - next : next - widest) /
                              static_cast<double>(std::max(widest, next));
        // In a row printed with no blank line anywhere, every sentence stop
        // at a line's end is a candidate, the width change its score.
        if (stop && (change >= 0.2 || cells[c].under_title)) {
          cuts.push_back({c, k + 1, change});
          widest = 0;
        }
      }
    }
    // In a row printed with no blank line anywhere, a line that ends like an
    // office's name ends a units cell (separate 牵头单位 / 配合单位 columns
    // print one name a line).
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (!cells[c].under_title) continue;
      const CellLines ls = lines_of(cells[c]);
      for (std::size_t k = 0; k + 1 < ls.size(); ++k)
        if (is_one_name(lines[ls[k]].text) &&
            std::none_of(cuts.begin(), cuts.end(), [&](const Cut& x) { return x.cell == c && x.at == k + 1; }))
          cuts.push_back({c, k + 1, 1.5});
    }
    // A deadline column last: the block's last line or two, when they are a
    // deadline and nothing else, are that cell (units cells end without a
    // sentence stop, so the cut before the deadline has none either).
    if (roles.back() == ColumnRole::deadline && !cells.empty()) {
      const std::size_t c = cells.size() - 1;
      const CellLines ls = lines_of(cells[c]);
      for (std::size_t tail = 1; tail <= 2 && tail < ls.size(); ++tail) {
        scratch.clear();
        for (std::size_t k = ls.size() - tail; k < ls.size(); ++k) scratch.push_back(lines[ls[k]].text);
        if (is_deadline_cell(repair_text(scratch))) {
          const std::size_t at = ls.size() - tail;
          if (std::none_of(cuts.begin(), cuts.end(), [&](const Cut& x) { return x.cell == c && x.at == at; }))
            cuts.push_back({c, at, 2.0});
          break;
        }
      }
    }
    // Fewer places than cells missing: give up, unless the row was printed
    // with no blank line at all (then its cells are surely in there; cut where
    // it can, and the short row's cells go to their columns).
    if (cuts.size() < missing && !(cells.size() == 1 && cells[0].under_title && !cuts.empty())) return;
    if (cuts.size() < missing) missing = cuts.size();
    std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.score > b.score; });
    cuts.resize(missing);
    std::sort(cuts.begin(), cuts.end(),
              [](const Cut& a, const Cut& b) { return a.cell != b.cell ? a.cell > b.cell : a.at > b.at; });
    for (const Cut& cut : cuts) {  // from the end, so earlier indices stay valid
      Cell tail;
      tail.begin = cells[cut.cell].begin + static_cast<std::uint32_t>(cut.at);
      tail.end = cells[cut.cell].end;
      cells[cut.cell].end = tail.begin;
      cells[cut.cell].text.reset();
      cells.insert(cells.begin() + static_cast<std::ptrdiff_t>(cut.cell) + 1, std::move(tail));
      warn(Severity::info, lines[lines_of(cells[cut.cell + 1]).front()].number,
           "cells not separated by a blank line: a new cell is taken to start here (the line width changes)");
    }
  }

  /// A row cut by a page break is printed with all its cells on the first
  /// page, the cut one unfinished, and what is left of it at the top of the
  /// next (pdftotext reads a page at a time): a cell that starts a row after
  /// a complete row, one cell too many for the task. It is joined to the
  /// cut row's units cell when that cell is no unit list yet and the two
  /// together are one (…州住房城乡建设局配 + 合；各县市人民政府), else to the
  /// row's only text cell that ends mid-sentence when the cell itself is no
  /// unit list (…示范创 + 建，打造特色农产品优势区。). Otherwise it is left for
  /// grouping to report.
  void join_cut_row_continuation(std::vector<Cell>& cells) {
    const std::size_t n = roles.size();
    if (cells.size() % n != 1 || cells.size() < n + 1) return;
    for (std::size_t k = n; k < cells.size(); k += n) {
      if (!cells[k].after_page_break) continue;
      const std::string continuation = text_of(cells[k]);
      std::optional<std::size_t> into;
      std::vector<std::size_t> unfinished_text;
      for (std::size_t j = k - n; j < k; ++j) {  // the cut row
        const ColumnRole r = roles[j - (k - n)];
        const std::string_view t = trim(text_of(cells[j]));
        if (t.empty()) continue;
        if (r == ColumnRole::units) {
          // Unfinished: no unit list yet, or one ending in a separator (…县财政局、).
          const bool open_list =
              ends_with(t, "、") || ends_with(t, "，") || ends_with(t, "；") || ends_with(t, ",") || ends_with(t, ";");
          if (t.find("。") == std::string_view::npos && (open_list || !reads_like_units(t)) &&
              reads_like_units(std::string(t) + continuation))
            into = j;
        } else if (r == ColumnRole::goal || r == ColumnRole::annual_target || r == ColumnRole::measures) {
          bool finished = false;
          for (std::string_view end : {"。", "；", "！", "？", ";", ".", "!", "?"})
            finished = finished || ends_with(t, end);
          if (!finished) unfinished_text.push_back(j);
        }
      }
      // Text that opens with a key (说明：… 注：…) or a number is a note or a
      // paragraph of its own, not the rest of a sentence.
      auto opens_a_paragraph = [](std::string_view t) {
        std::size_t colon_len = 0;
        const std::size_t colon = find_colon(t.substr(0, 8 * 3), colon_len);
        return colon != std::string_view::npos || match_number_marker(t).has_value();
      };
      if (!into && unfinished_text.size() == 1 && !reads_like_units(continuation) &&
          !opens_a_paragraph(trim(continuation)))
        into = unfinished_text.front();
      if (!into) return;
      // Cell k's lines right after cell j's: the cells between move up in the pool.
      const std::size_t j = *into;
      const std::uint32_t len = cells[k].end - cells[k].begin;
      std::rotate(pool.begin() + cells[j].end, pool.begin() + cells[k].begin, pool.begin() + cells[k].end);
      cells[j].end += len;
      for (std::size_t i = j + 1; i < k; ++i) {
        cells[i].begin += len;
        cells[i].end += len;
      }
      cells[j].text.reset();
      const std::uint32_t joined_line = lines[pool[cells[j].end - 1]].number;
      cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(k));
      warn(Severity::info, lines[lines_of(cells[j]).front()].number,
           "a cell continued across a page break was joined (line " + std::to_string(joined_line) +
               "; the row's other cells were printed before the break)");
      return;
    }
  }

  /// Groups a task's cells into rows of roles.size() cells.
  std::vector<std::vector<Cell>> group(std::vector<Cell>& cells) {
    const std::size_t n = roles.size();
    std::vector<std::vector<Cell>> rows;
    if (n == 0 || cells.empty()) return rows;
    // A cell cut in two by a page break comes back as two cells; join them
    // when the count does not divide, but never into a row's last cell: what
    // follows a complete row across a page break is more likely stray text.
    for (std::size_t k = cells.size(); cells.size() % n != 0 && k-- > 1;) {
      if (!cells[k].after_page_break || (k - 1) % n == n - 1) continue;
      // A task's cells sit in the pool one after another (cells are only
      // split after this loop), so joining two neighbours moves one bound.
      Cell& head = cells[k - 1];
      assert(head.end == cells[k].begin);
      head.end = cells[k].end;
      head.text.reset();
      cells.erase(cells.begin() + static_cast<std::ptrdiff_t>(k));
      warn(Severity::info, lines[lines_of(cells[k - 1]).front()].number,
           "a cell continued across a page break was joined (line " +
               std::to_string(lines[lines_of(cells[k - 1]).back()].number) + ")");
    }
    join_cut_row_continuation(cells);
    if (cells.size() < n) split_unseparated(cells, n - cells.size());
    const bool units_last = roles.back() == ColumnRole::units;
    std::vector<Cell> row;
    row.reserve(n);
    rows.reserve(cells.size() / n + 1);
    auto cells_text = [&](const std::vector<Cell>& r) {
      const std::uint32_t a = lines[lines_of(r.front()).front()].number, z = lines[lines_of(r.back()).back()].number;
      return "row on lines " + std::to_string(a) + "-" + std::to_string(z) + " has " + std::to_string(r.size()) +
             " cells where the header has " + std::to_string(n);
    };
    for (auto& cell : cells) {
      row.push_back(std::move(cell));
      const bool full = row.size() == n;
      // A units-like cell closes a short row early, unless it stands in a
      // units column already (separate 牵头单位 / 配合单位 columns at the end).
      const bool early_units = !full && units_last && row.size() >= 2 && roles[row.size() - 1] != ColumnRole::units &&
                               looks_like_units(row.back());
      if (full || early_units) {
        if (!full)
          warn(Severity::warning, lines[lines_of(row.front()).front()].number,
               cells_text(row) + "; the last is taken as the units, the others fill columns from the left");
        rows.push_back(std::move(row));
        row = std::vector<Cell>();  // moved from: sized again for the next row
        row.reserve(n);
      }
    }
    if (!row.empty()) {
      warn(Severity::warning, lines[lines_of(row.front()).front()].number,
           cells_text(row) + "; cells fill columns from the left");
      rows.push_back(std::move(row));
    }
    return rows;
  }

  std::vector<std::pair<std::size_t, Field>> placed;  // make_row's, reused
  std::vector<std::size_t> short_row_columns;         // make_row's, reused

  Row make_row(std::vector<Cell>& cells) {
    const std::size_t n = roles.size();
    const bool short_row = cells.size() < n;
    placed.clear();
    placed.reserve(cells.size());
    // A short row (an empty cell): its cells fill columns from the left,
    // except that a deadline closing it goes to a deadline column at the
    // end, and the units cells before that (or closing it) to the units
    // columns: with separate 牵头单位 / 配合单位 columns, as many as there are
    // from the right, fewer from the first (the lead; an empty cell is the
    // support's).
    std::size_t tail = cells.size();  // cells[tail..] are placed from the right (the deadline)
    std::vector<std::size_t>& at_column = short_row_columns;
    at_column.assign(cells.size(), SIZE_MAX);
    if (short_row && tail > 0) {
      std::size_t last_units = SIZE_MAX;
      if (roles.back() == ColumnRole::deadline && is_deadline_cell(text_of(cells[tail - 1]))) {
        at_column[--tail] = n - 1;
        for (std::size_t c = n - 1; c-- > 0;)
          if (roles[c] == ColumnRole::units) {
            last_units = c;
            break;
          }
      } else if (roles.back() == ColumnRole::units) {
        last_units = n - 1;
      }
      if (last_units != SIZE_MAX) {
        std::size_t first_units = last_units;
        while (first_units > 0 && roles[first_units - 1] == ColumnRole::units) --first_units;
        const std::size_t m = last_units - first_units + 1;
        // k cells before the tail read like units, none of them right of its column.
        std::size_t k = 0;
        while (k < m && tail > k && tail - k - 1 <= first_units && looks_like_units(cells[tail - k - 1])) ++k;
        for (std::size_t q = 0; q < k; ++q) at_column[tail - k + q] = first_units + q;
      }
    }
    for (std::size_t k = 0; k < cells.size(); ++k)
      placed.emplace_back(column[at_column[k] == SIZE_MAX ? k : at_column[k]], make_field(cells[k]));
    return row_from_cells(placed, doc.columns, conventions, &doc.diagnostics);
  }
};

}  // namespace

void assemble(const LineTable& lines, const Furniture& furniture, const std::vector<Block>& blocks, Document& doc) {
  Builder b(lines, furniture, doc);
  // One search over the whole text (the lines are views into it), then the line.
  if (!lines.empty()) {
    const char* begin = lines.front().text.data();
    const std::string_view all(begin,
                               static_cast<std::size_t>(lines.back().text.data() + lines.back().text.size() - begin));
    if (states_first_listed_convention(all))
      for (const Line& line : lines)
        if (states_first_listed_convention(line.text)) {
          b.conventions.first_listed_leads = true;
          b.warn(Severity::info, line.number, "convention: the first unit listed leads (列第一位为牵头单位)");
          break;
        }
  }

  Domain* domain = nullptr;
  Task* task = nullptr;
  std::optional<SectionRef> section;  // the second-level heading the next tasks are under
  std::vector<Cell> cells;
  int last_domain_seq = 0, last_task_seq = 0;
  bool domain_has_tasks = false;  // since the last domain or section heading

  auto finish_task = [&] {
    if (!task) {
      // Text before the first task stays unassigned: the coverage pass
      // reports it, one warning per run of lines.
      cells.clear();
      b.pool.clear();
      return;
    }
    const std::uint32_t task_line = task->lines.first;
    auto grouped = b.group(cells);
    task->rows.reserve(task->rows.size() + grouped.size());
    for (auto& row_cells : grouped) {
      task->rows.push_back(b.make_row(row_cells));
      task->lines = task->lines.merged(task->rows.back().lines);
    }
    cells.clear();
    b.pool.clear();
    if (task->rows.empty()) b.warn(Severity::warning, task_line, "task has no cells");
    if (domain) domain->lines = domain->lines.merged(task->lines);
    task = nullptr;
  };

  std::size_t table = 0;
  for (const Block& block : blocks) {
    const std::uint32_t first = lines[block.first].number, last = lines[block.last].number;
    if (block.table != table) {
      // The next table (附件2): its columns, its own numbering and domains.
      finish_task();
      table = block.table;
      b.use_table(table);
      last_domain_seq = last_task_seq = 0;
      domain_has_tasks = false;
      domain = nullptr;
      section.reset();
      b.warn(Severity::info, lines[furniture.more_tables[table - 1].header_line].number,
             "another table starts here; its numbering restarts");
    }
    switch (block.kind) {
      case BlockKind::domain_heading: {
        std::string name = b.heading_text(block);
        if (domain && (block.unnumbered ? !domain->seq && domain->name == name : domain->seq == block.seq)) {
          // The heading repeated at the top of a continuation page: furniture.
          for (std::size_t i = block.first; i <= block.last; ++i) b.use[i] = 2;
          continue;
        }
        finish_task();
        if (!block.unnumbered && block.seq != last_domain_seq + 1)
          b.warn(Severity::warning, first,
                 "domain number " + std::to_string(block.seq) + " follows " + std::to_string(last_domain_seq));
        last_domain_seq = block.seq;
        section.reset();
        domain_has_tasks = false;
        Domain d;
        if (!block.unnumbered) d.seq = block.seq;
        d.name = std::move(name);
        d.lines = {first, last};
        d.table = b.table_of_domain(table);
        doc.domains.push_back(std::move(d));
        domain = &doc.domains.back();
        break;
      }
      case BlockKind::section_heading: {
        // A second heading level (（一） under 一、): the tasks under it carry it.
        finish_task();
        section = SectionRef{block.seq, b.heading_text(block)};
        domain_has_tasks = false;
        break;
      }
      case BlockKind::task_heading: {
        finish_task();
        if (!domain) {
          // A table without domain headings: one domain named after the title.
          Domain d;
          d.name = table == 0 ? doc.title : furniture.more_tables[table - 1].title;
          d.lines = {first, last};
          d.table = b.table_of_domain(table);
          doc.domains.push_back(std::move(d));
          domain = &doc.domains.back();
          b.warn(Severity::info, first, "no domain heading before the first task; tasks go to one unnamed domain");
        }
        // Numbering may restart in each domain (and section).
        if (block.seq != last_task_seq + 1 && !(block.seq == 1 && !domain_has_tasks))
          b.warn(Severity::warning, first,
                 "task number " + std::to_string(block.seq) + " follows " + std::to_string(last_task_seq));
        last_task_seq = block.seq;
        domain_has_tasks = true;
        Task t;
        t.seq = block.seq;
        t.section = section;
        // A heading whose title ends before its block does: the cells follow
        // without a blank line; the rest of the block is the first cell. The
        // title ends at a sentence stop (。), or where the next line is much
        // wider and enough lines follow for the row's other cells (a wrapped
        // cell's lines never widen: the title was one short line,
        // 1 开展隐患排查整治, and the measures cell follows). A whole row in
        // one block (no blank line after it) of exactly one line per cell:
        // the title is its first line.
        Block title_block = block;
        const bool whole_row = block.last + 1 >= lines.size() || furniture.kinds[block.last + 1] != LineKind::blank;
        bool first_title_line = true;
        for (std::size_t i = block.first; i < block.last; ++i) {
          if ((i == block.first && block.marker_bytes >= lines[i].text.size()) || is_blank(lines[i].text)) continue;
          // Widths only where enough lines follow (display_width decodes the line).
          bool widens = false;
          if (block.last - i >= b.roles.size()) {
            const std::size_t width = display_width(lines[i].text), next = display_width(lines[i + 1].text);
            widens = next >= width + 6 && 2 * next >= 3 * width;
          }
          const bool one_line_per_cell = first_title_line && whole_row && block.last - i == b.roles.size();
          first_title_line = false;
          if (ends_with_full_stop(lines[i].text) || widens || one_line_per_cell) {
            title_block.last = static_cast<std::uint32_t>(i);
            cells.push_back(b.new_cell(i + 1, block.last, [](std::size_t) { return true; }));
            cells.back().under_title = true;
            break;
          }
        }
        // A whole row in one block with no such place (short cells, no
        // measures: 强化校园安全 / 县教育体育局 / 2024年9月底前): its last lines,
        // a deadline and office names, are cells of their own.
        if (title_block.last == block.last && whole_row) {
          std::size_t first_title = block.first;
          while (first_title < block.last &&
                 ((first_title == block.first && block.marker_bytes >= lines[first_title].text.size()) ||
                  is_blank(lines[first_title].text)))
            ++first_title;
          std::size_t k = block.last;
          std::vector<std::size_t> peeled;
          if (!b.roles.empty() && b.roles.back() == ColumnRole::deadline && k > first_title &&
              is_deadline_cell(lines[k].text))
            peeled.push_back(k--);
          while (k > first_title && peeled.size() < b.roles.size() && is_one_name(lines[k].text)) peeled.push_back(k--);
          if (!peeled.empty()) {
            title_block.last = static_cast<std::uint32_t>(k);
            for (auto p = peeled.rbegin(); p != peeled.rend(); ++p)
              cells.push_back(b.new_cell(*p, *p, [](std::size_t) { return true; }));
          }
        }
        t.title = b.heading_text(title_block);
        t.lines = {first, lines[title_block.last].number};
        domain->tasks.push_back(std::move(t));
        task = &domain->tasks.back();
        break;
      }
      case BlockKind::cell: {
        Cell c = b.new_cell(block.first, block.last, [&](std::size_t i) {
          return furniture.kinds[i] == LineKind::content && !is_blank(lines[i].text);
        });
        c.after_page_break = block.after_page_break;
        if (c.end > c.begin) cells.push_back(std::move(c));
        break;
      }
    }
  }
  // The notice's signature under the last row (某某县人民政府办公室 /
  // 2024年3月15日): one cell more than whole rows. A row still short of its
  // cells takes such a paragraph: its units and deadline.
  if (const std::size_t signature = closing_signature(lines);
      signature < lines.size() && !cells.empty() && !b.roles.empty() && cells.size() % b.roles.size() == 1) {
    const auto last = b.lines_of(cells.back());
    if (last.front() == signature) {
      for (auto i : last) b.use[i] = 2;
      cells.pop_back();
    }
  }
  finish_task();

  // Coverage: every non-whitespace character is in a field, or furniture, or reported.
  std::vector<LineUse> use(lines.size(), LineUse::none);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    switch (furniture.kinds[i]) {
      case LineKind::blank: break;
      case LineKind::header:
      case LineKind::footer: use[i] = LineUse::furniture; break;
      case LineKind::title: use[i] = LineUse::field; break;
      case LineKind::content:
        use[i] = b.use[i] == 1 ? LineUse::field : b.use[i] == 2 ? LineUse::furniture : LineUse::none;
        break;
    }
  }
  account_coverage(lines, use, b.marker_chars, furniture.glued_header_chars, doc);
}

}  // namespace qingdan::detail
