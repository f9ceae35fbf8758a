# Sourced by rows_test.sh, sqlite_test.sh and postgres_test.sh: the batch and
# check helpers of batch_corpus.sh, the Python to run checks with, what the
# seed must give in either database, and a second, small document.
. "$(dirname "${BASH_SOURCE[0]}")/batch_corpus.sh"

PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3

# The seed's answers, checked by hand against its JSON, for the SQLite and the
# PostgreSQL loads alike. Lead units ranked by the tasks they lead (co-leads
# count for each): 州教育体育局 leads tasks 4-7 and co-leads 26-28 (7);
# 州卫生健康委 leads 1, 2, 12, 13, 14, 18 (6); 州人力资源社会保障局 8-11 and 17 (5).
SEED_LEADS_BY_TASKS='州教育体育局|7
州卫生健康委|6
州人力资源社会保障局|5
州民政局|4
州文化和旅游局|3'
# The first-named lead only (position 0): 州卫生健康委 comes first.
SEED_FIRST_LEADS_BY_TASKS='州卫生健康委|6
州人力资源社会保障局|5
州教育体育局|4
州民政局|4'
# The rows where 州医保局 supports: tasks 12, 13, 14 and 23 (it leads 15),
# as domain|task|row index|title|lines.
SEED_YIBAO_SUPPORTS='4|12|0|促进公立医院提质增效|402-441
4|13|0|提高基层防病治病和健康管理能力|448-476
4|14|0|提升公共卫生干预能力|482-510
7|23|0|强化残疾人福利保障|847-887'

# A list with a deadline column and two other columns (备注, 分管领导), an
# ASCII comma and quotes in a cell (CSV quoting), and a unit name with 、
# inside parentheses (not a separator). Two tasks, one row each.
write_other_doc() {
  printf '%s\n' '某县2023年重点工作任务分解清单' '' \
    '序号 所属领域 重点任务 工作措施 责任单位 完成时限 备注 分管领导' '' \
    '1 营商环境' '' '1.推进企业开办便利化' '' '压缩开办时间,"一网通办"。' '' \
    '县市场监管局牵头，县公安局、县税务局（含A、B）配合' '' '2023年6月底前' '' '按季度报送' '' '张三' '' \
    '2.优化纳税服务' '' '推行非接触式办税。' '' '县税务局' '' '2023年底前' '' '无' '' '李四' >"$1"
}

# Two columns of one role (two years' targets): the second one's cells go to
# "other", keyed by its label.
write_two_targets_doc() {
  printf '%s\n' '某县2024年重点工作任务清单' '序号 重点任务 2024年工作目标 2025年工作目标 责任单位' '' \
    '1.推进企业开办便利化。' '' '压缩至1个工作日。' '' '全程网上办。' '' '县市场监管局牵头' >"$1"
}

# A numbered list without a header row, two heading levels: tasks under
# sections (（一）营商环境) under domains (一、深化改革); the last task has none.
write_section_doc() {
  printf '%s\n' '某县2024年重点工作任务清单' '' '一、深化改革' '（一）营商环境' \
    '1.推进企业开办便利化，压缩开办时间。（县市场监管局牵头，县公安局配合）' \
    '2.优化纳税服务，推行非接触式办税。（县税务局）' '（二）要素保障' \
    '3.保障重点项目用地需求。（县自然资源局牵头，县发展改革局配合）' '二、民生保障' '4.提升养老服务能力。（县民政局）' >"$1"
}
