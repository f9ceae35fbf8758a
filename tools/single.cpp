// qingdan INPUT — one document: read bytes, call qingdan::parse, print
// diagnostics, write the document. Exit status: 0 ok, 1 the document could
// not be parsed, 2 usage or I/O error.
#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "cli_common.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan_cli {

namespace {

bool read_input(const std::string& path, std::string& bytes, std::string& error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    bytes = ss.str();
    if (std::cin.bad()) {
      error = "-: cannot read standard input";
      return false;
    }
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    error = path + ": read error";
    return false;
  }
  return true;
}

bool write_stream(std::ostream& out, const std::string& text) {
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.flush();
  return static_cast<bool>(out);
}

/// Writes a regular file through a temporary file next to it and a rename,
/// so a failed run never leaves a half-written output behind. Anything else
/// (/dev/null, a FIFO, a terminal) is written in place: renaming over a
/// device node would replace the device.
bool write_output(const std::string& path, const std::string& text, std::string& error) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    std::ofstream out(path, std::ios::binary);
    if (!out || !write_stream(out, text)) {
      error = path + ": cannot write: " + std::strerror(errno);
      return false;
    }
    return true;
  }
  if (path == "-") {
    if (!write_stream(std::cout, text)) {
      error = "cannot write standard output";
      return false;
    }
    return true;
  }
  const std::string tmp = path + ".tmp-qingdan";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      error = path + ": cannot create: " + std::strerror(errno);
      return false;
    }
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      error = path + ": write error";
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    error = path + ": cannot replace: " + std::strerror(errno);
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace

int run_single(int argc, char** argv) {
  CLI::App app{
      "qingdan: convert the text of a Chinese government task decomposition list (任务分解清单) "
      "into JSON or XML records"};
  std::string format = "json";
  std::string output = "-";
  std::string input;
  bool quiet = false;
  int indent = 2;
  std::uint64_t max_bytes = qingdan::ParseOptions{}.max_input_bytes;
  app.add_option("--format,-f", format, "output format")->check(CLI::IsMember({"json", "xml"}))->capture_default_str();
  app.add_option("-o,--output", output, "output file ('-' for standard output)")->capture_default_str();
  app.add_option("--indent", indent, "indentation (negative: one line)")->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "print only error diagnostics");
  app.add_option("--max-input-bytes", max_bytes, "refuse inputs larger than this (default 256 MiB)")
      ->capture_default_str();
  app.add_option("INPUT", input, "input text file ('-' for standard input)")->required();
  app.footer(
      "Many documents: qingdan convert --help (files and directories, -j threads, NDJSON).\n"
      "Streaming: qingdan filter --help (NDJSON requests on stdin, for GNU parallel --pipe, Hadoop Streaming, "
      "Spark pipe()).\n"
      "A file named 'convert' or 'filter' is given as ./convert or ./filter.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  const std::string& name = input == "-" ? std::string("<stdin>") : input;
  std::string bytes, error;
  // Refuse an oversized regular file before reading it into memory.
  std::error_code ec;
  if (input != "-" && std::filesystem::is_regular_file(input, ec)) {
    const auto size = std::filesystem::file_size(input, ec);
    if (!ec && size > max_bytes) {
      std::cerr << name << ":0: error: input is " << size << " bytes, more than the limit of " << max_bytes
                << " (--max-input-bytes)\n";
      return kExitParse;
    }
  }
  if (!read_input(input, bytes, error)) {
    std::cerr << "qingdan: " << error << "\n";
    return kExitUsage;
  }
  qingdan::ParseOptions options;
  options.source_name = input;
  options.max_input_bytes = max_bytes;
  const qingdan::ParseResult result = qingdan::parse(bytes, options);
  for (const auto& d : result.document.diagnostics) {
    if (quiet && d.severity != qingdan::Severity::error) continue;
    std::cerr << name << ":" << d.line << ": " << qingdan::to_string(d.severity) << ": " << d.message << "\n";
  }
  if (!result) return kExitParse;

  std::string text;
  try {
    qingdan::WriteOptions wo;
    wo.indent = indent;
    text = format == "xml" ? qingdan::to_xml_string(result.document, wo) : qingdan::to_json_string(result.document, wo);
  } catch (const std::exception& e) {
    std::cerr << name << ":0: error: cannot serialise: " << e.what() << "\n";
    return kExitParse;
  }
  if (!write_output(output, text, error)) {
    std::cerr << "qingdan: " << error << "\n";
    return kExitUsage;
  }
  return 0;
}

}  // namespace qingdan_cli
