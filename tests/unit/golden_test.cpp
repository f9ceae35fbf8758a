// The seed document against its hand-checked golden output, and properties
// every corpus document must have.
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "qingdan/json.hpp"
#include "qingdan/qingdan.hpp"

namespace fs = std::filesystem;
using namespace qingdan;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> corpus() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(QINGDAN_CORPUS_DIR))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

ParseResult parse_file(const fs::path& p) {
  ParseOptions o;
  o.source_name = p.filename().string();
  return parse(slurp(p), o);
}
}  // namespace

TEST(Golden, SeedMatchesHandCheckedJson) {
  const ParseResult r = parse_file(fs::path(QINGDAN_CORPUS_DIR) / "chuxiong-2023.txt");
  ASSERT_TRUE(r) << r.error.message;
  const auto expected = nlohmann::json::parse(slurp(fs::path(QINGDAN_GOLDEN_DIR) / "chuxiong-2023.json"));
  const auto actual = nlohmann::json::parse(to_json_string(r.document));
  // Compare domain by domain first so a failure points at the place.
  ASSERT_EQ(actual["domains"].size(), expected["domains"].size());
  for (std::size_t i = 0; i < expected["domains"].size(); ++i)
    EXPECT_EQ(actual["domains"][i], expected["domains"][i]) << "domain " << i + 1;
  EXPECT_EQ(actual, expected);
}

TEST(Golden, SeedShape) {
  const ParseResult r = parse_file(fs::path(QINGDAN_CORPUS_DIR) / "chuxiong-2023.txt");
  ASSERT_TRUE(r);
  std::size_t tasks = 0, rows = 0;
  for (const auto& d : r.document.domains)
    for (const auto& t : d.tasks) {
      ++tasks;
      rows += t.rows.size();
    }
  EXPECT_EQ(r.document.domains.size(), 9u);
  EXPECT_EQ(tasks, 28u);
  EXPECT_EQ(rows, 29u);
  // Only the layout note: no warning, no error.
  for (const auto& d : r.document.diagnostics) EXPECT_EQ(d.severity, Severity::info) << d.message;
}

TEST(Corpus, EveryCharacterIsAccountedFor) {
  for (const auto& p : corpus()) {
    const ParseResult r = parse_file(p);
    ASSERT_TRUE(r) << p;
    const Coverage& c = r.document.coverage;
    EXPECT_EQ(c.unassigned, 0u) << p;
    EXPECT_EQ(c.chars, c.in_fields + c.furniture) << p;
    EXPECT_GT(c.in_fields, c.furniture) << p;
  }
}

TEST(Corpus, JsonRoundTripIsByteIdentical) {
  for (const auto& p : corpus()) {
    const ParseResult r = parse_file(p);
    ASSERT_TRUE(r) << p;
    const std::string first = to_json_string(r.document);
    const Document back = nlohmann::json::parse(first).get<Document>();
    EXPECT_EQ(to_json_string(back), first) << p;
  }
}

TEST(Corpus, XmlCarriesTheSameStrings) {
  for (const auto& p : corpus()) {
    const ParseResult r = parse_file(p);
    ASSERT_TRUE(r) << p;
    pugi::xml_document x;
    ASSERT_TRUE(x.load_string(to_xml_string(r.document).c_str())) << p;
    auto domain = x.child("document").child("domains").child("domain");
    for (const auto& d : r.document.domains) {
      ASSERT_TRUE(domain) << p;
      EXPECT_EQ(domain.child_value("name"), d.name);
      auto task = domain.child("task");
      for (const auto& t : d.tasks) {
        EXPECT_EQ(task.child_value("title"), t.title);
        auto row = task.child("row");
        for (const auto& rw : t.rows) {
          if (rw.measures) {  // not every layout has a measures column
            EXPECT_EQ(row.child("measures").child_value("text"), rw.measures->text);
            std::size_t k = 0;
            for (auto item : row.child("measures").children("item"))
              EXPECT_EQ(item.child_value(), rw.measures->item(k++));
            EXPECT_EQ(k, rw.measures->items.size());
          }
          if (rw.units) {
            EXPECT_EQ(row.child("units").child_value("text"), rw.units->text);
          }
          row = row.next_sibling("row");
        }
        task = task.next_sibling("task");
      }
      domain = domain.next_sibling("domain");
    }
  }
}
