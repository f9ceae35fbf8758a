// libFuzzer harness: the whole parse of arbitrary bytes.
//
// Properties: parse never crashes, hangs or throws; when it succeeds, the JSON
// writer's output is JSON (nlohmann::json::parse) and reads back into an
// equal Document whose JSON is byte-identical, and the XML writer's output
// loads with pugixml, holds only XML characters and reads back to the same
// strings and numbers. Beyond the writers, two invariants of the records:
// every character is accounted for (coverage-sum: chars = in_fields +
// furniture + unassigned) and every line span and diagnostic line lies in
// the input, a row's inside its task's, a task's inside its domain's, and an
// OtherCell's column is a column of the document (spans).
//
// QINGDAN_FUZZ_SKIP=us-hang makes inputs holding the bytes 0x1C-0x1F no-ops:
// they hang repair_spacing (see regressions/parse_fuzzer-hang-unit-separator)
// and would stop every run before anything else is found.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_xml_fidelity.hpp"
#include "qingdan/json.hpp"
#include "qingdan/qingdan.hpp"

namespace {

using qingdan::LineSpan;
using qingdan_fuzz::violated;

/// Checks the spans and the coverage sum of a successfully parsed document.
class Invariants {
 public:
  explicit Invariants(const qingdan::Document& d) : d_(d) {}

  void check() {
    if (qingdan_fuzz::enabled("coverage-sum")) {
      const qingdan::Coverage& c = d_.coverage;
      if (c.chars != c.in_fields + c.furniture + c.unassigned)
        violated("coverage-sum", "chars " + std::to_string(c.chars) + " != in_fields " + std::to_string(c.in_fields) +
                                     " + furniture " + std::to_string(c.furniture) + " + unassigned " +
                                     std::to_string(c.unassigned));
    }
    if (!qingdan_fuzz::enabled("spans")) return;
    in_input("title_lines", d_.title_lines);
    for (const auto& dom : d_.domains) {
      in_input("domain", dom.lines);
      for (const auto& t : dom.tasks) {
        in_input("task", t.lines);
        inside("task in domain", t.lines, dom.lines);
        for (const auto& r : t.rows) {
          in_input("row", r.lines);
          inside("row in task", r.lines, t.lines);
          for (const qingdan::Field* f :
               {r.goal ? &*r.goal : nullptr, r.annual_target ? &*r.annual_target : nullptr,
                r.measures ? &*r.measures : nullptr, r.units ? static_cast<const qingdan::Field*>(&*r.units) : nullptr,
                r.deadline ? static_cast<const qingdan::Field*>(&*r.deadline) : nullptr}) {
            if (!f) continue;
            in_input("field", f->lines);
            inside("field in row", f->lines, r.lines);
          }
          for (const auto& o : r.other) {
            in_input("other", o.field.lines);
            inside("other in row", o.field.lines, r.lines);
            if (o.column >= d_.columns.size())
              violated("spans", "OtherCell column " + std::to_string(o.column) + " of " +
                                    std::to_string(d_.columns.size()) + " columns");
          }
        }
      }
    }
    for (const auto& dg : d_.diagnostics)
      if (dg.line > d_.source.lines)
        violated("spans", "diagnostic line " + std::to_string(dg.line) + " beyond " + std::to_string(d_.source.lines) +
                              " lines: " + dg.message);
  }

 private:
  static std::string str(LineSpan s) { return std::to_string(s.first) + "-" + std::to_string(s.last); }
  void in_input(const char* what, LineSpan s) {
    if (s.first == 0 && s.last == 0) return;
    if (s.first == 0 || s.first > s.last || s.last > d_.source.lines)
      violated("spans", std::string(what) + " lines " + str(s) + " not within 1-" + std::to_string(d_.source.lines));
  }
  void inside(const char* what, LineSpan in, LineSpan out) {
    if (in.empty()) return;
    if (in.first < out.first || in.last > out.last)
      violated("spans", std::string(what) + ": " + str(in) + " not inside " + str(out));
  }

  const qingdan::Document& d_;
};

std::size_t first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qingdan_fuzz;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (!enabled("us-hang") && input.find_first_of("\x1C\x1D\x1E\x1F") != std::string_view::npos) return 0;
  qingdan::ParseOptions options;
  options.source_name = "fuzz.txt";
  const qingdan::ParseResult result = qingdan::parse(input, options);
  if (!result) return 0;
  Invariants(result.document).check();

  std::string json;
  try {
    json = qingdan::to_json_string(result.document);
  } catch (const std::exception& e) {
    violated("json-dump", e.what());
  }
  const nlohmann::json j = check_json_parses(json);

  if (!j.is_null() && (enabled("json-roundtrip") || enabled("doc-roundtrip"))) {
    qingdan::Document back;
    try {
      back = j.get<qingdan::Document>();
    } catch (const std::exception& e) {
      violated("json-roundtrip", std::string("from_json threw: ") + e.what());
    }
    const std::string again = qingdan::to_json_string(back);
    if (again != json && enabled("json-roundtrip")) {
      const std::size_t at = first_difference(json, again);
      violated("json-roundtrip", "JSON -> Document -> JSON differs at offset " + std::to_string(at) + ": first " +
                                     excerpt(json, at) + " | then " + excerpt(again, at));
    }
    if (!(back == result.document) && enabled("doc-roundtrip"))
      violated("doc-roundtrip", "Document -> JSON -> Document is not equal to the parsed Document");
  }

  std::string xml;
  try {
    xml = qingdan::to_xml_string(result.document);
  } catch (const std::exception& e) {
    violated("xml-dump", e.what());
  }
  pugi::xml_document doc;
  const bool loaded = check_xml_parses(xml, doc, kXmlReadFlags);
  check_xml_chars(xml);
  if (loaded && enabled("xml-fidelity")) Fidelity(result.document).check(doc);
  return 0;
}
