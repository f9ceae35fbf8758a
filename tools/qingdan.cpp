// qingdan — command-line front end. Thin: pick the subcommand and run it.
//
//   qingdan [OPTIONS] INPUT           one document (single.cpp)
//   qingdan convert [OPTIONS] INPUT...  files and directories, -j threads (batch.cpp)
//   qingdan filter [OPTIONS]          NDJSON requests on stdin -> one line each (filter.cpp)
//
// Exit status: 0 ok, 1 a document could not be parsed, 2 usage or I/O error.
#include <cstring>
#include <exception>
#include <iostream>

#include "cli_common.hpp"

int main(int argc, char** argv) {
  // The library reports bad input through ParseResult; what is left is
  // resource exhaustion, which still deserves a message and a clean exit.
  try {
    if (argc > 1 && std::strcmp(argv[1], "convert") == 0) return qingdan_cli::run_convert(argc - 1, argv + 1);
    if (argc > 1 && std::strcmp(argv[1], "filter") == 0) return qingdan_cli::run_filter(argc - 1, argv + 1);
    return qingdan_cli::run_single(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "qingdan: error: " << e.what() << "\n";
    return qingdan_cli::kExitParse;
  }
}
