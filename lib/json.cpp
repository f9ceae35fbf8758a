// Serialisation to JSON: the typed tree through nlohmann::ordered_json, so the
// keys keep contract order (title, source, columns, domains, diagnostics …).
#include "qingdan/json.hpp"

#include "qingdan/qingdan.hpp"

namespace qingdan {

std::string to_json_string(const Document& document, const WriteOptions& options) {
  const nlohmann::ordered_json j = document;
  // Every string is valid UTF-8 (decode validated it and we only cut at
  // character boundaries), so strict mode can only fail on a bug — loudly.
  return j.dump(options.indent, ' ', false, nlohmann::ordered_json::error_handler_t::strict) + "\n";
}

}  // namespace qingdan
