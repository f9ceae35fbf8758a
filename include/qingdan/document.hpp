// qingdan — typed records of a task decomposition list (任务分解清单).
//
// Everything a parse produces lives in these plain structs: no behaviour,
// no hidden state, copyable and comparable. Every extracted value carries the
// 1-based inclusive line span of the input it came from (provenance).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace qingdan {

/// 1-based inclusive line range of the decoded input. {0,0} means "no source".
struct LineSpan {
  std::uint32_t first = 0;
  std::uint32_t last = 0;

  bool empty() const noexcept { return first == 0; }
  /// Smallest span covering both; an empty operand is ignored.
  LineSpan merged(LineSpan other) const noexcept {
    if (empty()) return other;
    if (other.empty()) return *this;
    return {first < other.first ? first : other.first, last > other.last ? last : other.last};
  }
  bool operator==(const LineSpan& o) const noexcept { return first == o.first && last == o.last; }
  bool operator!=(const LineSpan& o) const noexcept { return !(*this == o); }
};

/// What a table column holds, derived from its header label.
enum class ColumnRole { seq, domain, task, goal, annual_target, measures, units, deadline, other };

std::string_view to_string(ColumnRole role) noexcept;
std::optional<ColumnRole> column_role_from_string(std::string_view name) noexcept;

struct Column {
  std::string label;  ///< header label as printed (text-repaired)
  ColumnRole role = ColumnRole::other;
  std::optional<int> year;  ///< e.g. 2023 for 2023年工作目标
  bool operator==(const Column& o) const { return label == o.label && role == o.role && year == o.year; }
};

/// Bytes [offset, offset + size) of a field's text.
struct TextRange {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
  bool operator==(const TextRange& o) const noexcept { return offset == o.offset && size == o.size; }
  bool operator!=(const TextRange& o) const noexcept { return !(*this == o); }
};

/// One table cell after text repair and field analysis.
struct Field {
  std::string text;  ///< wrapped lines joined, CJK spacing repaired, NFC
  /// The 一是…二是… enumeration as parts of `text` (markers and surrounding
  /// spaces left out); one part, the whole text trimmed, when there is none;
  /// none when the text is blank. Parts, not copies: an item is always a
  /// piece of its field, and a document costs no second copy of its text.
  std::vector<TextRange> items;
  LineSpan lines;

  /// The text of item `i`. Throws std::out_of_range for an index or a range
  /// outside the field.
  std::string_view item(std::size_t i) const {
    const TextRange r = items.at(i);
    if (r.offset > text.size() || r.size > text.size() - r.offset)
      throw std::out_of_range("qingdan::Field::item: range outside the text");
    return std::string_view(text).substr(r.offset, r.size);
  }
  /// Equal when the texts, the item texts and the lines are.
  bool operator==(const Field& o) const {
    if (text != o.text || lines != o.lines || items.size() != o.items.size()) return false;
    for (std::size_t i = 0; i < items.size(); ++i)
      if (item(i) != o.item(i)) return false;
    return true;
  }
};

/// The responsible-units cell, split by role.
struct Units : Field {
  std::vector<std::string> lead;          ///< 牵头
  std::vector<std::string> support;       ///< 配合 / 按职能配合
  std::vector<std::string> implementers;  ///< 各县市人民政府 …
  bool operator==(const Units& o) const {
    return Field::operator==(o) && lead == o.lead && support == o.support && implementers == o.implementers;
  }
};

/// The deadline cell (完成时限), with the date it names when it names one:
/// "2023-06-30" for 2023年6月底前, an ISO 8601 interval "2023-01-01/2025-12-31"
/// for 2023—2025年; none for 全年 or 长期坚持 (the text is kept either way).
struct Deadline : Field {
  std::optional<std::string> date;
  bool operator==(const Deadline& o) const { return Field::operator==(o) && date == o.date; }
};

/// A cell of a column whose role has no dedicated slot in Row.
struct OtherCell {
  std::size_t column = 0;  ///< index into Document::columns
  Field field;
  bool operator==(const OtherCell& o) const { return column == o.column && field == o.field; }
};

/// One table row of a task. A task may span several rows.
struct Row {
  std::optional<Field> goal;
  std::optional<Field> annual_target;
  std::optional<Field> measures;
  std::optional<Units> units;
  std::optional<Deadline> deadline;
  std::vector<OtherCell> other;
  LineSpan lines;
  bool operator==(const Row& o) const {
    return goal == o.goal && annual_target == o.annual_target && measures == o.measures && units == o.units &&
           deadline == o.deadline && other == o.other && lines == o.lines;
  }
};

/// The second-level heading a task stands under: （一）深化改革 under 一、….
struct SectionRef {
  std::optional<int> seq;
  std::string name;
  bool operator==(const SectionRef& o) const { return seq == o.seq && name == o.name; }
};

struct Task {
  std::optional<int> seq;
  std::string title;
  std::optional<SectionRef> section;  ///< absent when the document has one heading level
  LineSpan lines;                     ///< heading's first line to the last line of the last row
  std::vector<Row> rows;
  bool operator==(const Task& o) const {
    return seq == o.seq && title == o.title && section == o.section && lines == o.lines && rows == o.rows;
  }
};

struct Domain {
  std::optional<int> seq;
  std::string name;
  LineSpan lines;  ///< heading's first line to the last line of the last row
  /// In a document of several tables (附件1, 附件2 …): the index in
  /// Document::tables of the table the domain is in. Absent otherwise.
  std::optional<std::uint32_t> table;
  std::vector<Task> tasks;
  bool operator==(const Domain& o) const {
    return seq == o.seq && name == o.name && lines == o.lines && table == o.table && tasks == o.tasks;
  }
};

/// One table of a document that has several, each with its own header row
/// and numbering (附件1, 附件2 …): what the table itself printed.
struct Table {
  std::string title;            ///< the paragraph above its header (text-repaired); empty when none
  LineSpan title_lines;         ///< {0,0} when it has no title
  std::uint32_t header = 0;     ///< line of its header row (the last one, when printed over several)
  std::vector<Column> columns;  ///< its header row, left to right, as printed
  bool operator==(const Table& o) const {
    return title == o.title && title_lines == o.title_lines && header == o.header && columns == o.columns;
  }
};

enum class Severity { error, warning, info };
std::string_view to_string(Severity severity) noexcept;
std::optional<Severity> severity_from_string(std::string_view name) noexcept;

struct Diagnostic {
  Severity severity = Severity::info;
  std::uint32_t line = 0;  ///< 1-based; 0 when the message concerns the whole input
  std::string message;
  bool operator==(const Diagnostic& o) const {
    return severity == o.severity && line == o.line && message == o.message;
  }
};

/// Where the document came from.
struct Source {
  std::string name;      ///< file name as given by the caller ("-" for stdin), may be empty
  std::string encoding;  ///< detected or forced input encoding, e.g. "UTF-8"
  std::uint64_t bytes = 0;
  std::uint32_t lines = 0;
  bool operator==(const Source& o) const {
    return name == o.name && encoding == o.encoding && bytes == o.bytes && lines == o.lines;
  }
};

/// Every non-whitespace character of the decoded input, accounted for.
struct Coverage {
  std::uint64_t chars = 0;       ///< non-whitespace characters in the input
  std::uint64_t in_fields = 0;   ///< ... that ended up in a field, title or name
  std::uint64_t furniture = 0;   ///< ... recognised as page furniture or numbering
  std::uint64_t unassigned = 0;  ///< ... that went nowhere (each run is a warning)
  bool operator==(const Coverage& o) const {
    return chars == o.chars && in_fields == o.in_fields && furniture == o.furniture && unassigned == o.unassigned;
  }
};

struct Document {
  std::string title;
  LineSpan title_lines;
  Source source;
  /// Header row, left to right. With several tables: the first table's
  /// columns, then each later table's columns right of its task column that
  /// are not listed yet (Row::other's column indexes this list; each table's
  /// own header is in `tables`).
  std::vector<Column> columns;
  /// The tables, in order, when the document has more than one (the first is
  /// the one under the document's title); empty when it has one.
  std::vector<Table> tables;
  std::vector<Domain> domains;
  std::vector<Diagnostic> diagnostics;
  Coverage coverage;
  bool operator==(const Document& o) const {
    return title == o.title && title_lines == o.title_lines && source == o.source && columns == o.columns &&
           tables == o.tables && domains == o.domains && diagnostics == o.diagnostics && coverage == o.coverage;
  }
};

}  // namespace qingdan
