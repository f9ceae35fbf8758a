// The pipeline: decode -> lines -> furniture -> blocks -> rows (text repair
// and field analysis run inside rows, per cell) -> Document.
#include <unicode/utf8.h>

#include <algorithm>

#include "stages.hpp"

namespace qingdan {
namespace {
/// Where the records start: the line a layout note points at.
std::uint32_t first_task_line(const Document& doc) {
  for (const auto& d : doc.domains)
    for (const auto& t : d.tasks) return t.lines.first;
  return 0;
}
/// The caller's name for the input, as UTF-8 the writers can put out: a
/// file name is bytes (one from a GBK archive is no UTF-8), and JSON and XML
/// with such a byte in them do not parse. Each ill-formed sequence becomes
/// U+FFFD, as ICU reads it; `replaced` says whether any did.
std::string utf8_name(std::string_view name, bool& replaced) {
  replaced = false;
  std::string out;
  out.reserve(name.size());
  const auto* p = reinterpret_cast<const std::uint8_t*>(name.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(name.size(), INT32_MAX));
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      replaced = true;
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(name.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}
}  // namespace

ParseResult parse(std::string_view input, const ParseOptions& options) {
  using namespace detail;
  ParseResult result;
  Document& doc = result.document;
  bool name_replaced = false;
  doc.source.name = utf8_name(options.source_name, name_replaced);
  doc.source.bytes = input.size();
  if (name_replaced)
    doc.diagnostics.push_back(
        {Severity::warning, 0, "the source name is not valid UTF-8: its bad bytes are written as U+FFFD"});

  auto fail = [&](Status status, ParseError error) {
    result.status = status;
    result.error = std::move(error);
    doc.diagnostics.push_back({Severity::error, result.error.line, result.error.message});
    return result;
  };

  if (input.size() > options.max_input_bytes)
    return fail(Status::too_large, {"input is " + std::to_string(input.size()) + " bytes, more than the limit of " +
                                        std::to_string(options.max_input_bytes),
                                    0, options.max_input_bytes});

  Decoded decoded;
  ParseError error;
  if (!decode(input, decoded, error, options.encoding)) {
    doc.source.encoding = decoded.encoding;
    return fail(Status::invalid_encoding, error);
  }
  doc.source.encoding = decoded.encoding;
  // The line table addresses the text with 31-bit offsets (a 2 GiB plan is
  // not a plan); past that, refuse rather than wrap. Decoding may grow the
  // text (GB18030 -> UTF-8), so the decoded size is what counts.
  if (decoded.text.size() > LineTable::kMaxText)
    return fail(Status::too_large,
                {"decoded text is " + std::to_string(decoded.text.size()) +
                     " bytes, more than qingdan reads in one document (" + std::to_string(LineTable::kMaxText) + ")",
                 0, 0});

  LineTable lines = split_lines(decoded.text);
  doc.source.lines = static_cast<std::uint32_t>(lines.size());
  report_control_characters(decoded, lines, doc.diagnostics);
  if (std::all_of(lines.begin(), lines.end(), [](const Line& l) { return is_blank(l.text); }))
    return fail(Status::empty_input, {"input is empty", 0, 0});

  const Layout layout = options.layout;
  const bool automatic = layout == Layout::automatic;
  if (layout == Layout::pipe || (automatic && looks_like_pipe_table(lines))) {
    const std::vector<Diagnostic> before = doc.diagnostics;
    std::uint32_t header_line = 0;
    if (parse_pipe_layout(lines, doc, &header_line)) {
      doc.diagnostics.insert(doc.diagnostics.begin(), {Severity::info, header_line,
                                                       automatic ? "layout: pipe table (cells end in '|', one per line)"
                                                                 : "layout: pipe table (forced)"});
      date_yearless_deadlines(doc);
      return result;
    }
    if (!automatic) return fail(Status::no_table, {"no pipe table found (--layout pipe)", 0, 0});
    // Not a pipe table after all: start again, keeping what decode found.
    Document fresh;
    fresh.source = doc.source;
    fresh.diagnostics = before;
    doc = std::move(fresh);
  }
  Furniture furniture = layout == Layout::list ? Furniture{} : find_furniture(lines);
  if (!furniture.header_line) {
    if (layout == Layout::table)
      return fail(Status::no_table,
                  {"no header row found (--layout table): a row naming the task or unit columns, e.g. 序号 重点任务 "
                   "责任单位",
                   0, 0});
    // Not a table: numbered items with key-value or inline units?
    if (parse_list_layout(lines, doc)) {
      doc.diagnostics.insert(doc.diagnostics.begin(),
                             {Severity::info, first_task_line(doc),
                              automatic ? "layout: numbered list (no header row; units as key-value lines or in "
                                          "parentheses)"
                                        : "layout: numbered list (forced)"});
      date_yearless_deadlines(doc);
      return result;
    }
    return fail(Status::no_table,
                {"no task table found: no header row naming the task or unit columns (e.g. 序号 重点任务 责任单位), "
                 "and no numbered items with units",
                 0, 0});
  }
  const Line header = lines[*furniture.header_line];
  if (!furniture.title_lines.empty()) {
    std::vector<std::string_view> texts;
    for (auto n = furniture.title_lines.first; n <= furniture.title_lines.last; ++n) texts.push_back(lines[n - 1].text);
    doc.title = repair_text(texts);
    doc.title_lines = furniture.title_lines;
  } else {
    doc.diagnostics.push_back({Severity::warning, header.number, "no title above the header row"});
  }

  if (const GridKind grid = grid_kind(lines, furniture); grid != GridKind::none) {
    doc.diagnostics.insert(
        doc.diagnostics.begin(),
        {Severity::info, header.number,
         std::string(grid == GridKind::tabs ? "layout: table, one row per line, cells separated by tabs"
                                            : "layout: table, one row per line or more, cells "
                                              "aligned in columns by spaces") +
             "; columns from the header row on line " + std::to_string(header.number)});
    assemble_grid(grid, lines, furniture, doc);
  } else {
    doc.diagnostics.insert(doc.diagnostics.begin(),
                           {Severity::info, header.number,
                            "layout: table, one cell per paragraph; columns from the header row on line " +
                                std::to_string(header.number)});
    Document before = doc;  // what the table's records are added to
    const std::vector<Block> blocks = find_blocks(lines, furniture, doc.diagnostics);
    assemble(lines, furniture, blocks, doc);
    if (doc.domains.empty() ||
        std::all_of(doc.domains.begin(), doc.domains.end(), [](const Domain& d) { return d.tasks.empty(); })) {
      // No task numbered 1. (1) ① or by its 序号: tasks numbered （一）（二）
      // (a heading style elsewhere) are asked for.
      Document again = std::move(before);
      assemble(lines, furniture, find_blocks(lines, furniture, again.diagnostics, true), again);
      if (std::any_of(again.domains.begin(), again.domains.end(), [](const Domain& d) { return !d.tasks.empty(); })) {
        again.diagnostics.insert(
            again.diagnostics.begin() + 1,
            {Severity::info, header.number, "tasks numbered （一）（二）: no task is numbered otherwise"});
        doc = std::move(again);
      }
    }
  }

  std::size_t tasks = 0;
  for (const auto& d : doc.domains) tasks += d.tasks.size();
  if (tasks == 0)
    return fail(
        Status::no_table,
        {"header row found on line " + std::to_string(header.number) + " but no numbered task below it", header.number,
         decoded.bom_bytes + static_cast<std::uint64_t>(header.text.data() - decoded.text.data())});
  date_yearless_deadlines(doc);
  return result;
}

}  // namespace qingdan
