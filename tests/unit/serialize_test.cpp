#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "qingdan/json.hpp"
#include "qingdan/qingdan.hpp"
#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using qingdan::test::kHeader;
using qingdan::test::lines_of;

namespace {
Document sample() {
  const ParseResult r =
      parse(lines_of({"标题", std::string(kHeader), "", "1 幼有所育", "", "1.任务。", "", "目标", "",
                      "一是甲。二是乙。", "", "措施", "", "州卫生健康委牵头，州发展改革委配合；", "各县市人民政府"}));
  EXPECT_TRUE(r);
  return r.document;
}
}  // namespace

TEST(Json, ContractFieldNames) {
  const auto j = nlohmann::json::parse(to_json_string(sample()));
  EXPECT_EQ(j["title"], "标题");
  EXPECT_EQ(j["columns"][3], (nlohmann::json{{"label", "三年目标"}, {"role", "goal"}, {"year", nullptr}}));
  EXPECT_EQ(j["columns"][4]["year"], 2023);
  const auto& d = j["domains"][0];
  EXPECT_EQ(d["seq"], 1);
  EXPECT_EQ(d["name"], "幼有所育");
  EXPECT_EQ(d["lines"], nlohmann::json::array({4, 15}));
  const auto& t = d["tasks"][0];
  EXPECT_EQ(t["seq"], 1);
  EXPECT_EQ(t["title"], "任务");
  const auto& row = t["rows"][0];
  EXPECT_EQ(row["annual_target"]["items"], nlohmann::json::array({"甲。", "乙。"}));
  EXPECT_EQ(row["goal"]["lines"], nlohmann::json::array({8, 8}));
  EXPECT_EQ(row["units"]["lead"], nlohmann::json::array({"州卫生健康委"}));
  EXPECT_EQ(row["units"]["support"], nlohmann::json::array({"州发展改革委"}));
  EXPECT_EQ(row["units"]["implementers"], nlohmann::json::array({"各县市人民政府"}));
  EXPECT_TRUE(j["diagnostics"].is_array());
  EXPECT_EQ(j["coverage"]["unassigned"], 0);
}

TEST(Json, KeysInContractOrder) {
  const std::string s = to_json_string(sample());
  EXPECT_LT(s.find("\"title\""), s.find("\"columns\""));
  EXPECT_LT(s.find("\"columns\""), s.find("\"domains\""));
  EXPECT_LT(s.find("\"domains\""), s.find("\"diagnostics\""));
}

TEST(Json, RoundTripIsByteIdentical) {
  const Document doc = sample();
  const std::string first = to_json_string(doc);
  const Document back = nlohmann::json::parse(first).get<Document>();
  EXPECT_EQ(back, doc);
  EXPECT_EQ(to_json_string(back), first);
}

TEST(Json, ControlCharactersAreEscaped) {
  Document doc;
  doc.title = std::string(
      "a\x01"
      "b\x1F\x7F",
      5);
  const std::string s = to_json_string(doc);
  EXPECT_NE(s.find("\\u0001"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(s)["title"], doc.title);
}

// Probe I: a file name from a GBK archive (bad\xFFname.txt) went into
// source.name byte for byte, and the JSON, NDJSON and XML did not parse.
TEST(Json, ASourceNameThatIsNoUtf8StillGivesOutputThatParses) {
  ParseOptions options;
  options.source_name = std::string("doc\xFF\xC3(\xE5\x9B.txt");
  const ParseResult r =
      parse(lines_of({"标题", "", kHeader, "1 幼有所育 1.任务 目标 目标 措施 州卫生健康委牵头"}), options);
  EXPECT_EQ(r.document.source.name, "doc\uFFFD\uFFFD(\uFFFD.txt");
  const std::string json = to_json_string(r.document);
  EXPECT_EQ(nlohmann::json::parse(json)["source"]["name"], r.document.source.name);
  pugi::xml_document x;
  EXPECT_TRUE(x.load_string(to_xml_string(r.document).c_str()));
  bool warned = false;
  for (const auto& d : r.document.diagnostics)
    warned = warned || (d.severity == Severity::warning && d.message.find("source name") != std::string::npos);
  EXPECT_TRUE(warned);
  // A name that is UTF-8 stays as it is, without a word.
  options.source_name = "计划.txt";
  const ParseResult ok =
      parse(lines_of({"标题", "", kHeader, "1 幼有所育 1.任务 目标 目标 措施 州卫生健康委牵头"}), options);
  EXPECT_EQ(ok.document.source.name, "计划.txt");
  for (const auto& d : ok.document.diagnostics) EXPECT_EQ(d.message.find("source name"), std::string::npos);
}

TEST(Xml, SameTreeAndStrings) {
  const Document doc = sample();
  pugi::xml_document x;
  ASSERT_TRUE(x.load_string(to_xml_string(doc).c_str()));
  const auto domain = x.child("document").child("domains").child("domain");
  EXPECT_STREQ(domain.attribute("seq").value(), "1");
  EXPECT_STREQ(domain.attribute("lines").value(), "4-15");
  EXPECT_STREQ(domain.child_value("name"), "幼有所育");
  const auto task = domain.child("task");
  EXPECT_STREQ(task.child_value("title"), "任务");
  const auto units = task.child("row").child("units");
  EXPECT_STREQ(units.child_value("lead"), "州卫生健康委");
  EXPECT_STREQ(units.child_value("implementer"), "各县市人民政府");
  EXPECT_STREQ(units.child_value("text"), doc.domains[0].tasks[0].rows[0].units->text.c_str());
  EXPECT_STREQ(x.child("document").child("columns").child("column").attribute("role").value(), "seq");
}

TEST(Xml, XmlInvalidCharactersAreSpelledOutNotDropped) {
  Document doc;
  doc.title = std::string(
      "a\x01"
      "b\0c\xEF\xBF\xBE"
      "d\te",
      11);
  const std::string s = to_xml_string(doc);
  pugi::xml_document x;
  ASSERT_TRUE(x.load_string(s.c_str()));
  EXPECT_STREQ(x.child("document").child_value("title"), "a\\u0001b\\u0000c\\uFFFEd\te");
}

TEST(Xml, ControlCharactersInInputAreReportedWithTheirLine) {
  const ParseResult r = parse(lines_of({"标题", std::string(kHeader), "", "1 幼有所育", "", "1.任务", "", "目标\x02",
                                        "", "年度", "", "措施", "", "州民政局牵头"}));
  ASSERT_TRUE(r);
  bool reported = false;
  for (const auto& d : r.document.diagnostics)
    reported |= d.severity == Severity::warning && d.line == 8 && d.message.find("U+0002") != std::string::npos;
  EXPECT_TRUE(reported);
  EXPECT_EQ(r.document.domains[0].tasks[0].rows[0].goal->text, "目标\x02");
  pugi::xml_document x;
  EXPECT_TRUE(x.load_string(to_xml_string(r.document).c_str()));
}

namespace {
std::string nlohmann_dump(const Document& d, int indent) {
  const nlohmann::ordered_json j = d;
  return j.dump(indent) + "\n";
}
}  // namespace

TEST(Json, DirectWriterMatchesNlohmannByteForByte) {
  Document doc = sample();
  // Exercise every branch: empty arrays, null seq, other cells, escapes.
  doc.title = std::string("q\"b\\s\b\f\n\r\t\x01\x1f\x7f 末", 17);
  doc.domains.push_back(Domain{});
  doc.domains.back().tasks.push_back(Task{});
  Row row;
  row.other.push_back({6, Field{"备注", {{0, 6}}, {3, 4}}});
  Deadline deadline;
  static_cast<Field&>(deadline) = Field{"2023年6月底前", {}, {5, 5}};
  deadline.date = "2023-06-30";
  row.deadline = deadline;
  doc.domains.back().tasks.back().rows.push_back(row);
  for (int indent : {-1, 0, 2, 4, 40}) EXPECT_EQ(to_json_string(doc, {indent}), nlohmann_dump(doc, indent)) << indent;
  EXPECT_EQ(to_json_string(Document{}), nlohmann_dump(Document{}, 2));
}

TEST(Json, AClaimedSourceSizeDoesNotSizeTheOutput) {
  // source.bytes is what the document says, not what it holds: a small
  // document claiming 1 TB (read back from JSON, or fuzzed) must not have the
  // writer reserve for that (capacity: what the returned string holds).
  Document doc = sample();
  const std::string normal = to_json_string(doc);
  doc.source.bytes = std::uint64_t{1} << 40;
  const std::string claimed = to_json_string(doc);
  EXPECT_LT(claimed.capacity(), 64u * 1024) << claimed.size();
  EXPECT_EQ(claimed.size(), normal.size() + std::to_string(std::uint64_t{1} << 40).size() -
                                std::to_string(sample().source.bytes).size());
}

TEST(Json, TheWriterGrowsPastItsEstimate) {
  // to_json_string reserves an estimate of its output from what the document
  // holds, counting each text twice (as text and as items); text that
  // escapes to more than twice its bytes (control characters: \u0001)
  // outgrows it. The writer's buffer then grows, mid-string and mid-escape,
  // and still writes what nlohmann writes.
  Document doc;
  doc.domains.push_back(Domain{});
  doc.domains.back().tasks.push_back(Task{});
  std::string big;
  for (int i = 0; big.size() < 300000; ++i) big += i % 7 == 0 ? "\"引号\"\n" : "\x01\x1f任务\x02";
  for (int r = 0; r < 3; ++r) {
    Row row;
    row.measures = Field{big, {{0, 9}, {9, 18}}, {1, 2}};  // "引号"\n, then control characters and 任务
    doc.domains.back().tasks.back().rows.push_back(row);
  }
  for (int indent : {-1, 2}) {
    const std::string json = to_json_string(doc, {indent});
    EXPECT_GT(json.size(), detail::json_size_estimate(doc, indent)) << indent;  // it did outgrow the estimate
    EXPECT_EQ(json, nlohmann_dump(doc, indent)) << indent;
  }
}

// The estimate that sizes to_json_string's buffer lands at or a little
// above the output on every corpus document, alone and repeated to ~50 KB
// (below it, the buffer grows once, copying what is written; far above, it
// zero-fills room it never uses).
TEST(Json, SizeEstimateIsAtOrAboveTheOutput) {
  for (const auto& entry : std::filesystem::directory_iterator(QINGDAN_CORPUS_DIR)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string repeated;
    while (repeated.size() < 50000) repeated += text + "\n";
    for (const std::string* input : {&text, static_cast<const std::string*>(&repeated)}) {
      const ParseResult r = parse(*input);
      ASSERT_TRUE(r) << entry.path();
      for (int indent : {-1, 0, 2, 4}) {
        const std::size_t size = to_json_string(r.document, {indent}).size();
        const std::uint64_t estimate = detail::json_size_estimate(r.document, indent);
        EXPECT_GE(estimate, size) << entry.path() << " x" << input->size() / text.size() << " indent " << indent;
        EXPECT_LE(estimate, size * 3 / 2 + 4096)
            << entry.path() << " x" << input->size() / text.size() << " indent " << indent;
      }
    }
  }
}

TEST(Json, WriteJsonPiecesConcatenateToJsonString) {
  // write_json streams a document in pieces; with a document large enough
  // for several pieces, their concatenation is to_json_string's text.
  std::ifstream in(std::string(QINGDAN_CORPUS_DIR) + "/chuxiong-2023.txt", std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  const qingdan::ParseResult r = qingdan::parse(text);
  ASSERT_TRUE(r);
  for (int indent : {2, -1}) {
    qingdan::WriteOptions wo;
    wo.indent = indent;
    std::string streamed;
    int pieces = 0;
    qingdan::write_json(
        r.document,
        [&](std::string_view piece) {
          streamed += piece;
          ++pieces;
        },
        wo);
    EXPECT_EQ(streamed, qingdan::to_json_string(r.document, wo));
    if (indent == 2) {
      EXPECT_GE(pieces, 3);  // 141 KB of JSON in 64 KiB pieces, and the final newline
    }
  }
}

TEST(Json, AppendJsonStringEscapesAsTheWriterAndNlohmann) {
  // The public escaping function is the one the writer uses; it must write
  // what nlohmann writes for every control, quote and backslash, at every
  // offset of a string long enough for the 16-byte scan.
  for (int c = 0; c < 0x80; ++c) {
    const std::string s = "任务" + std::string(1, static_cast<char>(c)) + "0123456789abcdefghijk" +
                          std::string(1, static_cast<char>(c)) + "\"\\";
    std::string out;
    qingdan::append_json_string(out, s);
    EXPECT_EQ(out, nlohmann::json(s).dump()) << c;
  }
}

TEST(Records, ItemsArePiecesOfTheFieldText) {
  const Document doc = sample();
  std::size_t checked = 0;
  for (const Domain& d : doc.domains)
    for (const Task& t : d.tasks)
      for (const Row& r : t.rows)
        for (const auto* f : {r.goal ? &*r.goal : nullptr, r.annual_target ? &*r.annual_target : nullptr,
                              r.measures ? &*r.measures : nullptr}) {
          if (!f) continue;
          std::size_t end = 0;
          for (std::size_t i = 0; i < f->items.size(); ++i) {
            ASSERT_GE(f->items[i].offset, end);  // in order, not overlapping
            ASSERT_EQ(f->item(i).data(), f->text.data() + f->items[i].offset);
            end = f->items[i].offset + f->items[i].size;
            ++checked;
          }
        }
  EXPECT_GT(checked, 2u);
}

TEST(Records, ItemOutsideTheTextThrows) {
  Field f{"甲乙", {{0, 3}, {3, 4}}, {1, 1}};
  EXPECT_EQ(f.item(0), "甲");
  EXPECT_THROW(f.item(1), std::out_of_range);  // runs past the end
  EXPECT_THROW(f.item(2), std::out_of_range);  // no such item
  f.items[1] = {7, 0};
  EXPECT_THROW(f.item(1), std::out_of_range);  // starts past the end
}

TEST(Json, ItemsAreFoundInTheTextWhenRead) {
  const auto j = nlohmann::json::parse(R"({"text": "一是甲。二是甲。", "items": ["甲。", "甲。"], "lines": [1, 2]})");
  const Field f = j.get<Field>();
  ASSERT_EQ(f.items.size(), 2u);
  EXPECT_EQ(f.items[0], (TextRange{6, 6}));   // after 一是
  EXPECT_EQ(f.items[1], (TextRange{18, 6}));  // after 二是: the search goes on from the first item's end
  const auto bad = nlohmann::json::parse(R"({"text": "一是甲。", "items": ["乙。"], "lines": [1, 1]})");
  EXPECT_THROW(bad.get<Field>(), std::invalid_argument);
  const auto out_of_order = nlohmann::json::parse(R"({"text": "甲乙", "items": ["乙", "甲"], "lines": [1, 1]})");
  EXPECT_THROW(out_of_order.get<Field>(), std::invalid_argument);
}

TEST(Json, StringsOfEveryLengthAndEscapeOffsetMatchNlohmann) {
  // The writer checks and copies a string 16 bytes at a time, its last bytes
  // as one block overlapping the one before: every length around those
  // blocks, with nothing to escape and with each kind of escape in place of
  // each ASCII character, writes what nlohmann writes. Every fifth
  // character is an ideograph (bytes of 0x80 and above, never escaped).
  Document doc;
  for (std::size_t n = 0; n <= 50; ++n) {
    std::vector<std::string> chars;
    for (std::size_t k = 0; k < n; ++k)
      chars.push_back(k % 5 == 4 ? "末" : k % 7 == 6 ? "\x7f" : std::string(1, static_cast<char>('a' + k % 26)));
    auto joined = [&] {
      std::string s;
      for (const auto& c : chars) s += c;
      return s;
    };
    doc.title = joined();
    ASSERT_EQ(to_json_string(doc, {-1}), nlohmann_dump(doc, -1)) << n;
    for (std::size_t at = 0; at < n; ++at) {
      if (chars[at].size() != 1) continue;
      const std::string kept = chars[at];
      for (char c : {'"', '\\', '\n', '\x01', '\x1f'}) {
        chars[at] = std::string(1, c);
        doc.title = joined();
        ASSERT_EQ(to_json_string(doc, {-1}), nlohmann_dump(doc, -1)) << n << " at " << at << " char " << int{c};
      }
      chars[at] = kept;
    }
  }
}
