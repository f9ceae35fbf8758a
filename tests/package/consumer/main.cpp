// Consumer of an installed qingdan: parses a small document held in a string
// and prints its task count. Uses parse (ICU, Boost.Regex), the XML writer
// (pugixml) and the nlohmann conversions (qingdan/json.hpp), so every link
// dependency of a static libqingdan.a and the public nlohmann_json dependency
// have to come through the package files.
#include <qingdan/json.hpp>
#include <qingdan/qingdan.hpp>

#include <cstddef>
#include <iostream>
#include <string>

int main() {
  const std::string text =
      "测试清单\n"
      "\n"
      "序号 所属领域 重点任务 三年目标 2023年工作目标 2023年具体工作措施 责任单位\n"
      "\n"
      "1 幼有所育\n"
      "\n"
      "1.加大建设力度。\n"
      "\n"
      "目标一。\n"
      "\n"
      "年度目标一。\n"
      "\n"
      "一是建设。二是推进。\n"
      "\n"
      "州卫生健康委牵头，州发展改革委配合；各县市人民政府\n"
      "\n"
      "2.提高 能 力。\n"
      "\n"
      "目标二。\n"
      "\n"
      "年度目标二。\n"
      "\n"
      "措施。\n"
      "\n"
      "州教育体育局\n";

  const qingdan::ParseResult result = qingdan::parse(text);
  if (!result) {
    std::cerr << "parse failed: " << result.error.line << ": " << result.error.message << "\n";
    return 1;
  }
  std::size_t tasks = 0;
  for (const auto& domain : result.document.domains) tasks += domain.tasks.size();

  const nlohmann::json j = result.document;
  if (!(j.get<qingdan::Document>() == result.document)) {
    std::cerr << "JSON round trip differs\n";
    return 1;
  }
  const std::string xml = qingdan::to_xml_string(result.document);
  if (xml.find("<document>") == std::string::npos) {
    std::cerr << "no <document> in the XML\n";
    return 1;
  }

  std::cout << "domains: " << result.document.domains.size() << "\n";
  std::cout << "tasks: " << tasks << "\n";
  std::cout << "title: " << j.at("title").get<std::string>() << "\n";
  return 0;
}
