// Pipe tables: text where every cell ends in " |" (some converters print
// tables this way, one cell per line):
//
//   序号 |            <- header cells, one per line
//   重点任务 |
//   牵头单位 |
//   完成时限 |
//   一、营商环境 |     <- a merged cell spanning the row: a domain heading
//   1 |               <- a row starts at its number
//   推进企业开办      <- a cell may wrap; it ends at the line ending in "|"
//   便利化 |
//   县市场监管局 |
//   |                 <- an empty cell; "||" is two
//
// Rows whose cell count differs from the header's (merged cells) keep every
// cell, fill columns from the left and are reported.
#include <algorithm>

#include "stages.hpp"

namespace qingdan::detail {
namespace {

/// A cell's line indices are pool[begin, end) of one pool for the document
/// (a vector per cell was an allocation per cell).
struct PipeCell {
  std::uint32_t begin = 0, end = 0;  // line indices holding its text, in the pool
  std::string text;                  // repaired, without the bars
  std::size_t bars = 0;              // trailing bar characters on its last line
};

/// A cell's line indices, as a range.
struct CellLines {
  const std::size_t* b;
  const std::size_t* e;
  const std::size_t* begin() const { return b; }
  const std::size_t* end() const { return e; }
  bool empty() const { return b == e; }
  std::size_t front() const { return *b; }
  std::size_t back() const { return e[-1]; }
};

bool ends_with_bar(std::string_view t) {
  t = trim(t);
  return !t.empty() && t.back() == '|';
}

/// A cell holding only a number: the 序号 of a row.
std::optional<int> row_number(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.size() > 3) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v > 0 ? std::optional<int>(v) : std::nullopt;
}

}  // namespace

bool looks_like_pipe_table(const LineTable& lines) {
  // The first 200 non-blank lines decide: a pipe table shows itself early.
  std::size_t content = 0, bars = 0;
  for (const Line& l : lines) {
    if (is_blank(l.text)) continue;
    ++content;
    bars += ends_with_bar(l.text);
    if (content == 200) break;
  }
  return content >= 4 && bars * 2 >= content;
}

bool parse_pipe_layout(const LineTable& lines, Document& doc, std::uint32_t* header_line) {
  // 1. Cells. Text before the first barred line is the title.
  std::vector<PipeCell> cells;
  std::vector<std::size_t> pool;  // the cells' line indices, cell after cell
  auto lines_of = [&](const PipeCell& c) { return CellLines{pool.data() + c.begin, pool.data() + c.end}; };
  std::vector<std::size_t> pending;  // lines of a cell still open
  std::vector<LineUse> use(lines.size(), LineUse::none);
  std::vector<std::uint32_t> bars_in_line(lines.size(), 0);
  std::vector<std::size_t> title_lines;  // unbarred lines before the first cell
  std::vector<std::string_view> texts;   // the lines of one cell
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = trim(lines[i].text);
    if (t.empty()) continue;
    if (!ends_with_bar(t)) {
      // A page footer (第 1 页，共 2 页) is furniture: taken for the first
      // line of a wrapped cell, it was glued onto the next cell, a domain
      // heading there then lost.
      if (is_page_footer(t) || is_document_tail(t)) {
        use[i] = LineUse::furniture;
        continue;
      }
      // Unbarred lines before the first cell are the title; later ones
      // are the first lines of a wrapped cell.
      (cells.empty() ? title_lines : pending).push_back(i);
      continue;
    }
    // Strip the bars: "X |" is one cell, a bare "|" an empty one, "||" two.
    std::size_t bars = 0;
    while (!t.empty() && t.back() == '|') {
      t.remove_suffix(1);
      t = trim(t);
      ++bars;
    }
    bars_in_line[i] = static_cast<std::uint32_t>(bars);
    texts.clear();
    PipeCell cell;
    cell.begin = static_cast<std::uint32_t>(pool.size());
    for (auto k : pending) {
      texts.push_back(lines[k].text);
      pool.push_back(k);
      use[k] = LineUse::field;
    }
    pending.clear();
    if (!t.empty() || !texts.empty()) {
      texts.push_back(t);
      pool.push_back(i);
    }
    cell.end = static_cast<std::uint32_t>(pool.size());
    cell.text = repair_text(texts);
    cell.bars = bars;
    cells.push_back(std::move(cell));
    const auto at = static_cast<std::uint32_t>(pool.size());
    for (std::size_t extra = 1; extra < bars; ++extra) cells.push_back(PipeCell{at, at, {}, 0});  // "||"
    use[i] = LineUse::field;
  }
  // 2. Header: the first run of at least three label cells.
  std::size_t h = 0, n = 0;
  for (; h < cells.size(); ++h) {
    n = 0;
    while (h + n < cells.size() && !lines_of(cells[h + n]).empty() && is_column_label(cells[h + n].text)) ++n;
    if (n >= 3) break;
  }
  if (n < 3) return false;
  if (header_line) *header_line = lines[lines_of(cells[h]).front()].number;
  std::string joined;
  for (std::size_t k = h; k < h + n; ++k) joined += cells[k].text + " ";
  for (std::size_t k = h; k < h + n; ++k) doc.columns.push_back(classify_column(cells[k].text));
  settle_column_roles(doc.columns);
  // Title: the unbarred paragraph above the first cell, or barred cells
  // before the header.
  {
    std::vector<std::string_view> t;
    std::vector<std::size_t> from = title_lines;
    for (std::size_t q = 0; q < h; ++q) from.insert(from.end(), lines_of(cells[q]).begin(), lines_of(cells[q]).end());
    for (auto i : from) {
      std::string_view line = trim(lines[i].text);
      while (!line.empty() && line.back() == '|') line = trim(line.substr(0, line.size() - 1));
      t.push_back(line);
      use[i] = LineUse::field;
    }
    if (!from.empty()) {
      doc.title = repair_text(t);
      doc.title_lines = {lines[from.front()].number, lines[from.back()].number};
    }
  }
  const bool first_is_seq = doc.columns.front().role == ColumnRole::seq;
  const std::string header_signature = joined;

  // 3. Rows.
  Domain* domain = nullptr;
  int last_task = 0;
  bool domain_has_tasks = false;  // since the last heading: numbering may restart under each
  UnitConventions conventions;
  auto span_of = [&](const PipeCell& c) {
    const CellLines l = lines_of(c);
    return l.empty() ? LineSpan{} : LineSpan{lines[l.front()].number, lines[l.back()].number};
  };
  // A cell's text moves into its field: cells behind the row being read
  // are not looked at again (header_again and the row scan look ahead).
  auto field_of = [&](PipeCell& c) { return field_of_text(std::move(c.text), span_of(c)); };
  // The same labels again (a new page): the cells' texts, each followed by a
  // space, spell the header's signature. Compared piece by piece, without
  // building the string: this runs at every cell.
  auto header_again = [&](std::size_t at) {
    if (at + n > cells.size()) return false;
    std::string_view rest = header_signature;
    for (std::size_t j = at; j < at + n; ++j) {
      const std::string& text = cells[j].text;
      if (rest.size() <= text.size() || rest.compare(0, text.size(), text) != 0 || rest[text.size()] != ' ')
        return false;
      rest.remove_prefix(text.size() + 1);
    }
    return rest.empty();
  };
  std::size_t k = h + n;
  std::vector<std::size_t> row_cells;                 // reused row by row
  std::vector<std::pair<std::size_t, Field>> placed;  // likewise
  while (k < cells.size()) {
    if (header_again(k)) {
      for (std::size_t q = k; q < k + n; ++q)
        for (auto l : lines_of(cells[q])) use[l] = LineUse::furniture;
      k += n;
      continue;
    }
    const PipeCell& c = cells[k];
    for (auto l : lines_of(c)) use[l] = LineUse::field;
    // A merged heading cell: "一、营商环境" / "1 幼有所育".
    if (auto m = match_domain_heading(c.text); m && !(first_is_seq && row_number(c.text))) {
      Domain d;
      d.seq = m->seq;
      d.name = drop_trailing_full_stop(std::string(trim(std::string_view(c.text).substr(m->marker_bytes))));
      d.lines = span_of(c);
      doc.domains.push_back(std::move(d));
      domain = &doc.domains.back();
      domain_has_tasks = false;
      ++k;
      continue;
    }
    // A row: its number (when the first column is 序号), then its cells
    // until the next number, heading or repeated header.
    std::optional<int> seq = first_is_seq ? row_number(c.text) : std::nullopt;
    std::size_t j = k + (seq ? 1 : 0);
    row_cells.clear();
    while (j < cells.size()) {
      if (const auto next = first_is_seq ? row_number(cells[j].text) : std::nullopt;
          next && (!seq || *next == *seq + 1 || row_cells.size() + 1 >= n))
        break;
      if (match_domain_heading(cells[j].text) && !row_number(cells[j].text)) break;
      if (header_again(j)) break;
      row_cells.push_back(j);
      ++j;
      if (!first_is_seq && row_cells.size() == n) break;
    }
    k = std::max(j, k + 1);
    if (row_cells.empty()) continue;
    const std::size_t first_col = seq ? 1 : 0;
    // A domain column (所属领域): its cell names the row's domain; empty (a
    // merged cell's later rows), the domain goes on.
    for (std::size_t q = 0; q < row_cells.size(); ++q) {
      const std::size_t col = std::min(first_col + q, n - 1);
      if (doc.columns[col].role != ColumnRole::domain || lines_of(cells[row_cells[q]]).empty()) continue;
      std::string_view name = trim(std::string_view(cells[row_cells[q]].text));
      std::optional<int> domain_seq;
      if (const auto m = match_domain_heading(name)) {
        domain_seq = m->seq;
        name = trim(name.substr(m->marker_bytes));
      }
      if (!domain || domain->name != name) {
        Domain d;
        d.seq = domain_seq;
        d.name = drop_trailing_full_stop(std::string(name));
        d.lines = span_of(cells[row_cells[q]]);
        doc.domains.push_back(std::move(d));
        domain = &doc.domains.back();
        domain_has_tasks = false;
      }
    }
    if (!domain) {
      Domain d;
      d.name = doc.title;
      d.lines = span_of(cells[row_cells.front()]);
      doc.domains.push_back(std::move(d));
      domain = &doc.domains.back();
    }
    const std::size_t expected = n - first_col;
    const std::uint32_t line_no = span_of(cells[row_cells.front()]).first;
    if (row_cells.size() != expected)
      doc.diagnostics.push_back({Severity::warning, line_no,
                                 "row has " + std::to_string(row_cells.size()) + " cells where the header has " +
                                     std::to_string(expected) + " (merged cells?); cells fill columns from the left"});
    Task task;
    task.seq = seq;
    if (seq) {
      if (*seq != last_task + 1 && !(*seq == 1 && !domain_has_tasks))
        doc.diagnostics.push_back({Severity::warning, line_no,
                                   "task number " + std::to_string(*seq) + " follows " + std::to_string(last_task)});
      last_task = *seq;
      domain_has_tasks = true;
    }
    placed.clear();
    for (std::size_t q = 0; q < row_cells.size(); ++q) {
      const std::size_t col = std::min(first_col + q, n - 1);
      PipeCell& cell = cells[row_cells[q]];
      if (doc.columns[col].role == ColumnRole::domain) continue;  // read above
      if (doc.columns[col].role == ColumnRole::task && task.title.empty()) {
        task.title = drop_trailing_full_stop(std::move(cell.text));  // moved, as field_of moves
        task.lines = span_of(cell);
        continue;
      }
      if (lines_of(cell).empty()) continue;  // an empty cell
      placed.emplace_back(col, field_of(cell));
    }
    Row row = row_from_cells(placed, doc.columns, conventions, &doc.diagnostics);
    task.lines = task.lines.merged(row.lines);
    if (seq) task.lines = task.lines.merged(span_of(c));
    task.rows.push_back(std::move(row));
    domain->lines = domain->lines.merged(task.lines);
    domain->tasks.push_back(std::move(task));
  }
  std::size_t tasks = 0;
  for (const auto& d : doc.domains) tasks += d.tasks.size();
  if (tasks == 0) return false;

  // Coverage: header cells (first and repeated) are furniture, and so are
  // the bars of every other line.
  for (std::size_t q = h; q < h + n; ++q)
    for (auto l : lines_of(cells[q])) use[l] = LineUse::furniture;
  account_coverage(lines, use, bars_in_line, 0, doc);
  return true;
}

}  // namespace qingdan::detail
