// SHA-256 (FIPS 180-4) of a byte string, as 64 lowercase hex digits.
//
// A small self-contained implementation, so that the command line needs no
// crypto library for one digest per document (the `sha256` of the input bytes
// in `--format rows|csv` and in the SQLite `documents` table). It identifies
// inputs; it is not used for anything security-related. tests/rows_test.sh
// checks it against coreutils' sha256sum.
#pragma once

#include <string>
#include <string_view>

namespace qingdan_cli {

/// SHA-256 of `bytes` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace qingdan_cli
