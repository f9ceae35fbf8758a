// Row formats for databases: one record per table row, denormalised.
//
//   --format rows   NDJSON, one JSON object per row (not per document)
//   --format csv    RFC 4180: one header line, CRLF line ends, UTF-8
//
// Both carry the same columns, in this order (rows_columns()):
//
//   title source encoding bytes sha256            the document (source = name as given)
//   domain_seq domain_name                        where the row sits: domain,
//   section_seq section_name                      second-level heading (（一）…; null without),
//   task_seq task_title                           task
//   row_index lines                               0-based within the task; the row's span
//   goal goal_lines annual_target annual_target_lines measures measures_lines
//   units units_lines lead support implementers   the units cell, and its names by role
//   deadline deadline_lines
//   other other_lines                             cells of other columns, keyed by header label
//
// Absent values — a column the document does not have, an unnumbered domain
// or task, a task without a section, an empty line span — are JSON null, and in CSV an empty unquoted
// field (PostgreSQL's COPY reads it as NULL); an empty text is "" in both.
// Line spans: [first,last] in JSON, "first-last" in CSV. lead, support and
// implementers: JSON arrays; in CSV the names joined with 、. other and
// other_lines: JSON objects ({label: text}, {label: [first,last]}; {} when
// the row has no other cell); in CSV the same objects as JSON text, spans
// as "first-last". An other column without a label is keyed "#i" (i its
// 0-based column index), a repeated label "label#i".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "qingdan/document.hpp"

namespace qingdan_cli {

enum class RowsFormat { ndjson, csv };

/// The column names, in output order.
const std::vector<std::string_view>& rows_columns();

/// The CSV header line, CRLF-terminated.
std::string csv_header();

/// Appends one line per row of `document` (NDJSON "\n"-terminated, CSV
/// "\r\n"-terminated) in document order. `sha256` is the digest of the input
/// bytes (tools/sha256.hpp).
void append_rows(RowsFormat format, const qingdan::Document& document, std::string_view sha256, std::string& out);

}  // namespace qingdan_cli
