// qingdan — command-line front end. Thin: pick the subcommand and run it.
//
//   qingdan [OPTIONS] INPUT           one document (single.cpp)
//   qingdan convert [OPTIONS] INPUT...  files and directories, -j threads (batch.cpp)
//   qingdan filter [OPTIONS]          NDJSON requests on stdin -> one line each (filter.cpp)
//   qingdan --sqlite FILE INPUT...    the same as qingdan convert --sqlite FILE INPUT...
//
// Exit status: 0 ok, 1 a document could not be parsed, 2 usage or I/O error.
#include <cstring>
#include <exception>
#include <iostream>

#include "cli_common.hpp"

namespace {

/// The plain form takes --sqlite FILE too; it may name several inputs, so
/// it is a batch: `qingdan --sqlite plans.db a.txt b.txt` runs convert.
bool wants_database(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) return false;
    if (std::strcmp(argv[i], "--sqlite") == 0 || std::strncmp(argv[i], "--sqlite=", 9) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  // The library reports bad input through ParseResult; what is left is
  // resource exhaustion, which still deserves a message and a clean exit.
  try {
    if (argc > 1 && std::strcmp(argv[1], "convert") == 0) return qingdan_cli::run_convert(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "filter") == 0) return qingdan_cli::run_filter(argc - 1, argv + 1);
    if (wants_database(argc, argv)) return qingdan_cli::run_convert(argc, argv);
    return qingdan_cli::run_single(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "qingdan: error: " << e.what() << "\n";
    return qingdan_cli::kExitParse;
  }
}
