// libFuzzer harness: the JSON writer on a Document built from fuzz bytes.
//
// Properties: to_json_string does not throw on valid UTF-8 strings, its
// output is JSON (nlohmann::json::parse), reads back (from_json) into an equal
// Document, and that Document writes byte-identical JSON. The direct writer
// also matches nlohmann::ordered_json's dump byte for byte (json-oracle).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz_common.hpp"
#include "fuzz_document.hpp"
#include "qingdan/json.hpp"
#include "qingdan/qingdan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace qingdan_fuzz;
  FuzzedDataProvider provider(data, size);
  DocumentBuilder builder(provider);
  const qingdan::WriteOptions options = builder.write_options();
  const qingdan::Document document = builder.build();

  std::string json;
  try {
    json = qingdan::to_json_string(document, options);
  } catch (const std::exception& e) {
    violated("json-dump", e.what());
  }
  if (enabled("json-oracle")) {
    const nlohmann::ordered_json oracle = document;
    const std::string expected = oracle.dump(options.indent) + "\n";
    if (expected != json) {
      std::size_t at = 0;
      while (at < json.size() && at < expected.size() && json[at] == expected[at]) ++at;
      violated("json-oracle",
               "direct writer differs from nlohmann at offset " + std::to_string(at) + ": " + excerpt(json, at));
    }
  }
  const nlohmann::json j = check_json_parses(json);
  if (j.is_null()) return 0;

  qingdan::Document back;
  try {
    back = j.get<qingdan::Document>();
  } catch (const std::exception& e) {
    if (enabled("json-roundtrip")) violated("json-roundtrip", std::string("from_json threw: ") + e.what());
    return 0;
  }
  if (!(back == document) && enabled("doc-roundtrip"))
    violated("doc-roundtrip", "Document -> JSON -> Document is not equal");
  const std::string again = qingdan::to_json_string(back, options);
  if (again != json && enabled("json-roundtrip")) {
    std::size_t at = 0;
    while (at < json.size() && at < again.size() && json[at] == again[at]) ++at;
    violated("json-roundtrip",
             "JSON -> Document -> JSON differs at offset " + std::to_string(at) + ": " + excerpt(json, at));
  }
  return 0;
}
