// The running ICU library's version, which data read from ICU at build time
// (lib/gen/) is checked against before it is used.
#pragma once

#include <unicode/uversion.h>

#include <string>

namespace qingdan::detail {

/// "72.1": tables read from ICU at build time are used only with the
/// version they were read from.
inline std::string icu_version() {
  UVersionInfo version;
  u_getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

}  // namespace qingdan::detail
