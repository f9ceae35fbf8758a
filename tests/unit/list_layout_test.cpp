// Documents that are not tables: numbered items with key-value or inline units.
#include <gtest/gtest.h>

#include "qingdan/qingdan.hpp"
#include "test_util.hpp"

using namespace qingdan;
using qingdan::test::find_task;
using qingdan::test::lines_of;
using qingdan::test::task_count;
using Names = std::vector<std::string>;

namespace {
ParseResult ok_parse(const std::string& text) {
  ParseResult r = parse(text);
  EXPECT_TRUE(r) << r.error.message;
  return r;
}
bool has_diag(const Document& d, Severity s, std::uint32_t line) {
  for (const auto& x : d.diagnostics)
    if (x.severity == s && x.line == line) return true;
  return false;
}
}  // namespace

TEST(ListLayout, KeyValueItems) {
  const ParseResult r = ok_parse(lines_of({
      "某州2023年重点工作任务分工方案",                   // 1
      "",                                                 // 2
      "1.推进企业开办便利化。压缩开办时间至1个工作日。",  // 3
      "牵头单位：州市场监管局",                           // 4
      "配合单位：州公安局、州税务局",                     // 5
      "完成时限：2023年6月底前",                          // 6
      "2.优化纳税服务。",                                 // 7
      "推行非接触式办税。",                               // 8
      "责任单位：州税务局",                               // 9
  }));
  const Document& d = r.document;
  EXPECT_EQ(d.title, "某州2023年重点工作任务分工方案");
  ASSERT_EQ(task_count(d), 2u);
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_FALSE(d.domains[0].seq.has_value());
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->title, "推进企业开办便利化");
  const Row& r1 = t1->rows.at(0);
  EXPECT_EQ(r1.measures->text, "压缩开办时间至1个工作日。");
  EXPECT_EQ(r1.units->lead, (Names{"州市场监管局"}));
  EXPECT_EQ(r1.units->support, (Names{"州公安局", "州税务局"}));
  EXPECT_EQ(r1.units->lines, (LineSpan{4, 5}));
  EXPECT_EQ(r1.deadline->text, "2023年6月底前");
  EXPECT_EQ(r1.deadline->lines, (LineSpan{6, 6}));
  EXPECT_EQ(t1->lines, (LineSpan{3, 6}));
  const Task* t2 = find_task(d, 2);
  EXPECT_EQ(t2->title, "优化纳税服务");
  EXPECT_EQ(t2->rows.at(0).measures->text, "推行非接触式办税。");
  EXPECT_EQ(t2->rows.at(0).units->lead, (Names{"州税务局"}));  // 责任单位 alone leads
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, KeysTheListDoesNotKnowAreKeysOfTheirOwn) {
  // A key line the list did not know was taken for the previous value
  // wrapped: the lead read 县农业农村局进度安排：2024年11月底前 (no deadline),
  // or the deadline 2024年11月底前工作要求：每月5日前报送进展情况 (date null).
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",   // 1
      "",                                 // 2
      "1.培育龙头企业5家。",              // 3
      "责任单位：县农业农村局",           // 4
      "进度安排：2024年11月底前",         // 5
      "2.新建高标准农田2万亩。",          // 6
      "牵头单位：县农业农村局",           // 7
      "完成时限：2024年11月底前",         // 8
      "工作要求：每月5日前报送进展情况",  // 9
      "3.实施农村人居环境整治。",         // 10
      "牵头单位：县住房城乡建设局",       // 11
      "考核指标：改厕1000户",             // 12
      "完成时间节点：2024年9月底前",      // 13
      "4.推进农村公路建设。",             // 14
      "责任单位：",                       // 15
      "县交通运输局：牵头",               // 16 a unit's note, not a key
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 4u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(r1.units->lead, (Names{"县农业农村局"}));
  ASSERT_TRUE(r1.deadline.has_value());
  EXPECT_EQ(r1.deadline->date, "2024-11-30");
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.deadline->text, "2024年11月底前");
  ASSERT_EQ(r2.other.size(), 1u);
  EXPECT_EQ(r2.other[0].field.text, "每月5日前报送进展情况");
  EXPECT_EQ(d.columns.at(r2.other[0].column).label, "工作要求");
  const Row& r3 = find_task(d, 3)->rows.at(0);
  EXPECT_EQ(r3.units->lead, (Names{"县住房城乡建设局"}));
  ASSERT_EQ(r3.other.size(), 1u);
  EXPECT_EQ(r3.other[0].field.text, "改厕1000户");
  EXPECT_EQ(r3.deadline->date, "2024-09-30");
  EXPECT_EQ(find_task(d, 4)->rows.at(0).units->lead, (Names{"县交通运输局"}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, UnitNotesWithTogetherWithAndGuidance) {
  // （X会同Y，…负责落实） and （…负责，Y指导） were not read as units: the
  // note stayed in the measures ("task has no units"), and a document of
  // such tasks alone failed (no numbered items with units).
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点任务分工方案",
      "",
      "1.开展招商引资行动。（县投资促进局会同县商务局，各乡镇人民政府负责落实）",
      "2.推进社区建设。（各乡镇人民政府负责，县民政局指导）",
  }));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& r1 = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(r1.units->lead, (Names{"县投资促进局"}));
  EXPECT_EQ(r1.units->support, (Names{"县商务局"}));
  EXPECT_EQ(r1.units->implementers, (Names{"各乡镇人民政府"}));
  EXPECT_FALSE(r1.measures.has_value());
  const Row& r2 = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(r2.units->support, (Names{"县民政局"}));
  EXPECT_EQ(r2.units->implementers, (Names{"各乡镇人民政府"}));
}

TEST(ListLayout, AKeySpacedOutByJustification) {
  // 牵 头 单 位：县民政局 over 配合单位：县财政局: the lead line was no key,
  // so it went to the measures and the lead was empty, silently (probe E).
  for (const auto& [lead_key, support_key] :
       {std::pair{"牵 头 单 位：", "配合单位："}, std::pair{"牵 头 单 位：", "配 合 单 位："},
        std::pair{"牵头单位：", "配 合 单 位："}}) {
    const std::string text = std::string("某县2024年重点工作任务分工方案\n\n一、推进重点工作\n1.推进社区建设。\n") +
                             lead_key + "县民政局\n" + support_key + "县财政局\n完成时限：2024年12月底前\n";
    const ParseResult r = ok_parse(text);
    const Row& row = find_task(r.document, 1)->rows.at(0);
    EXPECT_FALSE(row.measures.has_value()) << lead_key << support_key;
    EXPECT_EQ(row.units->text, "牵头单位：县民政局；配合单位：县财政局");
    EXPECT_EQ(row.units->lead, (Names{"县民政局"}));
    EXPECT_EQ(row.units->support, (Names{"县财政局"}));
  }
}

TEST(ListLayout, ANoticesNumberedParagraphsDoNotChooseTheTitle) {
  // The notice's own 一、… 二、… paragraphs made the title the notice's, and
  // the plan's title was reported as unassigned text (probe E).
  const ParseResult r = ok_parse(lines_of(
      {"关于印发某某县2024年重点任务分工方案的通知", "", "各乡镇人民政府，县直各单位：",
       "　　现将《某某县2024年重点任务分工方案》印发给你们，请认真贯彻落实。",
       "　　一、提高思想认识。各单位要切实增强责任感和紧迫感。",
       "　　二、强化跟踪问效。县政府督查室每季度通报一次进展情况。", "", "附件", "", "某某县2024年重点任务分工方案", "",
       "一、着力稳增长", "1.新增市场主体3000户以上。", "牵头单位：县市场监管局", "完成时限：2024年12月底前"}));
  EXPECT_EQ(r.document.title, "某某县2024年重点任务分工方案");
  EXPECT_EQ(r.document.title_lines, (LineSpan{10, 10}));
  ASSERT_EQ(task_count(r.document), 1u);
  EXPECT_EQ(r.document.domains.at(0).name, "着力稳增长");
}

TEST(ListLayout, KeysWithoutAColonAndANotesSentenceStop) {
  // 牵头单位 县城管局 (spaces for the colon) was no key: the whole item's key
  // lines went to the measures, and as the only task the document failed.
  // …；完成时间：2024年9月底前。 kept the note's 。 on the deadline (probe E).
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分工方案", "", "一、推进重点工作", "1.推进垃圾分类。",
                                           "牵头单位 县城管局", "配合单位　各乡镇人民政府", "完成时限 2024年11月底前",
                                           "2.健全企业诉求直通车制度。责任单位：县工商联；完成时间：2024年9月底前。"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& r1 = find_task(r.document, 1)->rows.at(0);
  EXPECT_FALSE(r1.measures.has_value());
  EXPECT_EQ(r1.units->text, "牵头单位：县城管局；配合单位：各乡镇人民政府");
  EXPECT_EQ(r1.units->lead, (Names{"县城管局"}));
  EXPECT_EQ(r1.units->implementers, (Names{"各乡镇人民政府"}));
  EXPECT_EQ(r1.deadline->date, "2024-11-30");
  const Row& r2 = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(r2.deadline->text, "2024年9月底前");
  EXPECT_EQ(r2.units->lead, (Names{"县工商联"}));
}

TEST(ListLayout, TasksNumberedYiShiEachWithItsUnitsNote) {
  // 一是…（X牵头；date） 二是… under 一、 headings: the headings vanished
  // into the titles, two tasks merged and the first's units and deadline
  // were lost (probe E). A 一是 line that closes with its own units note is
  // an item; 一是 … 二是 … inside a task's text stay its measures.
  const ParseResult r =
      ok_parse(lines_of({"某县2024年重点工作任务分工方案", "", "一、推进文旅融合",
                         "一是创建4A级景区1个。（县文旅局牵头；2024年12月底前）",
                         "二是举办节庆活动5场次。（县文旅局牵头，县财政局配合；2024年10月底前）", "二、加强遗产保护",
                         "一是新建非遗工坊3个。（县文旅局牵头；2024年11月底前）"}));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].name, "推进文旅融合");
  ASSERT_EQ(d.domains[0].tasks.size(), 2u);
  EXPECT_EQ(d.domains[0].tasks[0].title, "创建4A级景区1个");
  EXPECT_EQ(d.domains[0].tasks[0].rows.at(0).deadline->date, "2024-12-31");
  EXPECT_EQ(d.domains[0].tasks[1].rows.at(0).units->support, (Names{"县财政局"}));
  EXPECT_EQ(d.domains[1].tasks.at(0).rows.at(0).deadline->date, "2024-11-30");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  const ParseResult measures =
      ok_parse(lines_of({"某县2024年重点工作任务分工方案", "", "一、强化安全生产", "1.压紧压实安全生产责任。",
                         "一是制定责任清单。", "二是开展专项督查。", "牵头单位：县应急管理局"}));
  ASSERT_EQ(task_count(measures.document), 1u);
  EXPECT_EQ(find_task(measures.document, 1)->rows.at(0).measures->items.size(), 2u);
  // Probe J: the task's text wrapped before 二是, the line closing with the
  // task's units note — 二是 goes on from an inline 一是, so it is no item:
  // task 1 was a preamble paragraph, its 82 characters unassigned.
  const ParseResult wrapped =
      ok_parse(lines_of({"某市2025年重点工作任务分工方案", "", "一、保障和改善民生",
                         "1.落实养老服务体系建设。一是组织片区开展专项行动，惠及群众5万人次。",
                         "二是新建示范点14个，完成投资36.5亿元。（市住房城乡建设局牵头，各街道办事处）",
                         "2.强化林长制落实。到2025年底，站点覆盖率提高到91%。（市农业农村局牵头，市供销社配合）"}));
  const Document& w = wrapped.document;
  ASSERT_EQ(task_count(w), 2u);
  const Task* first = find_task(w, 1);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->title, "落实养老服务体系建设");
  ASSERT_TRUE(first->rows.at(0).measures);
  EXPECT_EQ(first->rows.at(0).measures->items.size(), 2u);
  EXPECT_EQ(first->rows.at(0).units->lead, (Names{"市住房城乡建设局"}));
  EXPECT_EQ(w.coverage.unassigned, 0u);
  // Probe K: after a line closing with its units note, or a heading, 三是 is an
  // item whatever came before it (一是 then 三是; numbering going on under
  // the next （二）): tasks were merged, or left unassigned.
  const ParseResult skipped = ok_parse(lines_of(
      {"某市2023年重点工作任务分工方案", "", "一、着力扩大有效需求", "一是实施重大项目300个以上。（市发展改革委牵头）",
       "三是新增学位1.2万个。（市教育局牵头）", "四是新增托位2000个。（市卫生健康委牵头）"}));
  EXPECT_EQ(task_count(skipped.document), 3u);
  const ParseResult across = ok_parse(lines_of(
      {"某市2023年重点工作任务分工方案", "", "一、着力扩大有效需求", "（一）扩大有效投资",
       "一是实施重大项目300个以上。（市发展改革委牵头）", "二是新增学位1.2万个。（市教育局牵头）", "（二）推动消费恢复",
       "三是新增托位2000个。（市卫生健康委牵头）", "四是推进城市更新项目20个。（市自然资源规划局牵头）"}));
  EXPECT_EQ(task_count(across.document), 4u);
  EXPECT_EQ(across.document.coverage.unassigned, 0u);
}

TEST(ListLayout, TodaysRulesDoNotFireOnOrdinaryText) {
  // Probe F: the rules of this session's fixes, where they must not fire.
  const ParseResult r = ok_parse(lines_of({"某县2024年重点工作任务分工方案",
                                           "",
                                           "一、交通建设",
                                           "1.加快推进某某高速公路建设，力争实现",
                                           "第一条高速公路零的突破。",  // text, not an article
                                           "牵头单位：县交通运输局",
                                           "完成时限：2024年12月底前",
                                           "报送时间：每季度末",  // a schedule: other
                                           "2.对照上年任务清单及",
                                           "附件",
                                           "所列事项逐项销号。",  // 附件 inside the text
                                           "牵头单位：县政府督查室",
                                           "进度安排：3月底前制定方案",
                                           "完成时限：2024年6月底前",  // 完成时限 wins
                                           "3.开展高素质农民培训500人次。（含田间技术指导）",
                                           "牵头单位：县农业农村局",
                                           "4.落实创业担保贷款贴息政策。（具体办法由县财政局会同县人社局另行制定）",
                                           "牵头单位：县人力资源社会保障局",
                                           "配合单位：县财政局",
                                           "其中：县税务局负责发票申领环节",  // the support's list going on
                                           "5.开展城市环境综合整治。",
                                           "责任单位 要建立问题清单，逐项销号。",  // a sentence, no key
                                           "牵头单位 县城管局"}));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 5u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(find_task(d, 1)->title, "加快推进某某高速公路建设，力争实现第一条高速公路零的突破");
  EXPECT_EQ(r1.deadline->text, "2024年12月底前");
  ASSERT_EQ(r1.other.size(), 1u);
  EXPECT_EQ(r1.other[0].field.text, "每季度末");
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_NE(find_task(d, 2)->title.find("附件所列事项"), std::string::npos);
  EXPECT_EQ(r2.deadline->text, "2024年6月底前");
  ASSERT_EQ(r2.other.size(), 1u);
  EXPECT_EQ(r2.other[0].field.text, "3月底前制定方案");
  EXPECT_EQ(find_task(d, 3)->rows.at(0).units->support, (Names{}));
  ASSERT_TRUE(find_task(d, 3)->rows.at(0).measures.has_value());
  EXPECT_EQ(find_task(d, 3)->rows.at(0).measures->text, "（含田间技术指导）");
  const Row& r4 = find_task(d, 4)->rows.at(0);
  EXPECT_EQ(r4.units->lead, (Names{"县人力资源社会保障局"}));
  EXPECT_TRUE(r4.other.empty());
  const Row& r5 = find_task(d, 5)->rows.at(0);
  EXPECT_EQ(r5.units->lead, (Names{"县城管局"}));
  EXPECT_TRUE(r5.units->support.empty());
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, ARowsLinesCoverItsOtherFields) {
  // 备注：… under the deadline line lay outside its row's and task's lines
  // (the fuzzer's span property, on this session's seed).
  const ParseResult r = ok_parse(lines_of({"某县2024年重点任务分工方案", "", "1.推进企业开办。",
                                           "牵头单位：县市场监管局", "完成时限：2024年6月底前", "备注：按月报送"}));
  const Task* t = find_task(r.document, 1);
  ASSERT_EQ(t->rows.at(0).other.size(), 1u);
  EXPECT_EQ(t->rows[0].other[0].field.lines, (LineSpan{6, 6}));
  EXPECT_EQ(t->rows[0].lines, (LineSpan{3, 6}));
  EXPECT_EQ(t->lines, (LineSpan{3, 6}));
}

TEST(ListLayout, ShortSubItemsWithoutAStopStayTheTasks) {
  // （1）城区新建120个 / （2）乡镇新建80个 (no 。) under a task read like
  // headings: the task was lost, its key lines unassigned, and the next
  // task put in a section named 乡镇新建80个 (probe F; older than this session).
  const ParseResult r = ok_parse(lines_of(
      {"某县2024年重点工作任务分工方案", "", "一、加快数字基础设施建设", "1.推进5G网络建设，年内新建5G基站200个",
       "（1）城区新建120个", "（2）乡镇新建80个", "牵头单位：县工业和信息化局", "完成时限：2024年底前",
       "2.推进数据中心建设。", "牵头单位：县工业和信息化局", "完成时限：2024年底前"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Task* t1 = find_task(r.document, 1);
  EXPECT_NE(t1->title.find("（2）乡镇新建80个"), std::string::npos);
  EXPECT_EQ(t1->rows.at(0).units->lead, (Names{"县工业和信息化局"}));
  EXPECT_FALSE(find_task(r.document, 2)->section.has_value());
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
  // A heading-like （1） with no units in its run after a task without key
  // lines is a heading level after all (probe H).
  const ParseResult h = ok_parse(lines_of(
      {"某县2024年重点任务分工方案", "", "一、持续优化营商环境", "1.推进企业开办全程网上办，压缩至1个工作日以内。",
       "牵头单位：县市场监管局", "完成时限：2024年6月底前", "2.推行告知承诺制，压减审批环节。", "（1）提升监管效能",
       "3.推进跨部门综合监管。", "牵头单位：县市场监管局", "完成时限：2024年12月底前"}));
  const Task* t3 = find_task(h.document, 3);
  ASSERT_TRUE(t3);
  ASSERT_TRUE(t3->section.has_value());
  EXPECT_EQ(t3->section->name, "提升监管效能");
}

TEST(ListLayout, PartsOfThePlanAboveTheDomains) {
  // 第一部分 / 第二部分 over 一、 domains: the first part was unassigned text
  // and the second glued onto the deadline above it (2024年底前第二部分民生保障,
  // its date lost). Parts are the outermost heading level like any other
  // numbering style: the domains, and 一、 their sections.
  const std::vector<std::string> lines = {
      "某县2024年重点任务分工方案",  // 1
      "",                            // 2
      "第一部分 经济发展",           // 3
      "一、持续优化营商环境",        // 4
      "1.推进企业开办全程网上办。",  // 5
      "牵头单位：县市场监管局",      // 6
      "完成时限：2024年6月底前",     // 7
      "2.深化工程建设项目审批制度改革。",
      "牵头单位：县住房城乡建设局",  // 9
      "完成时限：2024年底前",        // 10
      "第二部分：民生保障",          // 11
      "二、稳定和扩大就业",          // 12
      "3.实施高校毕业生就业促进行动。",
      "牵头单位：县人力资源社会保障局",
      "完成时限：2024年12月31日前",
  };
  auto joined = [](const std::vector<std::string>& ls) {
    std::string text;
    for (const auto& l : ls) text += l + "\n";
    return text;
  };
  const ParseResult r = ok_parse(joined(lines));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].name, "经济发展");
  EXPECT_EQ(d.domains[1].seq, 2);
  EXPECT_EQ(d.domains[1].name, "民生保障");
  const Task* t2 = find_task(d, 2);
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->rows.at(0).deadline->text, "2024年底前");
  EXPECT_EQ(t2->rows.at(0).deadline->date, "2024-12-31");
  ASSERT_TRUE(find_task(d, 3)->section.has_value());
  EXPECT_EQ(find_task(d, 3)->section->name, "稳定和扩大就业");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  // Items numbered 第一条 第二条 are tasks like 1. 2. (the document failed:
  // no numbered items with units).
  const ParseResult articles = ok_parse(lines_of(
      {"某市2024年政务公开工作要点任务分工", "", "第一条 深化决策公开。完善目录管理。", "牵头单位：市政府办公室",
       "完成时限：2024年6月底前", "第二条 加强政策解读。", "牵头单位：市政府办公室", "完成时限：长期坚持"}));
  ASSERT_EQ(task_count(articles.document), 2u);
  EXPECT_EQ(find_task(articles.document, 1)->title, "深化决策公开");
  EXPECT_EQ(find_task(articles.document, 2)->rows.at(0).units->lead, (Names{"市政府办公室"}));
  // Parts alone are the domains.
  std::vector<std::string> parts_only;
  for (const auto& l : lines)
    if (l.rfind("一、", 0) != 0 && l.rfind("二、", 0) != 0) parts_only.push_back(l);
  const ParseResult p = ok_parse(joined(parts_only));
  ASSERT_EQ(p.document.domains.size(), 2u);
  EXPECT_EQ(p.document.domains[1].name, "民生保障");
  EXPECT_EQ(find_task(p.document, 2)->rows.at(0).deadline->text, "2024年底前");
  EXPECT_EQ(p.document.coverage.unassigned, 0u);
}

// A closing parenthesis that names no units is part of the task's text, not
// cut off with it (it was lost before 2026-12-01).
TEST(ListLayout, ClosingBracketWithoutUnitsStaysInTheText) {
  const ParseResult r = ok_parse(lines_of({
      "某市2023年重点工作任务分工",                            // 1
      "",                                                      // 2
      "一、扩大有效需求",                                      // 3
      "1.开展消费活动。推进城市更新（二期）",                  // 4
      "牵头单位：市商务局",                                    // 5
      "2.建设轨道交通（一期）",                                // 6
      "牵头单位：市交通运输局",                                // 7
      "3.培育夜间经济集聚区。打造特色街区。（市商务局牵头）",  // 8
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 3u);
  EXPECT_EQ(find_task(d, 1)->rows.at(0).measures->text, "推进城市更新（二期）");
  EXPECT_EQ(find_task(d, 2)->title, "建设轨道交通（一期）");
  const Row& r3 = find_task(d, 3)->rows.at(0);
  EXPECT_EQ(r3.measures->text, "打造特色街区。");
  EXPECT_EQ(r3.units->lead, (Names{"市商务局"}));
}

// The closing note is found by walking back over the bytes to its opening
// bracket: ASCII and full-width brackets, nested either way, pair up as
// characters would.
TEST(ListLayout, InlineUnitsInAsciiAndMixedBrackets) {
  const ParseResult r = ok_parse(lines_of({
      "某市2023年重点工作任务分工",                                                    // 1
      "",                                                                              // 2
      "一、扩大有效投资",                                                              // 3
      "1.建设轨道交通(二期)。加快施工。(市交通运输局牵头,各区(县)政府)",               // 4
      "2.推进城市更新（一期）。完善配套。（市住房城乡建设局牵头，各区(县)人民政府）",  // 5
      "3.建设物流园区(一期)。完善冷链。(市商务局、市发展改革委)",                      // 6
      "4.推进老旧小区改造。加装电梯。(含(二期)工程)",                                  // 7
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 4u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(find_task(d, 1)->title, "建设轨道交通(二期)");
  EXPECT_EQ(r1.measures->text, "加快施工。");
  EXPECT_EQ(r1.units->lead, (Names{"市交通运输局"}));
  EXPECT_EQ(r1.units->implementers, (Names{"各区(县)政府"}));
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(find_task(d, 2)->title, "推进城市更新（一期）");
  EXPECT_EQ(r2.units->lead, (Names{"市住房城乡建设局"}));
  EXPECT_EQ(r2.units->implementers, (Names{"各区(县)人民政府"}));
  const Row& r3 = find_task(d, 3)->rows.at(0);
  EXPECT_EQ(r3.measures->text, "完善冷链。");
  EXPECT_EQ(r3.units->text, "市商务局、市发展改革委");
  // A closing note that names no units stays in the text, nested brackets and all.
  const Row& r4 = find_task(d, 4)->rows.at(0);
  EXPECT_EQ(r4.measures->text, "加装电梯。(含(二期)工程)");
  EXPECT_FALSE(r4.units.has_value() && !r4.units->text.empty());
}

TEST(ListLayout, InlineUnitsUnderTwoHeadingLevels) {
  const ParseResult r = ok_parse(lines_of({
      "关于印发2023年政府工作报告重点任务分工的通知",                                                // 1
      "",                                                                                            // 2
      "一、优化营商环境",                                                                            // 3
      "（一）深化改革",                                                                              // 4
      "1.推进政务服务（含“一网通办”）标准化。全面推行清单管理。（州政务服务局牵头，州发展改革委、",  // 5
      "州司法局配合）",                                                                              // 6
      "2.完善信用体系。（牵头单位：州发展改革委；配合单位：州人民银行等）",                          // 7
      "二、保障民生",                                                                                // 8
      "（二）稳定就业",                                                                              // 9
      "3.落实稳岗政策。（州人力资源社会保障局、州财政局分别牵头，各县（市、区）政府）",              // 10
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].seq, 1);
  EXPECT_EQ(d.domains[0].name, "优化营商环境");
  EXPECT_EQ(d.domains[1].name, "保障民生");
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  ASSERT_TRUE(t1->section.has_value());
  EXPECT_EQ(t1->section->seq, 1);
  EXPECT_EQ(t1->section->name, "深化改革");
  EXPECT_EQ(t1->title, "推进政务服务（含“一网通办”）标准化");  // its own parentheses stay
  EXPECT_EQ(t1->rows[0].measures->text, "全面推行清单管理。");
  EXPECT_EQ(t1->rows[0].units->lead, (Names{"州政务服务局"}));
  EXPECT_EQ(t1->rows[0].units->support, (Names{"州发展改革委", "州司法局"}));
  EXPECT_EQ(t1->lines, (LineSpan{5, 6}));
  const Task* t2 = find_task(d, 2);
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->rows[0].units->lead, (Names{"州发展改革委"}));
  EXPECT_EQ(t2->rows[0].units->support, (Names{"州人民银行等"}));
  const Task* t3 = find_task(d, 3);
  ASSERT_TRUE(t3);
  EXPECT_EQ(t3->section->name, "稳定就业");
  EXPECT_EQ(t3->rows[0].units->lead, (Names{"州人力资源社会保障局", "州财政局"}));
  EXPECT_EQ(t3->rows[0].units->implementers, (Names{"各县（市、区）政府"}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, PreambleNumberedParagraphsAreDecoys) {
  const ParseResult r = ok_parse(lines_of({
      "某县重点任务清单",                              // 1
      "",                                              // 2
      "1.各乡镇要高度重视，认真组织实施。",            // 3  decoy: no units
      "2.请于每月5日前报送进展情况。",                 // 4  decoy
      "",                                              // 5
      "（一）任务一。（县发展改革局牵头）",            // 6
      "（二）任务二。（县财政局牵头，县审计局配合）",  // 7
  }));
  const Document& d = r.document;
  EXPECT_EQ(task_count(d), 2u);
  EXPECT_TRUE(find_task(d, 1));
  EXPECT_EQ(find_task(d, 1)->title, "任务一");
  EXPECT_TRUE(has_diag(d, Severity::info, 3));
  EXPECT_TRUE(has_diag(d, Severity::info, 4));
  EXPECT_GT(d.coverage.unassigned, 0u);  // the decoys are reported, not dropped silently
}

TEST(ListLayout, FirstListedConventionFromTheNote) {
  const ParseResult r = ok_parse(lines_of({
      "标题",
      "（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）",
      "1.任务甲。（州发展改革委、州财政局、各县市人民政府）",
      "2.任务乙。（州教育体育局、州卫生健康委分别牵头）",
  }));
  const Task* t1 = find_task(r.document, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->rows[0].units->lead, (Names{"州发展改革委"}));
  EXPECT_EQ(t1->rows[0].units->support, (Names{"州财政局"}));
  EXPECT_EQ(t1->rows[0].units->implementers, (Names{"各县市人民政府"}));
  EXPECT_EQ(find_task(r.document, 2)->rows[0].units->lead, (Names{"州教育体育局", "州卫生健康委"}));
}

TEST(ListLayout, FirstListedConventionOnlyBelowTheNote) {
  const ParseResult r = ok_parse(lines_of({
      "标题",
      "1.任务甲。（州发展改革委、州财政局）",
      "（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）",
      "2.任务乙。（州发展改革委、州财政局）",
  }));
  EXPECT_EQ(find_task(r.document, 1)->rows[0].units->lead, (Names{"州发展改革委", "州财政局"}));
  EXPECT_EQ(find_task(r.document, 2)->rows[0].units->lead, (Names{"州发展改革委"}));
  EXPECT_TRUE(has_diag(r.document, Severity::info, 3));  // the convention, noted where it is stated
  EXPECT_EQ(r.document.coverage.unassigned, 0u);         // the note is furniture
}

TEST(ListLayout, NumberingThatStartsHighOrJumpsWarns) {
  const ParseResult r = ok_parse(
      lines_of({"标题", "3.任务。（州民政局牵头）", "68.任务。（州民政局牵头）", "69.任务。（州民政局牵头）"}));
  EXPECT_EQ(task_count(r.document), 3u);
  EXPECT_TRUE(has_diag(r.document, Severity::warning, 2));
  EXPECT_TRUE(has_diag(r.document, Severity::warning, 3));
  EXPECT_FALSE(has_diag(r.document, Severity::warning, 4));
}

TEST(PipeLayout, WrappedCellEndingInTwoBarsKeepsItsLines) {
  // "区财政局 ||" closes a wrapped cell and adds an empty one: the wrapped
  // line is the cell's (provenance and coverage), not unassigned text.
  const ParseResult r = ok_parse(lines_of({"标题", "序号 |", "项目名称 |", "牵头单位 |", "配合单位 |", "完成时限 |",
                                           "1 |", "新建幼儿园 |", "区教育局", "区财政局 ||", "2023年 |"}));
  const Document& d = r.document;
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  ASSERT_TRUE(t1->rows[0].units);
  EXPECT_EQ(t1->rows[0].units->text, "区教育局区财政局");
  EXPECT_EQ(t1->rows[0].units->lines, (LineSpan{9, 10}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
  EXPECT_FALSE(has_diag(d, Severity::warning, 9));
}

TEST(PipeLayout, CellsEndingInBars) {
  const ParseResult r = ok_parse(lines_of({
      "某县重点任务清单",      // 1
      "序号 |",                // 2
      "重点任务 |",            // 3
      "牵头单位 |",            // 4
      "配合单位 |",            // 5
      "完成时限 |",            // 6
      "一、营商环境 |",        // 7  merged heading cell
      "1 |",                   // 8
      "推进企业开办",          // 9  a wrapped cell
      "便利化 |",              // 10
      "县市场监管局 |",        // 11
      "县公安局、县税务局 |",  // 12
      "2023年6月底前 |",       // 13
      "2 |",                   // 14
      "优化纳税服务 |",        // 15
      "县税务局 |",            // 16
      "||",                    // 17 two empty cells
      "序号 |",                // 18 the header repeated on a new page
      "重点任务 |",
      "牵头单位 |",
      "配合单位 |",
      "完成时限 |",
      "3 |",             // 23
      "落实减税降费 |",  // 24
      "县财政局 |",      // 25  a merged row: one cell fewer
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.columns.size(), 5u);
  ASSERT_EQ(d.domains.size(), 1u);
  EXPECT_EQ(d.domains[0].name, "营商环境");
  EXPECT_EQ(d.title, "某县重点任务清单");
  ASSERT_EQ(task_count(d), 3u);
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->title, "推进企业开办便利化");
  EXPECT_EQ(t1->rows[0].units->lead, (Names{"县市场监管局"}));
  EXPECT_EQ(t1->rows[0].units->support, (Names{"县公安局", "县税务局"}));
  EXPECT_EQ(t1->rows[0].deadline->text, "2023年6月底前");
  EXPECT_EQ(t1->lines, (LineSpan{8, 13}));
  const Task* t2 = find_task(d, 2);
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->rows[0].units->lead, (Names{"县税务局"}));
  EXPECT_FALSE(t2->rows[0].deadline.has_value());
  const Task* t3 = find_task(d, 3);
  ASSERT_TRUE(t3);
  EXPECT_EQ(t3->title, "落实减税降费");
  EXPECT_TRUE(has_diag(d, Severity::warning, 24));  // the merged row is reported
  EXPECT_EQ(d.coverage.unassigned, 0u);
  EXPECT_EQ(d.coverage.chars, d.coverage.in_fields + d.coverage.furniture);
}

TEST(PipeLayout, PageFootersAreFurniture) {
  // A footer line has no bar: it was taken for the first line of a wrapped
  // cell and glued onto the next one, a domain heading there then lost
  // (task 2 filed under domain 1, "第1页，共2页二、医疗养老" an extra cell).
  const ParseResult r = ok_parse(lines_of({
      "某区2024年民生实事项目任务清单",  // 1
      "序号 |",                          // 2
      "项目名称 |",                      // 3
      "牵头单位 |",                      // 4
      "完成时限 |",                      // 5
      "一、教育文化 |",                  // 6
      "1 |",                             // 7
      "建设城市书房 5 个 |",             // 8
      "区文化旅游体育局 |",              // 9
      "2024年12月底前 |",                // 10
      "第 1 页，共 3 页",                // 11
      "二、医疗养老 |",                  // 12
      "2 |",                             // 13
      "新增居家养老床位 300 张 |",       // 14
      "区民政局 |",                      // 15
      "长期坚持 |",                      // 16
      "- 2 -",                           // 17
      "序号 |",                          // 18 the header repeated on a new page
      "项目名称 |",                      // 19
      "牵头单位 |",                      // 20
      "完成时限 |",                      // 21
      "3 |",                             // 22
      "建设社区食堂 10 个 |",            // 23
      "区民政局 |",                      // 24
      "2024年底前 |",                    // 25
      "第 3 页，共 3 页",                // 26
  }));
  const Document& d = r.document;
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[1].name, "医疗养老");
  ASSERT_EQ(d.domains[1].tasks.size(), 2u);
  EXPECT_EQ(d.domains[1].tasks[0].seq, 2);
  for (const auto& dom : d.domains)
    for (const auto& t : dom.tasks) {
      EXPECT_TRUE(t.rows.at(0).other.empty()) << t.title;
      ASSERT_TRUE(t.rows.at(0).deadline) << t.title;
    }
  EXPECT_EQ(d.domains[1].tasks[1].rows[0].deadline->text, "2024年底前");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  for (const auto& x : d.diagnostics) EXPECT_NE(x.severity, Severity::warning) << x.line << " " << x.message;
  // The layout's note names the header's first line (it said line 0).
  ASSERT_FALSE(d.diagnostics.empty());
  EXPECT_EQ(d.diagnostics.front().line, 2u);
}

TEST(ListLayout, TraditionalKeysAndFullWidthColons) {
  const ParseResult r = ok_parse(
      lines_of({"標題", "1.推進改革。", "牽頭單位：州發展改革委", "配合單位:州財政局", "完成時限：2023年6月底前"}));
  const Task* t = find_task(r.document, 1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows[0].units->lead, (Names{"州發展改革委"}));
  EXPECT_EQ(t->rows[0].units->support, (Names{"州財政局"}));
  EXPECT_EQ(t->rows[0].deadline->text, "2023年6月底前");
}

TEST(ListLayout, KeysWithSpacesBeforeTheColon) {
  // A wide space folds to a space; a key is found however its colon is written.
  const ParseResult r = ok_parse(lines_of({"标题", "1.推进改革。", "牵头单位　：州发展改革委", "配合单位 :州财政局",
                                           "完成时限  ：2023年6月底前", "2.深化改革。", "牵头单位州民政局"}));
  const Task* t = find_task(r.document, 1);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->rows[0].units->lead, (Names{"州发展改革委"}));
  EXPECT_EQ(t->rows[0].units->support, (Names{"州财政局"}));
  ASSERT_TRUE(t->rows[0].deadline);
  EXPECT_EQ(t->rows[0].deadline->text, "2023年6月底前");
  // Without a colon the words are text, not a key.
  const Task* t2 = find_task(r.document, 2);
  ASSERT_TRUE(t2);
  ASSERT_EQ(t2->rows.size(), 1u);
  EXPECT_FALSE(t2->rows[0].units.has_value());
  ASSERT_TRUE(t2->rows[0].measures);
  EXPECT_EQ(t2->rows[0].measures->text, "牵头单位州民政局");
}

TEST(Deadlines, DateFromTheText) {
  const ParseResult r = ok_parse(
      lines_of({"标题", "1.甲。", "牵头单位：州民政局", "完成时限：2023年6月底前", "2.乙。", "牵头单位：州民政局",
                "完成时限：全年", "3.丙。", "牵头单位：州民政局", "完成时限：2023—2025年"}));
  EXPECT_EQ(find_task(r.document, 1)->rows[0].deadline->date, "2023-06-30");
  EXPECT_FALSE(find_task(r.document, 2)->rows[0].deadline->date.has_value());
  EXPECT_EQ(find_task(r.document, 2)->rows[0].deadline->text, "全年");
  EXPECT_EQ(find_task(r.document, 3)->rows[0].deadline->date, "2023-01-01/2025-12-31");
}

TEST(ListLayout, PageFootersAreFurnitureNotValues) {
  const ParseResult r = ok_parse(lines_of(
      {"标题", "1.甲。", "牵头单位：州民政局", "完成时限：全年", "第 1 页，共 2 页", "2.乙。", "牵头单位：州财政局"}));
  EXPECT_EQ(find_task(r.document, 1)->rows[0].deadline->text, "全年");
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
  EXPECT_GT(r.document.coverage.furniture, 0u);
}

TEST(ListLayout, UnitsByTheirDutiesCloseAFirstTask) {
  // A closing parenthesis that lists units followed by 按职责分工负责 names
  // units: the first item is a task (it was skipped as "without units"),
  // its three units lead.
  const ParseResult r = ok_parse(lines_of({
      "某省2024年优化营商环境重点任务分工方案",                                                  // 1
      "",                                                                                        // 2
      "一、规范涉企收费",                                                                        // 3
      "1.开展涉企违规收费专项整治行动。（省市场监管局、省发展改革委、省财政厅按职责分工负责）",  // 4
      "2.清理规范行业协会商会收费。（省民政厅牵头，省市场监管局配合）",                          // 5
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->title, "开展涉企违规收费专项整治行动");
  ASSERT_TRUE(t1->rows.at(0).units);
  EXPECT_EQ(t1->rows.at(0).units->lead, (Names{"省市场监管局", "省发展改革委", "省财政厅"}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, ADeadlineKeyInTheUnitsNoteIsTheDeadline) {
  // （牵头单位：X；配合单位：Y；完成时限：…）: the deadline was taken for a
  // supporting unit (support: 完成时限：2024年6月底前) and the row had none.
  const ParseResult r = ok_parse(lines_of({
      "某省2024年重点任务分工方案",                                                                             // 1
      "",                                                                                                       // 2
      "一、深化行政审批制度改革",                                                                               // 3
      "1.全面推行证明事项告知承诺制。（牵头单位：省司法厅；配合单位：省直有关部门；完成时限：2024年6月底前）",  // 4
      "2.推进高效办成一件事。（省政务服务管理局牵头，完成時限：持续推进，省大数据局配合）",                     // 5
      "3.优化涉企审批。（省发展改革委牵头；完成时限：2024年9月底前）",                                          // 6
      "完成时限：2024年12月底前",                                                                               // 7
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 3u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(r1.units->lead, (Names{"省司法厅"}));
  EXPECT_EQ(r1.units->support, (Names{"省直有关部门"}));
  EXPECT_EQ(r1.units->text, "牵头单位：省司法厅；配合单位：省直有关部门");
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->text, "2024年6月底前");
  EXPECT_EQ(r1.deadline->date, "2024-06-30");
  EXPECT_EQ(r1.deadline->lines, (LineSpan{4, 4}));
  // Traditional key, in the middle of the note.
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.units->lead, (Names{"省政务服务管理局"}));
  EXPECT_EQ(r2.units->support, (Names{"省大数据局"}));
  ASSERT_TRUE(r2.deadline);
  EXPECT_EQ(r2.deadline->text, "持续推进");
  // A deadline line under the item wins over the one in its note.
  const Row& r3 = find_task(d, 3)->rows.at(0);
  ASSERT_TRUE(r3.deadline);
  EXPECT_EQ(r3.deadline->text, "2024年12月底前");
  EXPECT_EQ(r3.units->lead, (Names{"省发展改革委"}));
  bool deadline_column = false;
  for (const Column& c : d.columns) deadline_column = deadline_column || c.role == ColumnRole::deadline;
  EXPECT_TRUE(deadline_column);
}

TEST(ListLayout, TheTitleIsThePlansNotTheNoticesPreambleOrItsConventionNote) {
  // A notice printing the plan: its title, addressees, body, signature and
  // date, then the plan's own title right above the first item.
  const ParseResult notice = ok_parse(lines_of({
      "某市人民政府办公室关于印发2023年重点任务分工方案的通知",  // 1
      "",                                                        // 2
      "各区县人民政府，市政府各部门：",                          // 3
      "经市政府同意，现将《方案》印发给你们，请认真贯彻落实。",  // 4
      "",                                                        // 5
      "某市人民政府办公室",                                      // 6
      "2023年2月20日",                                           // 7
      "",                                                        // 8
      "2023年市政府工作报告重点任务分工方案",                    // 9
      "",                                                        // 10
      "一、全力稳住经济大盘",                                    // 11
      "1.实施工业倍增计划。（牵头单位：市工业和信息化局）",      // 12
  }));
  EXPECT_EQ(notice.document.title, "2023年市政府工作报告重点任务分工方案");
  EXPECT_EQ(notice.document.title_lines, (LineSpan{9, 9}));
  EXPECT_TRUE(has_diag(notice.document, Severity::warning, 1));  // the preamble: reported, not lost
  // The convention note right above the first item is furniture, not the
  // title: the notice's title above it is.
  const ParseResult note = ok_parse(lines_of({
      "关于印发某市2023年重点工作任务分工的通知",                // 1
      "（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）",  // 2
      "一、着力扩大有效需求",                                    // 3
      "1.开展消费提振年活动。（市商务局、市财政局）",            // 4
  }));
  EXPECT_EQ(note.document.title, "关于印发某市2023年重点工作任务分工的通知");
  EXPECT_EQ(note.document.title_lines, (LineSpan{1, 1}));
  // A sentence above the first item (an item whose number was lost) is no
  // title: it is reported as text no field holds.
  const ParseResult lost = ok_parse(lines_of({
      "下乡。（市商务局、市财政局）",                              // 1
      "2.培育夜间经济集聚区。（市商务局、市文化旅游局分别牵头）",  // 2
  }));
  EXPECT_EQ(lost.document.title, "");
  EXPECT_TRUE(has_diag(lost.document, Severity::warning, 1));
}

TEST(ListLayout, ADeadlineKeyOnTheUnitsLineIsTheDeadline) {
  // 完成时限 after the unit keys on one line, with ； or only a space (which
  // repair removes) between: it was a supporting unit, the row had no deadline.
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",                                          // 1
      "1.培育壮大特色农业。",                                                    // 2
      "牵头单位：县农业农村局；配合单位：县自然资源局；完成时限：2024年上半年",  // 3
      "2.加快园区建设。",                                                        // 4
      "牵头单位：县工信局 完成时限：2024年底前",                                 // 5
      "3.推进城市更新。（县住房城乡建设局牵头 完成時限：2024年9月底前）",        // 6
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 3u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_EQ(r1.units->lead, (Names{"县农业农村局"}));
  EXPECT_EQ(r1.units->support, (Names{"县自然资源局"}));
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->date, "2024-06-30");
  EXPECT_EQ(r1.deadline->lines, (LineSpan{3, 3}));
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.units->lead, (Names{"县工信局"}));
  ASSERT_TRUE(r2.deadline);
  EXPECT_EQ(r2.deadline->text, "2024年底前");
  const Row& r3 = find_task(d, 3)->rows.at(0);
  EXPECT_EQ(r3.units->lead, (Names{"县住房城乡建设局"}));
  ASSERT_TRUE(r3.deadline);
  EXPECT_EQ(r3.deadline->date, "2024-09-30");
}

TEST(ListLayout, RemarkAndPersonKeysAreOtherFields) {
  // 备注：, 说明：, 责任人：, 牵头县领导： lines were glued onto the value above
  // them (a deadline 2024年底前备注：省级重点项目 with no date, a unit
  // 县工信局备注：新建项目).
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",  // 1
      "1.培育壮大特色农业。",            // 2
      "牵头单位：县农业农村局",          // 3
      "完成时限：2024年底前",            // 4
      "备注：省级重点项目",              // 5
      "2.加快园区建设。",                // 6
      "牵头单位：县工信局",              // 7
      "责任人：张三",                    // 8
      "牵头县领导：李四",                // 9
      "说明：新建项目",                  // 10
  }));
  const Document& d = r.document;
  const Row& r1 = find_task(d, 1)->rows.at(0);
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->date, "2024-12-31");
  ASSERT_EQ(r1.other.size(), 1u);
  EXPECT_EQ(r1.other[0].field.text, "省级重点项目");
  EXPECT_EQ(r1.other[0].field.lines, (LineSpan{5, 5}));
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.units->lead, (Names{"县工信局"}));
  ASSERT_EQ(r2.other.size(), 3u);
  EXPECT_EQ(r2.other[0].field.text, "张三");
  EXPECT_EQ(r2.other[1].field.text, "李四");
  EXPECT_EQ(r2.other[2].field.text, "新建项目");
  EXPECT_EQ(d.coverage.unassigned, 0u);
  // A column per key (they shared one, named after the first key: the rows
  // format then kept one value per row, losing the others).
  auto label_of = [&](const OtherCell& o) { return o.column < d.columns.size() ? d.columns[o.column].label : ""; };
  EXPECT_EQ(label_of(r1.other[0]), "备注");
  EXPECT_EQ(label_of(r2.other[0]), "责任人");
  EXPECT_EQ(label_of(r2.other[1]), "牵头县领导");
  EXPECT_EQ(label_of(r2.other[2]), "说明");
  for (const OtherCell* o : {&r1.other[0], &r2.other[0], &r2.other[1], &r2.other[2]})
    EXPECT_EQ(d.columns.at(o->column).role, ColumnRole::other);
}

TEST(ListLayout, TraditionalKeysStayAsPrintedInTheUnitsText) {
  // The units text joined from key-value lines wrote the simplified key
  // (牵头单位：縣市場監管局) where 牽頭單位 was printed; 說明： and 備註： were
  // no keys and were glued onto the value above.
  const ParseResult r = ok_parse(lines_of({"標題", "1.推進改革。", "牽頭單位：縣市場監管局", "配合單位:縣公安局",
                                           "完成時限：2024年12月31日前", "說明：納入年度考核"}));
  const Row& row = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(row.units->text, "牽頭單位：縣市場監管局；配合單位:縣公安局");
  EXPECT_EQ(row.units->lead, (Names{"縣市場監管局"}));
  EXPECT_EQ(row.units->support, (Names{"縣公安局"}));
  ASSERT_TRUE(row.deadline);
  EXPECT_EQ(row.deadline->date, "2024-12-31");
  ASSERT_EQ(row.other.size(), 1u);
  EXPECT_EQ(row.other[0].field.text, "納入年度考核");
}

TEST(ListLayout, AUnitParenthesisWrappedBeforeAKey) {
  // …（牵头单位：X；⏎配合单位：Y）: the second line looked like a key line, so
  // the parenthesis was split (measures （牵头单位：X；, an implementer named
  // 各乡镇人民政府）). Inside an open parenthesis it is the item's text.
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",                                           // 1
      "一、扎实推进产业发展",                                                     // 2
      "1.实施农业产业强县行动，新建高标准农田3万亩。（牵头单位：县农业农村局；",  // 3
      "配合单位：各乡镇人民政府）",                                               // 4
      "2.实施工业强县行动。（县工信局牵头，县财政局配合，",                       // 5
      "完成时限：2024年10月底前）",                                               // 6
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_FALSE(r1.measures.has_value());
  EXPECT_EQ(r1.units->lead, (Names{"县农业农村局"}));
  EXPECT_EQ(r1.units->implementers, (Names{"各乡镇人民政府"}));
  EXPECT_EQ(r1.units->lines, (LineSpan{3, 4}));
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.units->support, (Names{"县财政局"}));
  ASSERT_TRUE(r2.deadline);
  EXPECT_EQ(r2.deadline->date, "2024-10-31");
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, TheUnitsNoteWithADeadlineAndNoRoleWord) {
  // （X、Y；完成时限：…）: no role word, and the deadline clause kept the note
  // from reading like units ("task has no units", the note in measures);
  // （…配合，2024年12月底前完成）: a date without a key was a supporting unit.
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",                                                    // 1
      "一、增进民生福祉",                                                                  // 2
      "1.实施城镇老旧小区改造。（县住房城乡建设局、县财政局；完成时限：2024年11月底前）",  // 3
      "2.新增城镇就业2000人。（县人社局牵头，县财政局配合，2024年12月底前完成）",          // 4
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  const Row& r1 = find_task(d, 1)->rows.at(0);
  EXPECT_FALSE(r1.measures.has_value());
  ASSERT_TRUE(r1.units);
  EXPECT_EQ(r1.units->lead, (Names{"县住房城乡建设局", "县财政局"}));
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->date, "2024-11-30");
  const Row& r2 = find_task(d, 2)->rows.at(0);
  EXPECT_EQ(r2.units->support, (Names{"县财政局"}));
  ASSERT_TRUE(r2.deadline);
  EXPECT_EQ(r2.deadline->text, "2024年12月底前完成");
  EXPECT_EQ(r2.deadline->date, "2024-12-31");
}

TEST(ListLayout, SubItemsOnTheirOwnLinesArePartOfTheTask) {
  // （1）（2） under a task, each on its line, the task's key lines after the
  // last: the task had no units (they went to the sub-item) and the
  // sub-items were "neither a heading nor a task", reported as unassigned;
  // under the first task the task itself was dropped.
  const ParseResult r = ok_parse(lines_of({
      "某县2024年重点工作任务分工方案",             // 1
      "一、推动产业转型升级",                       // 2
      "1.加快工业园区提质增效。",                   // 3
      "（1）完善园区道路、供水等基础设施；",        // 4
      "（2）新引进规模以上工业企业10户以上。",      // 5
      "牵头单位：县工业和信息化局",                 // 6
      "完成时限：2024年12月底前",                   // 7
      "2.培育壮大特色农业。新建高标准农田2万亩。",  // 8
      "牵头单位：县农业农村局",                     // 9
  }));
  const Document& d = r.document;
  ASSERT_EQ(task_count(d), 2u);
  const Task* t1 = find_task(d, 1);
  ASSERT_TRUE(t1);
  EXPECT_EQ(t1->title, "加快工业园区提质增效");
  const Row& r1 = t1->rows.at(0);
  ASSERT_TRUE(r1.measures);
  EXPECT_EQ(r1.measures->text, "（1）完善园区道路、供水等基础设施；（2）新引进规模以上工业企业10户以上。");
  EXPECT_EQ(r1.units->lead, (Names{"县工业和信息化局"}));
  ASSERT_TRUE(r1.deadline);
  EXPECT_EQ(r1.deadline->date, "2024-12-31");
  EXPECT_EQ(t1->lines, (LineSpan{3, 7}));
  EXPECT_EQ(find_task(d, 2)->rows.at(0).units->lead, (Names{"县农业农村局"}));
  EXPECT_EQ(d.coverage.unassigned, 0u);
}

TEST(ListLayout, OtherOfficesKeys) {
  // 牵头部门 / 配合部门 / 完成期限 (and a department's 处室 keys) were glued
  // onto the value above them, or the task was dropped.
  const ParseResult r = ok_parse(
      lines_of({"XX县2024年重点任务分工方案", "1.实施高校毕业生就业促进行动。", "牵头部门：县人力资源社会保障局",
                "配合部门：县教育体育局、县财政局", "完成期限：2024年12月底前", "2.推进企业开办全程网上办。",
                "责任科室：行政审批股", "时限要求：2024年6月底前"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& one = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(one.units->lead, (Names{"县人力资源社会保障局"}));
  EXPECT_EQ(one.units->support, (Names{"县教育体育局", "县财政局"}));
  ASSERT_TRUE(one.deadline);
  EXPECT_EQ(one.deadline->text, "2024年12月底前");
  const Row& two = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(two.units->lead, (Names{"行政审批股"}));
  ASSERT_TRUE(two.deadline);
  EXPECT_EQ(two.deadline->text, "2024年6月底前");
}

TEST(ListLayout, SeveralKeysOnOneLine) {
  // 牵头领导：李XX  牵头单位：X  配合单位：Y on one line: the first key took
  // the whole line (the task lost its units and was dropped, or the leader
  // field held the units).
  const ParseResult r =
      ok_parse(lines_of({"XX镇2024年民生实事项目责任分工表", "", "1.新建镇中心幼儿园1所。",
                         "牵头领导：李XX  牵头单位：镇社会事务办  配合单位：镇财政所", "完成时限：2024年8月底前",
                         "2.改造村小运动场地3处。", "分管领导：王XX　牵头单位：镇社会事务办"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& one = find_task(r.document, 1)->rows.at(0);
  ASSERT_TRUE(one.units);
  EXPECT_EQ(one.units->lead, (Names{"镇社会事务办"}));
  EXPECT_EQ(one.units->support, (Names{"镇财政所"}));
  EXPECT_EQ(one.units->text, "牵头单位：镇社会事务办；配合单位：镇财政所");
  ASSERT_EQ(one.other.size(), 1u);
  EXPECT_EQ(one.other[0].field.text, "李XX");
  EXPECT_EQ(one.deadline->date, "2024-08-31");
  const Row& two = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(two.units->lead, (Names{"镇社会事务办"}));
  EXPECT_EQ(r.document.coverage.unassigned, 0u);
}

TEST(ListLayout, UnitsInSquareBracketsOrAsAKeyedLastSentence) {
  // 【责任单位：X】 and …。责任单位：X；完成时间：… closing an item: the
  // document failed (no task table found), or the units and deadline stayed
  // in the measures when other items had parentheses.
  const ParseResult r = ok_parse(lines_of(
      {"XX县2025年生态环境保护工作要点", "", "1.开展工业企业深度治理。【责任单位：县生态环境分局、县工业和信息化局】",
       "2.加强扬尘污染管控。〔县住房城乡建设局牵头，县城市管理局配合〕",
       "3.推进秸秆综合利用，综合利用率稳定在90%以上。责任单位：县农业农村局；完成时间：2025年底",
       "4.推进污水处理提质增效。（县住房城乡建设局牵头）"}));
  ASSERT_EQ(task_count(r.document), 4u);
  const Row& one = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(one.units->lead, (Names{"县生态环境分局", "县工业和信息化局"}));
  EXPECT_FALSE(one.measures);
  const Row& two = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(two.units->support, (Names{"县城市管理局"}));
  const Row& three = find_task(r.document, 3)->rows.at(0);
  EXPECT_EQ(find_task(r.document, 3)->title, "推进秸秆综合利用，综合利用率稳定在90%以上");
  EXPECT_EQ(three.units->lead, (Names{"县农业农村局"}));
  ASSERT_TRUE(three.deadline);
  EXPECT_EQ(three.deadline->date, "2025-12-31");
}

TEST(ListLayout, ADeadlineThatNamesNoDateInTheUnitsNote) {
  // （X牵头，Y配合；长期坚持）: 长期坚持 was a support unit.
  const ParseResult r = ok_parse(lines_of({"XX市2024年教育工作重点任务分工方案", "",
                                           "1.深化“双减”工作。（市教育局牵头，市市场监管局配合；长期坚持）",
                                           "2.消除大班额。（市教育局、市财政局按职责分工负责，持续推进）"}));
  const Row& one = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(one.units->support, (Names{"市市场监管局"}));
  ASSERT_TRUE(one.deadline);
  EXPECT_EQ(one.deadline->text, "长期坚持");
  EXPECT_FALSE(one.deadline->date);
  const Row& two = find_task(r.document, 2)->rows.at(0);
  EXPECT_EQ(two.units->lead, (Names{"市教育局", "市财政局"}));
  ASSERT_TRUE(two.deadline);
  EXPECT_EQ(two.deadline->text, "持续推进");
}

TEST(ListLayout, SubItemsThatNameTheirOwnUnitsAreRowsOfTheTask) {
  // (1)(2) under a task, each with its own key lines: (2) was text no field
  // held (or, inline, every note but the last stayed in the measures).
  const ParseResult keys =
      ok_parse(lines_of({"XX市2024年数字政府建设工作要点任务分解", "", "1.加快政务云平台建设。",
                         "（1）推进市级政务云扩容升级。", "牵头单位：市大数据局", "完成时限：2024年9月底前",
                         "（2）推动部门业务系统全部迁移上云。", "牵头单位：市政务服务中心", "配合单位：市直各部门",
                         "完成时限：2024年12月31日前", "2.完善电子政务外网。", "牵头单位：市委机要保密局"}));
  ASSERT_EQ(task_count(keys.document), 2u);
  const Task* t1 = find_task(keys.document, 1);
  EXPECT_EQ(t1->title, "加快政务云平台建设");
  ASSERT_EQ(t1->rows.size(), 2u);
  EXPECT_EQ(t1->rows[0].measures->text, "推进市级政务云扩容升级。");
  EXPECT_EQ(t1->rows[0].units->lead, (Names{"市大数据局"}));
  EXPECT_EQ(t1->rows[0].deadline->date, "2024-09-30");
  EXPECT_EQ(t1->rows[1].measures->text, "推动部门业务系统全部迁移上云。");
  EXPECT_EQ(t1->rows[1].units->support, (Names{"市直各部门"}));
  EXPECT_EQ(t1->rows[1].deadline->date, "2024-12-31");
  EXPECT_EQ(keys.document.coverage.unassigned, 0u);
  const ParseResult inline_notes =
      ok_parse(lines_of({"XX县2025年安全生产工作要点", "", "1、强化重点行业领域安全监管。",
                         "（1）开展危险化学品专项整治。（县应急管理局牵头，县公安局配合）",
                         "（2）开展道路交通隐患排查。（县公安局牵头）", "2、提升应急救援能力。（县应急管理局牵头）"}));
  const Task* first = find_task(inline_notes.document, 1);
  ASSERT_EQ(first->rows.size(), 2u);
  EXPECT_EQ(first->rows[0].units->support, (Names{"县公安局"}));
  EXPECT_EQ(first->rows[1].measures->text, "开展道路交通隐患排查。");
  EXPECT_EQ(first->rows[1].units->lead, (Names{"县公安局"}));
}

TEST(PipeLayout, ADomainColumnAndTraditionalRemarkLabels) {
  // A 所属领域 column's cells went to `other` (the tasks had no domains);
  // a Traditional 備註 label was no label (the header ended before it and
  // every row shifted).
  const ParseResult r = ok_parse(lines_of({"某區2024年為民辦實事項目清單",
                                           "序號 |",
                                           "所屬領域 |",
                                           "項目名稱 |",
                                           "責任單位 |",
                                           "備註 |",
                                           "1 |",
                                           "教育 |",
                                           "新建幼兒園3所 |",
                                           "區教育局 |",
                                           "|",
                                           "2 |",
                                           "|",
                                           "改擴建小學1所 |",
                                           "區教育局 |",
                                           "續建 |",
                                           "3 |",
                                           "衛生 |",
                                           "建設社區衛生服務中心 |",
                                           "區衛生健康局 |",
                                           "|"}));
  const Document& d = r.document;
  ASSERT_EQ(d.columns.size(), 5u);
  EXPECT_EQ(d.columns[4].role, ColumnRole::other);
  ASSERT_EQ(d.domains.size(), 2u);
  EXPECT_EQ(d.domains[0].name, "教育");
  ASSERT_EQ(d.domains[0].tasks.size(), 2u);  // the empty domain cell of row 2: the domain goes on
  EXPECT_EQ(d.domains[0].tasks[1].rows.at(0).other.at(0).field.text, "續建");
  EXPECT_EQ(d.domains[1].name, "衛生");
  EXPECT_EQ(d.domains[1].tasks.at(0).rows.at(0).units->lead, (Names{"區衛生健康局"}));
}

TEST(ListLayout, ABracketedUnitsNoteBeforeAFullStop) {
  // 【…】。 and 〔…〕。 closing an item: the document failed, or (as
  // sub-items) the note stayed in the measures.
  const ParseResult r =
      ok_parse(lines_of({"2026年民生实事项目任务分工", "",
                         "1.城乡低保标准提高至每人每月800元【区民政局牵头，区财政局配合，2026年7月底前】。",
                         "2.为困难残疾人发放补贴〔区残联牵头，区财政局配合〕。"}));
  ASSERT_EQ(task_count(r.document), 2u);
  const Row& one = find_task(r.document, 1)->rows.at(0);
  EXPECT_EQ(one.units->support, (Names{"区财政局"}));
  EXPECT_EQ(one.deadline->date, "2026-07-31");
  EXPECT_EQ(find_task(r.document, 2)->rows.at(0).units->lead, (Names{"区残联"}));
}
