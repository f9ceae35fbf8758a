// qingdan INPUT — one document: read bytes, call qingdan::parse, print
// diagnostics, write the document (JSON, XML, or its table rows as NDJSON or
// CSV: rows_format.hpp). Exit status: 0 ok, 1 the document could
// not be parsed, 2 usage or I/O error.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "allocator.hpp"
#include "cli_common.hpp"
#include "qingdan/qingdan.hpp"
#include "rows_format.hpp"
#include "sha256.hpp"

namespace qingdan_cli {

int run_single(int argc, char** argv) {
  CLI::App app{
      "qingdan: convert the text of a Chinese government task decomposition list (任务分解清单) "
      "into JSON or XML records, or table rows for databases (NDJSON, CSV)"};
  std::string format = "json";
  std::string output = "-";
  std::string input;
  bool quiet = false;
  int indent = 2;
  std::uint64_t max_bytes = qingdan::ParseOptions{}.max_input_bytes;
  std::string encoding, layout = "auto";
  app.add_option("--layout", layout, "force the layout: table, pipe or list (default: recognised)")
      ->check(CLI::IsMember({"auto", "table", "pipe", "list"}))
      ->capture_default_str();
  app.add_option("--encoding", encoding,
                 "input encoding: UTF-8, UTF-16LE, UTF-16BE, GB18030 (GBK, GB2312), Big5; default: detected")
      ->check(CLI::Validator(check_encoding, "", "encoding"));
  app.add_option("--format,-f", format,
                 "output format: json, xml, rows (one JSON object per table row, NDJSON), csv (one CSV record per "
                 "table row, with a header line)")
      ->check(CLI::IsMember({"json", "xml", "rows", "csv"}))
      ->capture_default_str();
  app.add_option("-o,--output", output, "output file ('-' for standard output)")->capture_default_str();
  app.add_option("--indent", indent, "indentation, at most 16 (negative: one line)")
      ->check(CLI::Validator(check_indent, "", "indent"))
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "print only error diagnostics");
  app.add_option("--max-input-bytes", max_bytes, "refuse inputs larger than this (default 256 MiB)")
      ->capture_default_str()
      ->check(CLI::Validator(check_byte_count, "", "bytes"));
  app.add_option("INPUT", input, "input text file ('-' for standard input)")->required();
  app.set_version_flag("--version", version_text(), "print the version (and ICU's), then exit");
  app.footer(
      "Many documents: qingdan convert --help (files and directories, -j threads, NDJSON, rows, CSV).\n"
      "Databases: qingdan --sqlite FILE INPUT... imports into SQLite (the same as qingdan convert --sqlite).\n"
      "Streaming: qingdan filter --help (NDJSON requests on stdin, for GNU parallel --pipe, Hadoop Streaming, "
      "Spark pipe()).\n"
      "A file named 'convert' or 'filter' is given as ./convert or ./filter.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  const std::string name = input == "-" ? std::string("<stdin>") : input;
  std::string bytes, error;
  // An oversized regular file is refused before it is read into memory.
  switch (read_file(input, max_bytes, bytes, error)) {
    case ReadStatus::ok: break;
    case ReadStatus::too_large: std::cerr << name << ":0: error: " << error << "\n"; return kExitParse;
    case ReadStatus::io_error: std::cerr << "qingdan: " << name << ": " << error << "\n"; return kExitUsage;
  }
  allocator::pages_for_document(bytes.size());
  qingdan::ParseOptions options;
  options.source_name = input;
  options.max_input_bytes = max_bytes;
  options.encoding = encoding;
  options.layout = *qingdan::layout_from_string(layout);
  const qingdan::ParseResult result = qingdan::parse(bytes, options);
  // Diagnostics in one write: standard error is unbuffered, and piece by
  // piece each line cost eight system calls.
  std::string messages;
  for (const auto& d : result.document.diagnostics)
    if (!quiet || d.severity == qingdan::Severity::error) messages += diagnostic_line(name, d);
  std::cerr.write(messages.data(), static_cast<std::streamsize>(messages.size()));
  if (!result) return kExitParse;

  // JSON is written as it is produced (qingdan::write_json), so a large
  // document is not held a second time as text; XML and the row formats are
  // built first. A regular file is written through a temporary file and a
  // rename, so a failed run never leaves a half-written output; /dev/null, a
  // FIFO or a terminal is written in place (renaming over a device would
  // replace it).
  OutputStream out;
  if (!out.open(output, error)) {
    std::cerr << "qingdan: " << error << "\n";
    return kExitUsage;
  }
  struct WriteFailed {};
  bool written = true;
  int write_errno = 0;  // why a write failed, kept before other calls change errno
  try {
    qingdan::WriteOptions wo;
    wo.indent = indent;
    if (format == "rows" || format == "csv") {
      const bool csv = format == "csv";
      std::string text = csv ? csv_header() : std::string();
      append_rows(csv ? RowsFormat::csv : RowsFormat::ndjson, result.document, sha256_hex(bytes), text);
      written = out.write(text);
      if (!written) write_errno = errno;
    } else if (format == "xml") {
      written = out.write(qingdan::to_xml_string(result.document, wo));
      if (!written) write_errno = errno;
    } else {
      qingdan::write_json(
          result.document,
          [&](std::string_view piece) {
            if (!out.write(piece)) {
              write_errno = errno;
              throw WriteFailed{};
            }
          },
          wo);
    }
  } catch (const WriteFailed&) {
    written = false;
  } catch (const std::exception& e) {
    out.discard();
    std::cerr << name << ":0: error: cannot serialise: " << e.what() << "\n";
    return kExitParse;
  }
  if (!written || !out.commit(error)) {
    if (error.empty())
      error = (output == "-" ? std::string("standard output") : output) + ": write error" +
              (write_errno != 0 ? std::string(": ") + std::strerror(write_errno) : std::string());
    out.discard();
    std::cerr << "qingdan: " << error << "\n";
    return kExitUsage;
  }
  return 0;
}

}  // namespace qingdan_cli
