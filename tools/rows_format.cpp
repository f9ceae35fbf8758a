// Row formats (--format rows, --format csv): see rows_format.hpp.
//
// Written straight into the output string, value by value; one writer knows
// both encodings, so the two formats cannot drift apart.
#include "rows_format.hpp"

#include "qingdan/qingdan.hpp"

#include <cstdint>
#include <optional>
#include <set>
#include <utility>

namespace qingdan_cli {

namespace {

using qingdan::append_json_string;  // the document writer's escaping, for the row formats too

std::string span_text(qingdan::LineSpan span) {
  return std::to_string(span.first) + "-" + std::to_string(span.last);
}

/// A key/value list rendered as a JSON object (other cells, their spans).
using Pairs = std::vector<std::pair<std::string_view, std::string>>;  // value: JSON text

std::string json_object(const Pairs& pairs) {
  std::string out = "{";
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out.push_back(',');
    append_json_string(out, pairs[i].first);
    out.push_back(':');
    out.append(pairs[i].second);
  }
  out.push_back('}');
  return out;
}

/// Writes one record, value by value, in rows_columns() order.
class RecordWriter {
 public:
  RecordWriter(RowsFormat format, std::string& out) : csv_(format == RowsFormat::csv), out_(out) {}

  void begin() {
    column_ = 0;
    if (!csv_) out_.push_back('{');
  }
  void end() { out_.append(csv_ ? "\r\n" : "}\n"); }

  void null() {
    next();
    if (!csv_) out_.append("null");
  }
  void text(std::string_view s) {
    next();
    if (csv_) {
      csv_field(s, true);
    } else {
      append_json_string(out_, s);
    }
  }
  void number(std::uint64_t n) {
    next();
    out_.append(std::to_string(n));
  }
  void optional_number(const std::optional<int>& n) {
    if (!n) return null();
    next();
    out_.append(std::to_string(*n));
  }
  void span(qingdan::LineSpan s) {
    if (s.empty()) return null();
    next();
    if (csv_) {
      out_.append(span_text(s));
    } else {
      out_.append("[").append(std::to_string(s.first)).append(",").append(std::to_string(s.last)).append("]");
    }
  }
  void names(const std::vector<std::string>& list) {
    next();
    if (csv_) {
      std::string joined;
      for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) joined.append("、");
        joined.append(list[i]);
      }
      csv_field(joined, true);
      return;
    }
    out_.push_back('[');
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out_.push_back(',');
      append_json_string(out_, list[i]);
    }
    out_.push_back(']');
  }
  /// A JSON object: inline in NDJSON, as text in CSV.
  void object(const Pairs& pairs) {
    next();
    const std::string json = json_object(pairs);
    if (csv_) {
      csv_field(json, false);
    } else {
      out_.append(json);
    }
  }
  void field(const std::optional<qingdan::Field>& f) {
    if (f) {
      text(f->text);
      span(f->lines);
    } else {
      null();
      null();
    }
  }

 private:
  void next() {
    const std::string_view name = rows_columns()[column_];
    if (column_ > 0) out_.push_back(',');
    if (!csv_) {
      append_json_string(out_, name);
      out_.push_back(':');
    }
    ++column_;
  }
  // RFC 4180: quoted when it holds a comma, a quote, CR or LF, quotes
  // doubled. `quote_empty`: an empty text is written "" so that it differs
  // from an absent value (an empty unquoted field).
  void csv_field(std::string_view s, bool quote_empty) {
    const bool quote = (quote_empty && s.empty()) || s.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
      out_.append(s);
      return;
    }
    out_.push_back('"');
    for (char c : s) {
      if (c == '"') out_.push_back('"');
      out_.push_back(c);
    }
    out_.push_back('"');
  }

  bool csv_;
  std::string& out_;
  std::size_t column_ = 0;
};

/// Keys of the other columns: the header label; "#i" without a label;
/// "label#i" for a repeated label (i is the 0-based column index). A column
/// of another role has a key too, after them, the same way: its cells go to
/// "other" when the row's field of that role is taken (a second annual
/// target); they were keyed "#?".
std::vector<std::string> other_keys(const qingdan::Document& d) {
  std::vector<std::string> keys(d.columns.size());
  std::set<std::string> used;
  for (const bool other_role : {true, false})
    for (std::size_t i = 0; i < d.columns.size(); ++i) {
      if ((d.columns[i].role == qingdan::ColumnRole::other) != other_role) continue;
      std::string key = d.columns[i].label.empty() ? "#" + std::to_string(i) : d.columns[i].label;
      if (!used.insert(key).second) {
        key = d.columns[i].label + "#" + std::to_string(i);
        used.insert(key);
      }
      keys[i] = std::move(key);
    }
  return keys;
}

}  // namespace

const std::vector<std::string_view>& rows_columns() {
  // clang-format off
  static const std::vector<std::string_view> columns = {
      "title", "source", "encoding", "bytes", "sha256",
      "domain_seq", "domain_name", "section_seq", "section_name", "task_seq", "task_title",
      "row_index", "lines",
      "goal", "goal_lines", "annual_target", "annual_target_lines", "measures", "measures_lines",
      "units", "units_lines", "lead", "support", "implementers",
      "deadline", "deadline_lines", "deadline_date",
      "other", "other_lines"};
  // clang-format on
  return columns;
}

std::string csv_header() {
  std::string out;
  for (std::string_view name : rows_columns()) {
    if (!out.empty()) out.push_back(',');
    out.append(name);
  }
  out.append("\r\n");
  return out;
}

void append_rows(RowsFormat format, const qingdan::Document& d, std::string_view sha256, std::string& out) {
  RecordWriter w(format, out);
  const std::vector<std::string> keys = other_keys(d);
  static const std::string kUnknown = "#?";
  for (const qingdan::Domain& domain : d.domains) {
    for (const qingdan::Task& task : domain.tasks) {
      for (std::size_t r = 0; r < task.rows.size(); ++r) {
        const qingdan::Row& row = task.rows[r];
        w.begin();
        w.text(d.title);
        w.text(d.source.name);
        w.text(d.source.encoding);
        w.number(d.source.bytes);
        w.text(sha256);
        w.optional_number(domain.seq);
        w.text(domain.name);
        if (task.section) {
          w.optional_number(task.section->seq);
          w.text(task.section->name);
        } else {
          w.null();
          w.null();
        }
        w.optional_number(task.seq);
        w.text(task.title);
        w.number(r);
        w.span(row.lines);
        w.field(row.goal);
        w.field(row.annual_target);
        w.field(row.measures);
        if (row.units) {
          w.text(row.units->text);
          w.span(row.units->lines);
          w.names(row.units->lead);
          w.names(row.units->support);
          w.names(row.units->implementers);
        } else {
          for (int i = 0; i < 5; ++i) w.null();
        }
        w.field(row.deadline ? std::optional<qingdan::Field>(*row.deadline) : std::nullopt);
        if (row.deadline && row.deadline->date)
          w.text(*row.deadline->date);
        else
          w.null();
        Pairs texts, spans;
        for (const qingdan::OtherCell& cell : row.other) {
          const std::string& key =
              cell.column < keys.size() && !keys[cell.column].empty() ? keys[cell.column] : kUnknown;
          std::string text;
          append_json_string(text, cell.field.text);
          texts.emplace_back(key, std::move(text));
          spans.emplace_back(key, cell.field.lines.empty()    ? std::string("null")
                                  : format == RowsFormat::csv ? "\"" + span_text(cell.field.lines) + "\""
                                                              : "[" + std::to_string(cell.field.lines.first) + "," +
                                                                    std::to_string(cell.field.lines.last) + "]");
        }
        w.object(texts);
        w.object(spans);
        w.end();
      }
    }
  }
}

}  // namespace qingdan_cli
