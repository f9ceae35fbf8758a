// Shared checks for the libFuzzer harnesses in this directory.
//
// A violated property prints one line saying which property and traps, so
// libFuzzer records the input as a crash. A property can be switched off for
// a run (to fuzz past a known, not yet fixed finding) with the environment
// variable QINGDAN_FUZZ_SKIP, a comma separated list of property names:
//   json-parse, json-roundtrip, doc-roundtrip, json-oracle (json_fuzzer),
//   xml-parse, xml-chars,
//   xml-fidelity, and in parse_fuzzer also coverage-sum, spans and us-hang
//   (not a property: skips inputs with bytes 0x1C-0x1F, which hang).
// A writer that throws (json-dump, xml-dump) is always reported.
#pragma once

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace qingdan_fuzz {

/// True unless `name` is listed in QINGDAN_FUZZ_SKIP.
inline bool enabled(std::string_view name) {
  static const std::string skip = [] {
    const char* s = std::getenv("QINGDAN_FUZZ_SKIP");
    return s ? "," + std::string(s) + "," : std::string();
  }();
  return skip.find("," + std::string(name) + ",") == std::string::npos;
}

[[noreturn]] inline void violated(const char* property, const std::string& detail) {
  std::fprintf(stderr, "\n*** qingdan fuzz property violated: %s: %s\n", property, detail.c_str());
  std::fflush(stderr);
  __builtin_trap();
}

/// Up to `max` bytes of `s` around `at`, with non-printable bytes as \xNN.
inline std::string excerpt(std::string_view s, std::size_t at, std::size_t max = 80) {
  const std::size_t from = at > max / 2 ? at - max / 2 : 0;
  std::string out;
  for (std::size_t i = from; i < s.size() && i < from + max; ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F && b != '\\') {
      out.push_back(static_cast<char>(b));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", b);
      out += buf;
    }
  }
  return out;
}

/// nlohmann::json::parse must accept the writer's JSON.
inline nlohmann::json check_json_parses(const std::string& text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const std::exception& e) {
    if (!enabled("json-parse")) return nullptr;
    violated("json-parse", e.what());
  }
}

/// pugixml must load the writer's XML. Returns whether it did.
inline bool check_xml_parses(const std::string& text, pugi::xml_document& doc, unsigned flags = pugi::parse_default) {
  const pugi::xml_parse_result r = doc.load_string(text.c_str(), flags);
  if (r.status != pugi::status_ok && enabled("xml-parse"))
    violated("xml-parse", std::string(r.description()) + " at offset " + std::to_string(r.offset) + ": " +
                              excerpt(text, static_cast<std::size_t>(r.offset)));
  return r.status == pugi::status_ok;
}

/// XML 1.0 production [2] Char.
inline bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/// pugixml's parser is not validating: it loads "&#1;" and a raw U+FFFF
/// without complaint. Well-formedness (XML 1.0 §2.2, WFC "Legal Character")
/// needs every character, literal or referenced, to match Char. The text
/// is our own writer's output, so a simple scan is exact for it.
inline void check_xml_chars(const std::string& text) {
  if (!enabled("xml-chars")) return;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) violated("xml-chars", "invalid UTF-8 at offset " + std::to_string(at) + ": " + excerpt(text, at));
    if (!is_xml_char(static_cast<std::uint32_t>(c))) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
      violated("xml-chars", std::string("literal ") + buf + " (not an XML Char) at offset " + std::to_string(at) +
                                ": " + excerpt(text, at));
    }
    if (c == '&' && i < n && s[i] == '#') {
      std::int32_t j = i + 1;
      const bool hex = j < n && s[j] == 'x';
      if (hex) ++j;
      std::uint64_t v = 0;
      const std::int32_t digits = j;
      for (; j < n && s[j] != ';'; ++j) {
        const int d = s[j] >= '0' && s[j] <= '9'          ? s[j] - '0'
                      : hex && s[j] >= 'a' && s[j] <= 'f' ? s[j] - 'a' + 10
                      : hex && s[j] >= 'A' && s[j] <= 'F' ? s[j] - 'A' + 10
                                                          : -1;
        if (d < 0) violated("xml-chars", "malformed character reference at offset " + std::to_string(at));
        v = v * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
        if (v > 0x10FFFF) v = 0x110000;
      }
      if (j >= n || j == digits) violated("xml-chars", "malformed character reference at offset " + std::to_string(at));
      if (!is_xml_char(static_cast<std::uint32_t>(v)))
        violated("xml-chars",
                 "character reference " +
                     std::string(text, static_cast<std::size_t>(at), static_cast<std::size_t>(j + 1 - at)) +
                     " to a non-Char at offset " + std::to_string(at) + ": " + excerpt(text, at));
    }
  }
}

}  // namespace qingdan_fuzz
