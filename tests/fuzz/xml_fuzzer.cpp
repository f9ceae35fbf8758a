// libFuzzer harness: the XML writer on a Document built from fuzz bytes.
//
// Properties: to_xml_string does not throw; its output loads with pugixml
// (xml-parse), is well-formed XML 1.0 as far as characters go (xml-chars:
// pugixml itself accepts "&#1;" and a raw U+FFFF), and every string and
// number of the Document reads back unchanged through pugixml (xml-fidelity).
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

#include "fuzz_common.hpp"
#include "fuzz_document.hpp"
#include "fuzz_xml_fidelity.hpp"
#include "qingdan/qingdan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider provider(data, size);
  qingdan_fuzz::DocumentBuilder builder(provider);
  const qingdan::WriteOptions options = builder.write_options();
  const qingdan::Document document = builder.build();

  std::string xml;
  try {
    xml = qingdan::to_xml_string(document, options);
  } catch (const std::exception& e) {
    qingdan_fuzz::violated("xml-dump", e.what());
  }
  pugi::xml_document doc;
  const bool loaded = qingdan_fuzz::check_xml_parses(xml, doc, qingdan_fuzz::kXmlReadFlags);
  qingdan_fuzz::check_xml_chars(xml);
  if (loaded && qingdan_fuzz::enabled("xml-fidelity")) qingdan_fuzz::Fidelity(document).check(doc);
  return 0;
}
