// How the build-time readers of ICU in lib/gen/ write their C++ fragment:
// the whole text to OUTPUT.tmp, renamed over OUTPUT, so that an interrupted
// build never leaves a half-written fragment for the library to include.
#pragma once

#include <cstdio>
#include <fstream>
#include <string>

namespace qingdan::gen {

/// Writes `text` to `path`; false, with a message naming `program` on
/// standard error, when it cannot.
inline bool write_generated_file(const char* program, const std::string& path, const std::string& text) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) {
      std::fprintf(stderr, "%s: %s: cannot write\n", program, temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "%s: %s: cannot rename to %s\n", program, temporary.c_str(), path.c_str());
    return false;
  }
  return true;
}

}  // namespace qingdan::gen
