#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "stages.hpp"
#include "test_util.hpp"

using namespace qingdan;
using namespace qingdan::detail;
using Items = std::vector<std::string>;

namespace {
// split_items' ranges as the texts they name; each range must lie inside the
// text, and the ranges must be in order and not overlap.
Items item_texts(std::string_view text) {
  Items texts;
  std::size_t end = 0;
  for (const TextRange& r : split_items(text)) {
    EXPECT_GE(r.offset, end) << text;
    EXPECT_LE(std::size_t{r.offset} + r.size, text.size()) << text;
    if (r.offset < end || std::size_t{r.offset} + r.size > text.size()) break;
    texts.emplace_back(text.substr(r.offset, r.size));
    end = std::size_t{r.offset} + r.size;
  }
  return texts;
}
}  // namespace

TEST(Items, EnumerationSplitsAndMarkersGo) {
  EXPECT_EQ(item_texts("一是推进建设。二是强化评审。三是加强培训。"),
            (Items{"推进建设。", "强化评审。", "加强培训。"}));
}

TEST(Items, TextBeforeTheFirstMarkerIsTheFirstItem) {
  EXPECT_EQ(item_texts("总体要求如下。一是甲。二是乙。"), (Items{"总体要求如下。", "甲。", "乙。"}));
}

TEST(Items, MarkersAfterSemicolon) {
  EXPECT_EQ(item_texts("一是甲；二是乙"), (Items{"甲；", "乙"}));
}

TEST(Items, OnlyInSequenceAndAtABoundary) {
  // 统一是 is not a marker (no boundary); 三是 before 二是 is out of sequence.
  EXPECT_EQ(item_texts("一是统一是好。三是丙。二是乙。"), (Items{"统一是好。三是丙。", "乙。"}));
  // a marker in mid sentence does not split
  EXPECT_EQ(item_texts("一是甲，二是乙"), (Items{"一是甲，二是乙"}));
}

TEST(Items, NumeralsPastTen) {
  std::string text;
  const char* numerals[] = {"一", "二", "三",   "四",   "五",   "六",   "七",   "八",
                            "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"};
  for (int i = 0; i < 16; ++i) text += std::string(numerals[i]) + "是事项" + std::to_string(i + 1) + "。";
  const Items items = item_texts(text);
  ASSERT_EQ(items.size(), 16u);
  EXPECT_EQ(items[9], "事项10。");
  EXPECT_EQ(items[11], "事项12。");  // 十二是 is found although 二是 occurs inside it
  EXPECT_EQ(items[15], "事项16。");
}

TEST(Items, NoEnumerationIsOneItem) {
  EXPECT_EQ(item_texts("每千人口拥有托位数4.5个。"), (Items{"每千人口拥有托位数4.5个。"}));
  EXPECT_EQ(item_texts("一是只有一项。"), (Items{"一是只有一项。"}));
  EXPECT_TRUE(item_texts("").empty());
}

namespace {
Units units_of(std::string text) {
  Units u;
  u.text = std::move(text);
  analyse_units(u);
  return u;
}
using Names = std::vector<std::string>;
}  // namespace

TEST(UnitRoles, LeadSupportImplementers) {
  const Units u = units_of("州卫生健康委牵头，州发展改革委配合；各县市人民政府");
  EXPECT_EQ(u.lead, (Names{"州卫生健康委"}));
  EXPECT_EQ(u.support, (Names{"州发展改革委"}));
  EXPECT_EQ(u.implementers, (Names{"各县市人民政府"}));
}

TEST(UnitRoles, NamesSplitOnEnumerationComma) {
  const Units u = units_of("州教育体育局牵头，州发展改革委、州住房城乡建设局按职能配合；各县市人民政府");
  EXPECT_EQ(u.support, (Names{"州发展改革委", "州住房城乡建设局"}));
}

TEST(UnitRoles, SeveralLeads) {
  const Units u = units_of("州文化和旅游局、州教育体育局牵头，州广电局按职能配合；各县市人民政府");
  EXPECT_EQ(u.lead, (Names{"州文化和旅游局", "州教育体育局"}));
  EXPECT_EQ(u.support, (Names{"州广电局"}));
}

TEST(UnitRoles, FirstClauseWithoutRoleWordLeads) {
  const Units u = units_of("州人力资源社会保障局，各县市人民政府");
  EXPECT_EQ(u.lead, (Names{"州人力资源社会保障局"}));
  EXPECT_TRUE(u.support.empty());
  EXPECT_EQ(u.implementers, (Names{"各县市人民政府"}));
}

TEST(UnitRoles, SeparatorsInsideParenthesesDoNotSplit) {
  const Units u = units_of("州民政局牵头，各县（市、区）政府");
  EXPECT_EQ(u.lead, (Names{"州民政局"}));
  EXPECT_EQ(u.implementers, (Names{"各县（市、区）政府"}));
}

TEST(UnitRoles, KeyedClausesEitherWidth) {
  const Units u = units_of("牵头单位：州发展改革委；配合单位：州财政局、州统计局");
  EXPECT_EQ(u.lead, (Names{"州发展改革委"}));
  EXPECT_EQ(u.support, (Names{"州财政局", "州统计局"}));
  const Units h = units_of("牵头单位:州发展改革委;协同配合单位:州财政局");
  EXPECT_EQ(h.lead, (Names{"州发展改革委"}));
  EXPECT_EQ(h.support, (Names{"州财政局"}));
}

TEST(UnitRoles, AKeyInsideAClauseStartsAClause) {
  // A cell's lines 牵头单位：X / 配合单位：Y joined by repair, or two keys
  // with only a space between them: the second key is a clause of its own.
  const Units joined = units_of("牵头单位：州卫生健康委配合单位：州财政局、州医保局");
  EXPECT_EQ(joined.lead, (Names{"州卫生健康委"}));
  EXPECT_EQ(joined.support, (Names{"州财政局", "州医保局"}));
  const Units three = units_of("牵头单位:县民政局协同配合单位：县财政局责任单位：各乡镇人民政府");
  EXPECT_EQ(three.lead, (Names{"县民政局"}));
  EXPECT_EQ(three.support, (Names{"县财政局"}));
  EXPECT_EQ(three.implementers, (Names{"各乡镇人民政府"}));
  const Units traditional = units_of("牽頭單位：縣衛生健康局配合單位：縣財政局");
  EXPECT_EQ(traditional.lead, (Names{"縣衛生健康局"}));
  EXPECT_EQ(traditional.support, (Names{"縣財政局"}));
  // Colons are found 16 bytes at a time: the second key at every offset,
  // either colon width, is found (names of 1..20 characters before it).
  for (std::size_t n = 1; n <= 20; ++n)
    for (const char* colon : {"：", ":"}) {
      std::string name = "县";
      for (std::size_t k = 1; k < n; ++k) name += "乙";
      name += "局";
      const Units u = units_of(std::string("牵头单位") + colon + name + "配合单位" + colon + "县财政局");
      EXPECT_EQ(u.lead, (Names{name})) << n << colon;
      EXPECT_EQ(u.support, (Names{"县财政局"})) << n << colon;
    }
  // A key word without its colon is part of a name; a colon after no key
  // word splits nothing.
  const Units no_colon = units_of("县机关事务牵头单位服务中心牵头，县财政局配合");
  EXPECT_EQ(no_colon.lead, (Names{"县机关事务牵头单位服务中心"}));
  const Units other_colon = units_of("县民政局（备注：含福利院）牵头，县财政局配合");
  EXPECT_EQ(other_colon.lead, (Names{"县民政局（备注：含福利院）"}));
  EXPECT_EQ(other_colon.support, (Names{"县财政局"}));
}

TEST(UnitRoles, ARoleInBracketsAfterANameIsThatNamesRole) {
  const Units one = units_of("市民政局（牵头）、市财政局、市卫生健康委");
  EXPECT_EQ(one.lead, (Names{"市民政局"}));
  EXPECT_EQ(one.support, (Names{"市财政局", "市卫生健康委"}));
  const Units middle = units_of("市财政局、市民政局(牵头单位)、市卫生健康委（配合）");
  EXPECT_EQ(middle.lead, (Names{"市民政局"}));
  EXPECT_EQ(middle.support, (Names{"市财政局", "市卫生健康委"}));
  const Units traditional = units_of("市民政局（牽頭）、市財政局");
  EXPECT_EQ(traditional.lead, (Names{"市民政局"}));
  EXPECT_EQ(traditional.support, (Names{"市財政局"}));
  // 分别牵头 in brackets speaks for every name of its clause.
  const Units both = units_of("市教育局、市卫生健康委（分别牵头），市财政局配合");
  EXPECT_EQ(both.lead, (Names{"市教育局", "市卫生健康委"}));
  EXPECT_EQ(both.support, (Names{"市财政局"}));
  // A bracket that names no role stays part of the name.
  const Units part = units_of("市民政局牵头，各县（市、区）人民政府、市残联（市残疾人联合会）");
  EXPECT_EQ(part.implementers, (Names{"各县（市、区）人民政府"}));
  EXPECT_EQ(part.support, (Names{"市残联（市残疾人联合会）"}));
}

TEST(UnitRoles, ByTheirDutiesIsResponsibleForEveryNameListed) {
  // 按职责分工负责 / 分别负责 after a list: each is responsible; they lead
  // unless a lead is named (the word 负责 alone was cut off the last name).
  const Units alone = units_of("省市场监管局、省发展改革委、省财政厅按职责分工负责");
  EXPECT_EQ(alone.lead, (Names{"省市场监管局", "省发展改革委", "省财政厅"}));
  const Units with_lead = units_of("省民政厅牵头，省财政厅、省卫生健康委分别负责");
  EXPECT_EQ(with_lead.lead, (Names{"省民政厅"}));
  EXPECT_EQ(with_lead.support, (Names{"省财政厅", "省卫生健康委"}));
  const Units bracketed = units_of("省财政厅、省卫生健康委（按职责分工负责）");
  EXPECT_EQ(bracketed.lead, (Names{"省财政厅", "省卫生健康委"}));
}

TEST(UnitRoles, ResponsibleSupportsWhenALeadIsNamedAndLeadsOtherwise) {
  const Units with_lead = units_of("牵头单位：州民政局；责任单位：州财政局、州卫生健康委等");
  EXPECT_EQ(with_lead.lead, (Names{"州民政局"}));
  EXPECT_EQ(with_lead.support, (Names{"州财政局", "州卫生健康委等"}));  // 等 kept
  const Units alone = units_of("责任单位：州财政局、州卫生健康委");
  EXPECT_EQ(alone.lead, (Names{"州财政局", "州卫生健康委"}));
  EXPECT_TRUE(alone.support.empty());
}

TEST(UnitRoles, SeveralLeadsBySeparately) {
  const Units u = units_of("州教育体育局、州卫生健康委分别牵头，州财政局配合");
  EXPECT_EQ(u.lead, (Names{"州教育体育局", "州卫生健康委"}));
  EXPECT_EQ(u.support, (Names{"州财政局"}));
}

TEST(UnitRoles, ImplementerShapes) {
  const Units u = units_of("州民政局牵头，各县（市、区）政府、各乡镇（街道）");
  EXPECT_EQ(u.lead, (Names{"州民政局"}));
  EXPECT_EQ(u.implementers, (Names{"各县（市、区）政府", "各乡镇（街道）"}));
}

TEST(UnitRoles, FirstListedConvention) {
  UnitConventions c;
  c.first_listed_leads = true;
  Units u;
  u.text = "州发展改革委、州财政局、各县市人民政府";
  analyse_units(u, c);
  EXPECT_EQ(u.lead, (Names{"州发展改革委"}));
  EXPECT_EQ(u.support, (Names{"州财政局"}));
  EXPECT_EQ(u.implementers, (Names{"各县市人民政府"}));
  // Explicit role words still win.
  u.text = "州财政局、州统计局分别牵头";
  analyse_units(u, c);
  EXPECT_EQ(u.lead, (Names{"州财政局", "州统计局"}));
}

TEST(UnitRoles, ConventionNoteIsNotAUnit) {
  EXPECT_TRUE(states_first_listed_convention("（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）"));
  UnitConventions c;
  c.first_listed_leads = true;
  Units u;
  u.text = "州发展改革委、州财政局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）";
  analyse_units(u, c);
  EXPECT_EQ(u.lead, (Names{"州发展改革委"}));
  EXPECT_EQ(u.support, (Names{"州财政局"}));
}

TEST(UnitRoles, TraditionalRoleWordsMatchNamesStayAsPrinted) {
  const Units u = units_of("牽頭單位：州民政局；配合單位：州財政局、各縣（市、區）政府");
  EXPECT_EQ(u.lead, (Names{"州民政局"}));
  EXPECT_EQ(u.support, (Names{"州財政局"}));
  EXPECT_EQ(u.implementers, (Names{"各縣（市、區）政府"}));
  const Units s = units_of("州教育局牽頭，州財政局配合");
  EXPECT_EQ(s.lead, (Names{"州教育局"}));
  EXPECT_EQ(s.support, (Names{"州財政局"}));
}

TEST(UnitRoles, TraditionalImplementersByEitherShape) {
  // Names of a folded clause are screened before they are folded themselves:
  // an implementer starts with 各 or ends with 人民政府, and folding writes
  // neither character (TextFold.FoldAddsNoneOfWhatNoRuleWrites).
  const Units u = units_of("牽頭單位：縣財政局；配合單位：各鄉鎮（街道）、縣人民政府、縣稅務局");
  EXPECT_EQ(u.lead, (Names{"縣財政局"}));
  EXPECT_EQ(u.support, (Names{"縣稅務局"}));
  EXPECT_EQ(u.implementers, (Names{"各鄉鎮（街道）", "縣人民政府"}));
}

TEST(UnitRoles, SimplifiedKeyBeforeTraditionalNamesStillFoldsTheNames) {
  // The key matches as printed, but a role word after the names only folded
  // (分別牵头 is 分别牵头, not 牵头 after a name ending in 分別).
  const Units u = units_of("责任单位：州民政局、州財政局分別牵头");
  EXPECT_EQ(u.lead, (Names{"州民政局", "州財政局"}));
  const Units w = units_of("牵头单位　：州民政局；配合单位 ：各縣（市、區）政府");  // wide and narrow spaces
  EXPECT_EQ(w.lead, (Names{"州民政局"}));
  EXPECT_EQ(w.implementers, (Names{"各縣（市、區）政府"}));
}

namespace {
// The enumeration rule as first written: markers 一是, 二是 … found in order
// with string_view::find, each only at the start or right after 。/；/;.
std::vector<std::string> reference_items(std::string_view text) {
  static const char* const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  auto marker = [](int n) {
    std::string s;
    if (n / 10 > 1) s += digits[n / 10];
    if (n >= 10) s += "十";
    s += digits[n % 10];
    return s + "是";
  };
  auto boundary = [&](std::size_t p) {
    const std::string_view before = text.substr(0, p);
    return p == 0 || ends_with(before, "。") || ends_with(before, "；") || ends_with(before, ";");
  };
  std::vector<std::pair<std::size_t, std::size_t>> found;
  std::size_t from = 0;
  for (int n = 1; n <= 99; ++n) {
    const std::string m = marker(n);
    std::size_t p = text.find(m, from);
    while (p != std::string_view::npos && !boundary(p)) p = text.find(m, p + 1);
    if (p == std::string_view::npos) break;
    found.emplace_back(p, m.size());
    from = p + m.size();
  }
  std::vector<std::string> items;
  if (found.size() < 2) {
    if (!trim(text).empty()) items.emplace_back(trim(text));
    return items;
  }
  if (auto lead = trim(text.substr(0, found[0].first)); !lead.empty()) items.emplace_back(lead);
  for (std::size_t k = 0; k < found.size(); ++k) {
    const std::size_t b = found[k].first + found[k].second;
    const std::size_t e = k + 1 < found.size() ? found[k + 1].first : text.size();
    if (auto item = trim(text.substr(b, e - b)); !item.empty()) items.emplace_back(item);
  }
  return items;
}
}  // namespace

TEST(Items, AgreeWithTheRuleOnLongRandomTexts) {
  // Long enough for the 16-byte separator search; markers in and out of
  // sequence, at boundaries and in mid sentence, next to other punctuation.
  const std::string_view pieces[] = {"一是", "二是", "三是", "四是", "十是", "十一是", "统一是", "是", "。", "；",
                                     ";",    "，",   "、",   "任务", "完善", "机制",   " ",      "（", "）", "ab"};
  std::uint32_t seed = 11;
  auto next = [&] { return seed = seed * 1103515245u + 12345u; };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int len = static_cast<int>(next() % 40);
    for (int k = 0; k < len; ++k) text += pieces[(next() >> 8) % 20];
    ASSERT_EQ(item_texts(text), reference_items(text)) << text;
  }
}

TEST(UnitsShape, OrganisationEndingsAsTheWordList) {
  // The ending test decides on the last character; the list it stands for:
  const std::vector<std::string> endings = {"局", "委",   "办",     "院",   "厅",   "部",   "会",   "室",   "处",
                                            "所", "站",   "中心",   "政府", "公司", "集团", "联",   "队",   "馆",
                                            "校", "行",   "署",     "社",   "团",   "街道", "乡镇", "单位", "部门",
                                            "等", "法院", "检察院", "分局", "）",   ")"};
  auto by_list = [&](std::string_view name) {
    for (const auto& e : endings)
      if (name.size() >= e.size() && name.substr(name.size() - e.size()) == e) return true;
    return false;
  };
  // Names built from the endings' characters, their neighbours and other
  // 1-4 byte characters, so that near misses (心 without 中, 府 after 市) occur.
  std::vector<std::string> pieces = {"中",    "心", "政", "府", "公", "司", "街", "道", "乡", "镇", "单",
                                     "位",    "部", "门", "州", "市", "县", "（", "(",  "a",  "é",  "\xF0\xA0\x80\x80",
                                     "\u3000"};
  for (const auto& e : endings) pieces.push_back(e);
  std::mt19937 rng(7);
  std::size_t yes = 0;
  for (int k = 0; k < 100000; ++k) {
    const std::string name = test::random_text(rng, pieces, 6);
    ASSERT_EQ(ends_like_an_organisation(name), by_list(name)) << name;
    yes += by_list(name);
  }
  EXPECT_GT(yes, 20000u);
  EXPECT_LT(yes, 90000u);
}

namespace {
// split_clauses as it was written before it looked only at the bytes that
// can start a separator or a bracket: every character visited in turn.
std::vector<std::string_view> reference_split_clauses(std::string_view text) {
  std::vector<std::string_view> out;
  auto part = [&](std::string_view c) {
    if (!(c = trim(c)).empty()) out.push_back(c);
  };
  auto starts = [](std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; };
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::string_view rest = text.substr(i);
    if (starts(rest, "（") || starts(rest, "(")) ++depth;
    if ((starts(rest, "）") || starts(rest, ")")) && depth > 0) --depth;
    bool matched = false;
    if (depth == 0) {
      for (std::string_view sep : {"，", "；", ",", ";"}) {
        if (starts(rest, sep)) {
          part(text.substr(start, i - start));
          i += sep.size();
          start = i;
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    const auto b = static_cast<unsigned char>(text[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }
  part(text.substr(start));
  return out;
}
}  // namespace

TEST(Clauses, SplitAgreesWithWalkingEveryCharacter) {
  // Separators and brackets of both widths, nested, next to other CJK
  // punctuation (E2 and E3 lead bytes that separate nothing), at every
  // offset of the 16-byte blocks and of the last, overlapping one.
  const std::vector<std::string> pieces = {"，",
                                           "；",
                                           ",",
                                           ";",
                                           "（",
                                           "）",
                                           "(",
                                           ")",
                                           "、",
                                           "。",
                                           "“",
                                           "”",
                                           "市",
                                           "商务局",
                                           "牵头",
                                           " ",
                                           "a",
                                           "\u3000",
                                           "\xF0\xA0\x80\x80",
                                           "é"};
  std::mt19937 rng(20261202);
  std::size_t several = 0;
  for (int k = 0; k < 50000; ++k) {
    const std::string s = test::random_text(rng, pieces, 30);
    const auto clauses = split_clauses(s);
    ASSERT_EQ(clauses, reference_split_clauses(s)) << s;
    several += clauses.size() > 2;
  }
  EXPECT_GT(several, 10000u);  // the texts do split, often
  EXPECT_EQ(split_clauses("市商务局（牵头，配合）；市财政局,各区"),
            (std::vector<std::string_view>{"市商务局（牵头，配合）", "市财政局", "各区"}));
}

TEST(UnitRoles, TheInferenceNoteNamesEveryUnitItMadeLead) {
  // Without a role word the whole first clause leads (A、B、C): the note
  // said "the first unit listed" and named only A.
  const Units three = units_of("市民政局、市财政局、市卫生健康委");
  EXPECT_EQ(three.lead.size(), 3u);
  EXPECT_EQ(inferred_role_note(three).message,
            "unit roles inferred: no role word, so the units listed first are taken as lead "
            "(市民政局、市财政局、市卫生健康委)");
  const Units one = units_of("州人力资源社会保障局，各县市人民政府");
  EXPECT_EQ(inferred_role_note(one).message,
            "unit roles inferred: no role word, so the first unit listed is taken as lead (州人力资源社会保障局)");
}

TEST(UnitRoles, ShortKeysGuidanceAndSpecificResponsibility) {
  // Probe D/E: 牵头：X / 配合：Y (printed on two lines, so glued) was one
  // lead named 牵头：X配合：Y; 具体负责 and 指导 stayed in the names.
  const Units keys = units_of("牵头：县工业园区管委会配合：县发展改革局");
  EXPECT_EQ(keys.lead, (Names{"县工业园区管委会"}));
  EXPECT_EQ(keys.support, (Names{"县发展改革局"}));
  const Units semi = units_of("牵头：县工业园区管委会；配合：县发展改革局、县财政局");
  EXPECT_EQ(semi.lead, (Names{"县工业园区管委会"}));
  EXPECT_EQ(semi.support, (Names{"县发展改革局", "县财政局"}));
  const Units specific = units_of("县自然资源局牵头，各乡镇人民政府具体负责");
  EXPECT_EQ(specific.lead, (Names{"县自然资源局"}));
  EXPECT_EQ(specific.implementers, (Names{"各乡镇人民政府"}));
  const Units guided = units_of("县民政局牵头，县财政局指导");
  EXPECT_EQ(guided.lead, (Names{"县民政局"}));
  EXPECT_EQ(guided.support, (Names{"县财政局"}));
  // A name with 牵头 or 配合 inside it is still one name.
  EXPECT_EQ(units_of("县牵头抓总办公室").lead, (Names{"县牵头抓总办公室"}));
}

// Every key and role word, printed in Traditional characters, gives the
// roles its simplified form gives (by ICU's Simplified-Traditional): the
// units' side of Columns.TraditionalFormOfEveryKeyWord.
TEST(UnitRoles, TraditionalFormOfEveryKeyAndRoleWord) {
  const char* const cells[] = {"牵头单位：县民政局；配合单位：县财政局、县审计局",
                               "责任单位：县民政局；协同配合单位：县财政局",
                               "承办单位：县民政局；协办单位：县财政局",
                               "实施单位：县民政局",
                               "责任处室：综合处；配合科室：财务科",
                               "牵头：县民政局；配合：县财政局",
                               "主办：县民政局；协办：县财政局",
                               "县民政局牵头，县财政局、县审计局按职能配合",
                               "县民政局、县财政局分别牵头，县审计局协同配合",
                               "县民政局牵头负责，县财政局参与，县审计局协助",
                               "县民政局负责落实，县财政局督促指导",
                               "县民政局具体负责，县财政局负责指导",
                               "县民政局会同县财政局负责",
                               "县民政局（牵头）、县财政局（配合）",
                               "县民政局、县财政局（按职责分工负责）",
                               "县民政局为牵头单位，县财政局为配合单位",
                               "县民政局牵头，各乡镇人民政府、各县（市、区）政府",
                               "县民政局牵头，各街道办事处"};
  for (const char* cell : cells) {
    const std::string traditional = test::to_traditional(cell);
    if (traditional.empty()) GTEST_SKIP() << "ICU has no Simplified-Traditional transliterator";
    const Units simplified = units_of(cell), printed = units_of(traditional);
    ASSERT_FALSE(simplified.lead.empty()) << cell;
    // The same names, each as printed.
    auto as_printed = [](const Names& names) {
      Names out;
      for (const auto& n : names) out.push_back(test::to_traditional(n));
      return out;
    };
    EXPECT_EQ(printed.lead, as_printed(simplified.lead)) << traditional;
    EXPECT_EQ(printed.support, as_printed(simplified.support)) << traditional;
    EXPECT_EQ(printed.implementers, as_printed(simplified.implementers)) << traditional;
  }
}

TEST(UnitRoles, OfficesTheTextLostTheGapBetween) {
  // One office a line in a units cell, or two apart by a wide space: the
  // repaired text glues them, and they were one name (probes D and E).
  const Units lines = units_of("县商务局县交通运输局");
  EXPECT_EQ(lines.lead, (Names{"县商务局", "县交通运输局"}));
  const Units keyed = units_of("牵头单位：县民政局；配合单位：县住房城乡建设局县应急管理局");
  EXPECT_EQ(keyed.support, (Names{"县住房城乡建设局", "县应急管理局"}));
  EXPECT_EQ(units_of("市发展改革委市财政局市统计局牵头").lead, (Names{"市发展改革委", "市财政局", "市统计局"}));
  EXPECT_EQ(units_of("县委办县政府办").lead, (Names{"县委办", "县政府办"}));
  // Names that hold a second place word stay whole: after a government, a
  // branch of the office before it (probe F), a first part too short.
  EXPECT_EQ(units_of("市人民政府市长热线办公室").lead, (Names{"市人民政府市长热线办公室"}));
  EXPECT_EQ(units_of("市公安局市中区分局").lead, (Names{"市公安局市中区分局"}));
  EXPECT_EQ(units_of("县委县政府督查室").lead, (Names{"县委县政府督查室"}));
  EXPECT_EQ(units_of("市人民政府办公室").lead, (Names{"市人民政府办公室"}));
  EXPECT_EQ(units_of("县市场监管局").lead, (Names{"县市场监管局"}));
  EXPECT_EQ(units_of("州人力资源社会保障局").lead, (Names{"州人力资源社会保障局"}));
}

TEST(UnitRoles, OtherOfficesKeysAndRoleWords) {
  const Units keys = units_of("牵头部门：县人社局；配合部门：县教育局、县财政局；参与单位：县工会");
  EXPECT_EQ(keys.lead, (Names{"县人社局"}));
  EXPECT_EQ(keys.support, (Names{"县教育局", "县财政局", "县工会"}));
  const Units office = units_of("牵头处室：规划处；配合处室：财务处");
  EXPECT_EQ(office.lead, (Names{"规划处"}));
  EXPECT_EQ(office.support, (Names{"财务处"}));
  // Role words were kept in the names: 由X牵头, 共同牵头, 牵头抓总, 为牵头单位, 参与, 协助.
  EXPECT_EQ(units_of("由州发展改革委牵头，州财政局配合").lead, (Names{"州发展改革委"}));
  const Units together = units_of("州发展改革委、州财政局共同牵头，州统计局配合");
  EXPECT_EQ(together.lead, (Names{"州发展改革委", "州财政局"}));
  EXPECT_EQ(units_of("州教育体育局牵头抓总").lead, (Names{"州教育体育局"}));
  const Units as = units_of("州发展改革委为牵头单位，州财政局为配合单位");
  EXPECT_EQ(as.lead, (Names{"州发展改革委"}));
  EXPECT_EQ(as.support, (Names{"州财政局"}));
  EXPECT_EQ(units_of("州卫生健康委牵头，州医保局参与").support, (Names{"州医保局"}));
  EXPECT_EQ(units_of("州民政局牵头；州残联、州财政局协助").support, (Names{"州残联", "州财政局"}));
  EXPECT_EQ(units_of("州公安局牵头，各县市人民政府负责落实").implementers, (Names{"各县市人民政府"}));
  // X会同Y: X leads, Y supports (it was one lead, the whole phrase).
  const Units with = units_of("由市发展改革委会同市财政局、市统计局负责");
  EXPECT_EQ(with.lead, (Names{"市发展改革委"}));
  EXPECT_EQ(with.support, (Names{"市财政局", "市统计局"}));
  // 各县（市）党委、政府: both implement (政府 was a support unit).
  const Units gov = units_of("州农业农村局牵头；各县（市）党委、政府");
  EXPECT_EQ(gov.implementers, (Names{"各县（市）党委", "政府"}));
  EXPECT_TRUE(gov.support.empty());
}

TEST(UnitRoles, AKeysListGoesOnPastACommaAndAPersonsKeyNamesNoUnit) {
  // 责任单位：A，B made B support while 责任单位：A、B made both lead.
  const Units comma = units_of("责任单位：县住房城乡建设局，县生态环境分局");
  EXPECT_EQ(comma.lead, (Names{"县住房城乡建设局", "县生态环境分局"}));
  EXPECT_TRUE(comma.support.empty());
  const Units two_keys = units_of("牵头单位：市民政局，市卫生健康委；配合单位：市财政局，市医保局");
  EXPECT_EQ(two_keys.lead, (Names{"市民政局", "市卫生健康委"}));
  EXPECT_EQ(two_keys.support, (Names{"市财政局", "市医保局"}));
  // A clause with a role word of its own ends the key's list.
  const Units own = units_of("牵头单位：市民政局，市财政局配合");
  EXPECT_EQ(own.lead, (Names{"市民政局"}));
  EXPECT_EQ(own.support, (Names{"市财政局"}));
  // 牵头领导：王XX副省长 in a units cell was a support unit.
  const Units person = units_of("牵头领导：王XX副省长；牵头单位：省发展改革委；配合单位：人民银行XX省分行");
  EXPECT_EQ(person.lead, (Names{"省发展改革委"}));
  EXPECT_EQ(person.support, (Names{"人民银行XX省分行"}));
}

TEST(UnitRoles, NamesInABracketWithTheirRoleWord) {
  // X（Y、Z配合）: one lead, the whole text.
  const Units u = units_of("县文化旅游局（县财政局、县住建局配合）");
  EXPECT_EQ(u.lead, (Names{"县文化旅游局"}));
  EXPECT_EQ(u.support, (Names{"县财政局", "县住建局"}));
  // A bracket that is a role alone, or names no role, is as before.
  EXPECT_EQ(units_of("市民政局（牵头）、市财政局").lead, (Names{"市民政局"}));
  EXPECT_EQ(units_of("市残联（市残疾人联合会）").lead, (Names{"市残联（市残疾人联合会）"}));
}
