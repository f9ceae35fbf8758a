// Prints the domains, tasks and lead units of a task decomposition list.
//   read_records corpus/chuxiong-2023.txt
#include <qingdan/qingdan.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

static std::string number(const std::optional<int>& seq) {
  return seq ? std::to_string(*seq) : "-";
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: read_records FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot open\n";
    return 2;
  }
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  qingdan::ParseOptions options;
  options.source_name = argv[1];
  const qingdan::ParseResult result = qingdan::parse(bytes, options);  // never throws on bad input
  if (!result) {
    std::cerr << argv[1] << ":" << result.error.line << ": error: " << result.error.message << "\n";
    return 1;
  }

  const qingdan::Document& doc = result.document;
  std::cout << doc.title << "\n";
  for (const qingdan::Domain& domain : doc.domains) {
    std::cout << number(domain.seq) << " " << domain.name << "\n";
    for (const qingdan::Task& task : domain.tasks) {
      std::cout << "  " << number(task.seq) << ". " << task.title << " (lines " << task.lines.first << "-"
                << task.lines.last << ")\n";
      for (const qingdan::Row& row : task.rows) {
        if (!row.units) continue;  // the document has no units column
        std::cout << "     lead:";
        for (const std::string& unit : row.units->lead) std::cout << " " << unit;
        std::cout << "\n";
      }
    }
  }
  for (const qingdan::Diagnostic& d : doc.diagnostics)
    std::cerr << argv[1] << ":" << d.line << ": " << qingdan::to_string(d.severity) << ": " << d.message << "\n";
  return 0;
}
