// List layouts: documents that are not tables.
//
//   一、优化营商环境                               <- heading, level 1: domain
//   （一）深化改革                                 <- heading, level 2: section
//   1.推进企业开办便利化。压缩开办时间……            <- task (its units follow)
//   牵头单位：州市场监管局                          <- key-value units
//   配合单位：州公安局、州税务局
//   完成时限：2023年6月底前
//   2.任务标题。措施文字……（州发展改革委牵头，州财政局配合）  <- inline units
//
// An item is a line starting with a numbering marker plus the lines that
// continue it. The numbering style whose items carry units is the task
// style; the other styles are headings, outermost first in order of first
// appearance. Numbered paragraphs without units before the first task (a
// notice's preamble, targets) are decoys: reported, not tasks.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>

#include "bytes16.hpp"
#include "deadline.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

enum class KeyKind { units, deadline, other };
struct KvKey {
  std::string_view word;
  KeyKind kind;
  ColumnRole role;
};
constexpr KvKey kKvKeys[] = {
    {"协同配合单位", KeyKind::units, ColumnRole::units},
    {"牵头单位", KeyKind::units, ColumnRole::units},
    {"配合单位", KeyKind::units, ColumnRole::units},
    {"责任单位", KeyKind::units, ColumnRole::units},
    {"主办单位", KeyKind::units, ColumnRole::units},
    {"协办单位", KeyKind::units, ColumnRole::units},
    {"责任主体", KeyKind::units, ColumnRole::units},
    {"完成时限", KeyKind::deadline, ColumnRole::deadline},
    {"完成时间", KeyKind::deadline, ColumnRole::deadline},
    {"时间节点", KeyKind::deadline, ColumnRole::deadline},
    {"责任领导", KeyKind::other, ColumnRole::other},
    {"分管领导", KeyKind::other, ColumnRole::other},
    {"牵头领导", KeyKind::other, ColumnRole::other},
    {"牵头县领导", KeyKind::other, ColumnRole::other},
    {"牵头市领导", KeyKind::other, ColumnRole::other},
    {"联系领导", KeyKind::other, ColumnRole::other},
    {"责任人", KeyKind::other, ColumnRole::other},
    {"备注", KeyKind::other, ColumnRole::other},
    {"说明", KeyKind::other, ColumnRole::other},
    // Other offices' words for the same keys (a department's own plan
    // names its 处室 or 科室).
    {"牵头部门", KeyKind::units, ColumnRole::units},
    {"配合部门", KeyKind::units, ColumnRole::units},
    {"责任部门", KeyKind::units, ColumnRole::units},
    {"主责单位", KeyKind::units, ColumnRole::units},
    {"主责部门", KeyKind::units, ColumnRole::units},
    {"协办部门", KeyKind::units, ColumnRole::units},
    {"参与单位", KeyKind::units, ColumnRole::units},
    {"协同单位", KeyKind::units, ColumnRole::units},
    {"协作单位", KeyKind::units, ColumnRole::units},
    {"承办单位", KeyKind::units, ColumnRole::units},
    {"实施单位", KeyKind::units, ColumnRole::units},
    {"责任处室", KeyKind::units, ColumnRole::units},
    {"责任科室", KeyKind::units, ColumnRole::units},
    {"责任股室", KeyKind::units, ColumnRole::units},
    {"牵头处室", KeyKind::units, ColumnRole::units},
    {"牵头科室", KeyKind::units, ColumnRole::units},
    {"配合处室", KeyKind::units, ColumnRole::units},
    {"配合科室", KeyKind::units, ColumnRole::units},
    {"完成期限", KeyKind::deadline, ColumnRole::deadline},
    {"完成年限", KeyKind::deadline, ColumnRole::deadline},
    {"时限要求", KeyKind::deadline, ColumnRole::deadline},
    {"办结时限", KeyKind::deadline, ColumnRole::deadline},
    {"推进时限", KeyKind::deadline, ColumnRole::deadline},
    {"时间要求", KeyKind::deadline, ColumnRole::deadline},
    {"时限", KeyKind::deadline, ColumnRole::deadline},
    {"期限", KeyKind::deadline, ColumnRole::deadline},
    {"进度安排", KeyKind::deadline, ColumnRole::deadline},
    {"时间安排", KeyKind::deadline, ColumnRole::deadline},
    {"时间进度", KeyKind::deadline, ColumnRole::deadline},
    {"完成节点", KeyKind::deadline, ColumnRole::deadline},
    {"完成日期", KeyKind::deadline, ColumnRole::deadline},
    {"计划完成时间", KeyKind::deadline, ColumnRole::deadline},
    {"牵头", KeyKind::units, ColumnRole::units},  // 牵头：X / 配合：Y, the short keys
    {"配合", KeyKind::units, ColumnRole::units},
};

static_assert(kKvKeys[7].word == std::string_view("完成时限"), "the key a keyless deadline clause fills");

/// 牵头单位 县城管局 / 完成时限 2024年11月底前: the usual keys with spaces
/// instead of a colon, on a line of their own (a sentence never starts so).
const KvKey* key_without_colon(std::string_view line, std::string_view t, std::size_t& value_at) {
  // A space (or U+3000, lead byte E3) right after four characters: most lines fail here.
  if (t.size() < 4 * 3 + 2 || (t[4 * 3] != ' ' && t[4 * 3] != '\xE3')) return nullptr;
  for (const KvKey& k : kKvKeys) {
    if (k.word.size() != 4 * 3 || k.kind == KeyKind::other || !starts_with(t, k.word)) continue;
    std::size_t v = k.word.size();
    if (t[v] != ' ' && t.compare(v, 3, "\u3000") != 0) return nullptr;
    while (v < t.size() && (t[v] == ' ' || t.compare(v, 3, "\u3000") == 0)) v += t[v] == ' ' ? 1 : 3;
    if (v >= t.size()) return nullptr;
    // 责任单位 要建立问题清单…: a sentence, not a key and its value.
    const std::string_view value = t.substr(v);
    if (k.kind == KeyKind::units ? !reads_like_units(value) : !is_deadline_cell(value)) return nullptr;
    value_at = static_cast<std::size_t>(t.data() - line.data()) + v;
    return &k;
  }
  return nullptr;
}

/// "牵头单位：X" at the start of a line: the key and where the value starts.
const KvKey* match_kv(std::string_view line, std::size_t& value_at) {
  const std::string_view t = trim(line);
  // No key without a colon, and folding makes one only of ： (no rule of
  // ICU's Traditional-Simplified writes one: TextFold.RulesWriteNoColon).
  // Most lines have neither near their start: ten code points take at most
  // 40 bytes, and a line without a colon in those is given up at once.
  std::size_t colon_len = 0;
  const std::size_t colon = find_colon(t.substr(0, 10 * 4), colon_len);
  if (colon == std::string_view::npos) return key_without_colon(line, t, value_at);
  // Keys are short: a colon after the first ten code points ends none.
  if (count_code_points(t.substr(0, colon)) >= 10) return nullptr;
  // The key, spaces and colon at the start of `s`, and how many code points they take.
  auto key_at = [](std::string_view s, std::size_t& skipped) -> const KvKey* {
    for (const KvKey& k : kKvKeys) {
      if (!starts_with(s, k.word)) continue;
      std::string_view rest = s.substr(k.word.size());
      skipped = count_code_points(k.word);
      while (!rest.empty() && rest.front() == ' ') {
        rest.remove_prefix(1);
        ++skipped;
      }
      if (!starts_with(rest, ":") && !starts_with(rest, "：")) continue;  // "牵头单位" as part of a sentence
      return &k;
    }
    return nullptr;
  };
  // A simplified key as printed (the usual line) is the key its folded form
  // names: keys are simplified and no key begins another. The text up to the
  // first colon is all a key, its spaces and its colon can take (key words
  // hold no colon). Else fold the first ten code points (牽頭單位：).
  std::size_t skipped = 0;
  const KvKey* key = key_at(t.substr(0, colon + colon_len), skipped);
  if (!key) {
    std::size_t head = 0;
    for (std::size_t cps = 0; head < t.size() && cps < 10; ++cps) do
        ++head;
      while (head < t.size() && (static_cast<unsigned char>(t[head]) & 0xC0) == 0x80);
    const std::string_view printed = t.substr(0, head);
    std::string storage;
    const std::string_view folded = fold_key(printed, storage);
    if (folded.data() != printed.data()) key = key_at(folded, skipped);
  }
  if (key) {
    value_at = static_cast<std::size_t>(drop_code_points(t, skipped + 1, 0).data() - line.data());
    return key;
  }
  // A key spaced out by justification (牵 头 单 位：): the key without its spaces.
  const std::string_view head = t.substr(0, colon);
  if (head.find(' ') == std::string_view::npos) return nullptr;
  std::string squeezed;
  for (char c : head)
    if (c != ' ') squeezed.push_back(c);
  squeezed.append(t.substr(colon, colon_len));
  if (const KvKey* k = key_at(squeezed, skipped)) {
    value_at = static_cast<std::size_t>(t.data() - line.data()) + colon + colon_len;
    return k;
  }
  return nullptr;
}

bool has_role_words(std::string_view printed) {
  std::string storage;
  // The words are ideographs only: width folding cannot change a match.
  const std::string_view s = fold_traditional(printed, storage);
  for (std::string_view w : {"牵头", "配合", "责任单位", "主办", "协办"})
    if (s.find(w) != std::string_view::npos) return true;
  // （X会同Y，…）: 会同 between two offices, the note ending with an office
  // or a role word (…另行制定 is a sentence); （…，Y指导）: an office before 指导
  // (（含田间技术指导） is none).
  auto ends_like_units = [](std::string_view t) {
    for (std::string_view w : {"负责落实", "具体负责", "负责", "牵头", "配合"})
      if (ends_with(t, w)) return true;
    return ends_like_an_organisation(t);
  };
  if (s.find("会同") != std::string_view::npos && ends_like_units(s)) return true;
  if (ends_with(s, "指导") && ends_like_an_organisation(s.substr(0, s.size() - std::string_view("指导").size())))
    return true;
  if (s.find("负责") == std::string_view::npos) return false;
  return ends_with(s, "负责") || ends_with(s, "负责落实") || s.find("分工负责") != std::string_view::npos ||
         s.find("分别负责") != std::string_view::npos;
}

/// The parenthesis that closes `text` (ignoring a final 。), if it names
/// units: its content and the text before its opening bracket. `before` and
/// `units` are left alone otherwise (a closing （二期） is part of the text).
bool take_deadline_clause(std::string_view units, const KvKey*& key, std::string_view& value, std::string& rest);

/// A closing parenthesis names units when it has a role word, or reads like
/// a unit list, with its deadline clause taken out (（X、Y；完成时限：…）).
bool names_units(std::string_view inside) {
  if (has_role_words(inside) || reads_like_units(inside)) return true;
  const KvKey* key = nullptr;
  std::string_view value;
  std::string rest;
  return take_deadline_clause(inside, key, value, rest) && !rest.empty() && reads_like_units(rest);
}

/// The units an item closes with in other ways: in 【】 or 〔〕 brackets, or
/// as its last sentence, unbracketed, starting with a units key
/// (…以上。责任单位：X；完成时间：2025年底).
bool split_other_inline_units(std::string_view t, std::string_view& before, std::string_view& units) {
  const std::string_view whole = t;
  if (ends_with(t, "。")) t = trim(t.substr(0, t.size() - 3));  // 【…】。
  for (const auto& [open, close] : {std::pair<std::string_view, std::string_view>{"【", "】"}, {"〔", "〕"}}) {
    if (!ends_with(t, close)) continue;
    const std::size_t at = t.rfind(open);
    if (at == std::string_view::npos) return false;
    const std::string_view inside = t.substr(at + open.size(), t.size() - close.size() - (at + open.size()));
    if (!names_units(inside)) return false;
    units = inside;
    before = t.substr(0, at);
    return true;
  }
  t = whole;
  std::size_t colon_len = 0;
  if (find_colon(t, colon_len) == std::string_view::npos) return false;
  for (std::size_t at = t.find("。"); at != std::string_view::npos; at = t.find("。", at + 3)) {
    std::size_t value_at = 0;
    const std::string_view tail = t.substr(at + 3);
    if (const KvKey* key = match_kv(tail, value_at); key && key->kind == KeyKind::units) {
      units = trim(tail);
      before = t.substr(0, at + 3);
      return true;
    }
  }
  return false;
}

/// `other_forms`: also the 【】 〔〕 brackets and a keyed last sentence (not
/// asked of an item with key lines of its own: its units are there).
bool split_inline_units(std::string_view text, std::string_view& before, std::string_view& units,
                        bool other_forms = true) {
  std::string_view t = trim(text);
  if (ends_with(t, "。")) t = trim(t.substr(0, t.size() - 3));
  std::size_t close_len = ends_with(t, "）") ? 3 : ends_with(t, ")") ? 1 : 0;
  if (close_len == 0) return other_forms && split_other_inline_units(trim(text), before, units);
  // Walk back to the matching opening bracket over the bytes: the text is
  // valid UTF-8, where ( and ) are never part of another character and the
  // bytes EF BC 88 / EF BC 89 are always （ / ）. (Decoding each character
  // back and comparing it with the four brackets cost ~1 % of parsing a list
  // document: the walk crosses the whole units note of every item.)
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  int depth = 0;
  enum class Step { go_on, no_units, found };
  // The byte at i, if it is (the last byte of) a bracket.
  auto bracket_at = [&](std::size_t i) {
    const unsigned char b = p[i];
    std::size_t start = i, len = 1;
    if (b == 0x88 || b == 0x89) {
      if (i < 2 || p[i - 1] != 0xBC || p[i - 2] != 0xEF) return Step::go_on;
      start = i - 2;
      len = 3;
    } else if (b != '(' && b != ')') {
      return Step::go_on;
    }
    if (b == ')' || b == 0x89) {
      ++depth;
      return Step::go_on;
    }
    if (--depth != 0) return Step::go_on;
    const std::string_view inside = t.substr(start + len, t.size() - close_len - (start + len));
    if (!names_units(inside)) return Step::no_units;
    units = inside;
    before = t.substr(0, start);
    return Step::found;
  };
  std::size_t end = t.size();  // the bytes from end on are looked at
#if defined(__SSE2__)
  // Sixteen bytes at a time from the end, the brackets' bytes ( ) 88 89 found
  // at once (the byte loop was the list layout's busiest line: a units note
  // is 30-60 bytes). EF and BC are never one of them, so the two bytes before
  // a full-width bracket are passed over as they were.
  for (; end >= 16; end -= 16) {
    const __m128i v = bytes16::load(p + end - 16);
    using bytes16::eq;
    for (unsigned m = bytes16::bits(_mm_or_si128(_mm_or_si128(eq(v, '('), eq(v, ')')), bytes16::in(v, 0x88, 0x89)));
         m != 0; m &= ~(1u << (31 - __builtin_clz(m)))) {
      const Step s = bracket_at(end - 16 + static_cast<std::size_t>(31 - __builtin_clz(m)));
      if (s != Step::go_on) return s == Step::found;
    }
  }
#endif
  while (end-- > 0) {
    const Step s = bracket_at(end);
    if (s != Step::go_on) return s == Step::found;
  }
  return false;
}

/// Whether a units text holds a deadline clause (牵头单位：X；完成时限：
/// 2024年6月底前): then its key and value go to `key` and `value` (a view of
/// `units`) and the text without the clause to `rest` (牵头单位：X).
bool take_deadline_clause(std::string_view units, const KvKey*& key, std::string_view& value, std::string& rest) {
  key = nullptr;
  // Every deadline key holds 时 (時), a date without key 年 or 月: a text with
  // none of them has no deadline (the usual one).
  // The forms that name no date close the text when they are in it (…；长期坚持).
  if (!contains(units, "时") && !contains(units, "時") && !contains(units, "月") && !contains(units, "年")) {
    std::string_view end = trim(units);
    if (ends_with(end, "完成")) end = trim(end.substr(0, end.size() - 6));
    if (!ends_with_a_form_naming_no_date(end)) return false;
  }
  thread_local std::vector<std::string_view> clauses;
  split_clauses_into(units, clauses);
  for (std::string_view clause : clauses) {
    std::size_t value_at = 0;
    const KvKey* k = match_kv(clause, value_at);
    if (!k || k->kind != KeyKind::deadline) {
      // A key after a value with no separator between (牵头单位：X 完成时限：…
      // on one line, its space removed by repair): the clause from the key on.
      k = nullptr;
      for (const std::string_view word : {"完成时限", "完成时间", "时间节点", "完成時限", "完成時間", "時間節點"}) {
        for (std::size_t at = find_text(clause, word); at != std::string_view::npos && !k;
             at = find_text(clause, word, at + 1)) {
          const std::string_view from = clause.substr(at);
          if (at > 0 && (k = match_kv(from, value_at)) != nullptr && k->kind == KeyKind::deadline)
            clause = from;
          else
            k = nullptr;
        }
        if (k) break;
      }
      // A date without a key (…配合，2024年12月底前完成): a clause the deadline
      // reader takes whole, 完成 after it or not, that ends like no unit; or
      // a form that names no date (…配合；长期坚持, …负责，持续推进).
      if (!k) {
        std::string_view date = trim(clause);
        if (ends_with(date, "完成")) date = trim(date.substr(0, date.size() - 6));
        if (date.empty() || ends_like_an_organisation(date) || !is_deadline_cell(date)) continue;
        k = &kKvKeys[7];  // 完成时限: the column such a clause fills
        value_at = static_cast<std::size_t>(trim(clause).data() - clause.data());
      }
    }
    key = k;
    value = trim(clause.substr(value_at));
    // The text around the clause, less the separators that joined it.
    auto is_separator_at_end = [](std::string_view t) {
      return ends_with(t, "；") || ends_with(t, "，") || ends_with(t, ";") || ends_with(t, ",");
    };
    std::string_view before = trim(units.substr(0, static_cast<std::size_t>(clause.data() - units.data())));
    while (is_separator_at_end(before)) before = trim(before.substr(0, before.size() - (before.back() & 0x80 ? 3 : 1)));
    std::string_view after = trim(units.substr(static_cast<std::size_t>(clause.data() - units.data()) + clause.size()));
    while (starts_with(after, "；") || starts_with(after, "，")) after = trim(after.substr(3));
    while (starts_with(after, ";") || starts_with(after, ",")) after = trim(after.substr(1));
    rest.assign(before);
    if (!before.empty() && !after.empty()) rest += "；";
    rest += after;
    return true;
  }
  return false;
}

/// [begin, end) of one of parse_list_layout's pools, for a range-for.
template <typename T>
struct PoolRange {
  const T* b;
  const T* e;
  const T* begin() const { return b; }
  const T* end() const { return e; }
  std::size_t size() const { return static_cast<std::size_t>(e - b); }
  const T& front() const { return *b; }
  const T& back() const { return e[-1]; }
  const T& operator[](std::size_t k) const { return b[k]; }
};

/// A key-value line and its wrapped continuation lines.
struct Kv {
  const KvKey* key;
  std::uint32_t lines_begin, lines_end;            // in the pool of key-value lines
  std::size_t value_at;                            // in the first line
  std::size_t key_at = 0;                          // where the key starts in the first line
  std::size_t value_end = std::string_view::npos;  // in the first line: the next key on it
};

/// The next key, after a space, on a key-value line past byte `from`
/// (分管领导：李XX  牵头单位：X  配合单位：Y: three pairs on one line). Sets
/// `key_at` and `value_at`; null when there is none. Most key-value lines
/// have one colon, and are given up at once.
const KvKey* next_key_on_line(std::string_view line, std::size_t from, std::size_t& key_at, std::size_t& value_at) {
  // A space (or U+3000, lead byte E3) first: most values have none.
  // (A byte loop: find_first_of calls memchr on its set for every byte.)
  bool spaced = false;
  for (std::size_t i = from; i < line.size() && !spaced; ++i)
    spaced = line[i] == ' ' || line[i] == '\t' || static_cast<unsigned char>(line[i]) == 0xE3;
  if (!spaced) return nullptr;
  std::size_t colon_len = 0;
  if (find_colon(line.substr(from), colon_len) == std::string_view::npos) return nullptr;
  for (std::size_t i = from; i < line.size(); ++i) {
    // A key starts after a space (or U+3000) that follows the value's text.
    bool space = line[i] == ' ' || line[i] == '\t';
    std::size_t after = i + 1;
    if (!space && line.compare(i, 3, "\u3000") == 0) {
      space = true;
      after = i + 3;
    }
    if (!space || after >= line.size() || line[after] == ' ' || line[after] == '\t') continue;
    if (trim(line.substr(from, i - from)).empty()) continue;  // no value yet
    std::size_t v = 0;
    if (const KvKey* k = match_kv(line.substr(after), v)) {
      key_at = after;
      value_at = after + v;
      return k;
    }
  }
  return nullptr;
}

/// The lists of an item are ranges of three pools, one each for the whole
/// document: items are read line by line, so an item's text lines, its
/// key-value lines and each of their lines come in one run. (A vector per
/// item and per key-value line was ~5 allocations per key-value item.)
struct Item {
  std::size_t first = 0, last = 0;  // line indices of the item text
  NumberMarker marker;
  std::uint32_t text_begin = 0, text_end = 0;  // in the pool of text lines
  std::uint32_t kvs_begin = 0, kvs_end = 0;    // in the pool of key-value lines' keys
};

struct ItemPools {
  std::vector<std::size_t> text_lines;
  std::vector<Kv> kvs;
  std::vector<std::size_t> kv_lines;
  PoolRange<std::size_t> text_lines_of(const Item& it) const {
    return {text_lines.data() + it.text_begin, text_lines.data() + it.text_end};
  }
  PoolRange<Kv> kvs_of(const Item& it) const { return {kvs.data() + it.kvs_begin, kvs.data() + it.kvs_end}; }
  PoolRange<std::size_t> lines_of(const Kv& kv) const {
    return {kv_lines.data() + kv.lines_begin, kv_lines.data() + kv.lines_end};
  }
  bool has_units(const Item& it) const {
    const auto ks = kvs_of(it);
    return std::any_of(ks.begin(), ks.end(), [](const Kv& k) { return k.key->kind == KeyKind::units; });
  }
};

/// A line ending in 。 or a closing bracket: no parenthesis of the item is
/// open after it (the usual item, whose key lines then need no count).
bool closes_a_sentence(std::string_view text) {
  text = trim(text);
  return ends_with(text, "。") || ends_with(text, "）") || ends_with(text, ")");
}

/// Opening brackets （ ( less closing ones ） ) in `text`.
int bracket_balance(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == '\xEF' && i + 2 < text.size() && text[i + 1] == '\xBC') {
      if (text[i + 2] == '\x88') ++depth;  // （
      if (text[i + 2] == '\x89') --depth;  // ）
    }
  }
  return depth;
}

/// A key the list does not know (工作要求：…, 考核指标：…) opening a line
/// among an item's key lines: two to six ideographs, a colon, a value. It
/// was taken for the previous key's value wrapped, and glued onto it (the
/// lead unit 县农业农村局工作要求：每月5日前报送…). A name that ends like an
/// office (县发改局：牵头) is a unit's note, not a key. Returns the key's
/// bytes (0: none) and sets `value_at`.
std::size_t unknown_key(std::string_view line, std::size_t& value_at) {
  const std::string_view t = trim(line);
  if (t.empty()) return 0;
  const std::size_t start = static_cast<std::size_t>(t.data() - line.data());
  const auto* p = reinterpret_cast<const std::uint8_t*>(line.data());
  std::size_t k = start, ideographs = 0;
  while (k + 3 <= line.size() && p[k] >= 0xE4 && p[k] <= 0xE9 && ideographs < 7) k += 3, ++ideographs;
  if (ideographs < 2 || ideographs > 6) return 0;
  const std::size_t key_end = k;
  while (k < line.size() && line[k] == ' ') ++k;
  std::size_t colon_len = 0;
  if (find_colon(line.substr(k, 3), colon_len) != 0) return 0;
  k += colon_len;
  const std::string_view key = line.substr(start, key_end - start);
  if (trim(line.substr(k)).empty() || ends_like_an_organisation(key)) return 0;
  // A key names what it holds (工作要求, 考核指标, 报送时间 …); 其中： 包括： are
  // the value going on.
  bool names_a_field = false;
  for (const std::string_view w : {"要求",   "指标",   "标准", "内容", "目标", "措施", "成果", "形式", "方式", "领导",
                                   "责任人", "联系人", "时间", "时限", "节点", "进度", "安排", "说明", "依据", "来源",
                                   "资金",   "金额",   "规模", "地点", "对象", "备注", "类别", "性质", "状态"})
    names_a_field = names_a_field || ends_with(key, w);
  if (!names_a_field) return 0;
  value_at = k;
  return key.size();
}

/// What an unknown key holds: a date if it names a time (时间, 节点, 进度 …).
KeyKind unknown_key_kind(std::string_view key) {
  for (const std::string_view w : {"时间", "时限", "期限", "节点", "进度", "日期"})
    if (key.find(w) != std::string_view::npos) return KeyKind::deadline;
  return KeyKind::other;
}

/// 一是创建4A级景区1个。（县文旅局牵头；2024年12月底前）: a line numbered 一是,
/// 二是 … that closes with its own units note is an item (the tasks of a
/// list under 一、 headings). Inside a cell or an item's text 一是 … 二是 …
/// enumerate measures, and such a line names no units of its own.
std::optional<NumberMarker> shi_item_marker(std::string_view line) {
  const std::string_view t = trim(line);
  if (t.size() < 3 * 3 || static_cast<unsigned char>(t[0]) < 0xE4) return std::nullopt;
  std::size_t k = 0;
  const std::optional<int> value = read_chinese_number(t, k);
  if (!value || t.compare(k, 3, "是") != 0 || k + 3 >= t.size()) return std::nullopt;
  std::string_view before, units;
  if (!split_inline_units(t, before, units, false)) return std::nullopt;
  NumberMarker m;
  m.style = NumberStyle::chinese_shi;
  m.value = *value;
  m.bytes = static_cast<std::size_t>(t.data() - line.data()) + k + 3;
  return m;
}

/// A key that names a schedule or a reporting time (进度安排, 时间安排,
/// 报送时间 …) rather than when the task is due (完成时限, 完成时间 …).
bool names_a_schedule(const KvKey* key) {
  if (key == nullptr) return false;
  for (const std::string_view w : {"完成", "时限", "期限", "办结"})
    if (key->word.find(w) != std::string_view::npos) return false;
  return true;
}

/// Headings are short names: no sentence inside.
bool heading_like(std::string_view text) {
  return text.size() <= 40 * 3 && text.find("。") == std::string_view::npos &&
         text.find("，") == std::string_view::npos && text.find("；") == std::string_view::npos;
}

}  // namespace

bool parse_list_layout(const LineTable& lines, Document& doc) {
  // 1. Items: a numbered line and what continues it; key-value lines attach
  //    to the item above them.
  std::vector<Item> items;
  ItemPools pools;
  auto pooled = [](std::size_t n) { return static_cast<std::uint32_t>(n); };
  std::vector<LineUse> use(lines.size(), LineUse::none);
  std::vector<std::uint32_t> marker_chars(lines.size(), 0);
  Item* current = nullptr;
  bool in_kv = false;
  std::deque<KvKey> unknown_keys;  // keys seen that kKvKeys does not hold; the Kvs point at them
  std::size_t first_item_line = lines.size();
  // The first-listed-leads convention applies from the line that states it.
  std::size_t convention_from = lines.size();
  // Looked for in each line only when the text has it at all: one search of
  // the whole text instead of one per line, which cost 2 % of a key-value
  // document (a few dozen bytes a line, each search starting afresh).
  bool has_convention_note = false;
  if (!lines.empty()) {
    const char* from = lines[0].text.data();
    const std::string_view last = lines[lines.size() - 1].text;
    has_convention_note = states_first_listed_convention(
        std::string_view(from, static_cast<std::size_t>(last.data() + last.size() - from)));
  }
  // The text's first line printed again at the top of a page (a running
  // header: the document's title) is furniture, like a page number alone on
  // its line (a list item always has a marker).
  std::string first_line;
  std::size_t first_line_at = lines.size();
  for (std::size_t i = 0; i < lines.size() && first_line_at == lines.size(); ++i)
    if (!is_blank(lines[i].text)) {
      first_line_at = i;
      first_line = squeeze_whitespace(lines[i].text);
    }
  const std::size_t signature_from = closing_signature(lines);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view text = lines[i].text;
    if (is_blank(text)) continue;
    auto running_title = [&] {
      if (i <= first_line_at || text.size() < first_line.size() || text.size() > 2 * first_line.size()) return false;
      const std::string_view trimmed = trim(text);
      return trimmed.front() == first_line.front() && trimmed.back() == first_line.back() &&
             squeeze_whitespace(text) == first_line;
    };
    // 附件 alone inside an item's wrapped text is a word of it: a marker is
    // above the first item or a paragraph of its own.
    auto annex_marker = [&] {
      if (text.size() > 24 || !is_annex_marker(text)) return false;
      const bool blank_above = i == 0 || is_blank(lines[i - 1].text);
      const bool blank_below = i + 1 >= lines.size() || is_blank(lines[i + 1].text);
      return !current || (blank_above && blank_below);
    };
    if (is_page_footer(text) || is_document_tail(text) || (text.size() <= 12 && bare_number(text)) || annex_marker() ||
        running_title() || i >= signature_from) {
      use[i] = LineUse::furniture;
      continue;
    }
    if (has_convention_note && states_first_listed_convention(text)) {
      use[i] = LineUse::furniture;  // the note stating the convention
      convention_from = std::min(convention_from, i);
      continue;
    }
    std::size_t value_at = 0;
    const KvKey* key = match_kv(text, value_at);
    // Inside the item's unit parenthesis, wrapped before a key
    // (…（牵头单位：X；⏎配合单位：Y）): text of the item, not a key line.
    if (key && current && !in_kv && !closes_a_sentence(lines[pools.text_lines[current->text_end - 1]].text)) {
      int depth = 0;
      for (std::uint32_t p = current->text_begin; p < current->text_end; ++p)
        depth += bracket_balance(lines[pools.text_lines[p]].text);
      if (depth > 0) key = nullptr;
    }
    if (key) {
      if (current) {
        std::size_t key_at = 0;
        for (;;) {
          std::size_t next_key_at = 0, next_value_at = 0;
          const KvKey* next = next_key_on_line(text, value_at, next_key_at, next_value_at);
          pools.kv_lines.push_back(i);
          pools.kvs.push_back({key, pooled(pools.kv_lines.size() - 1), pooled(pools.kv_lines.size()), value_at, key_at,
                               next ? next_key_at : std::string_view::npos});
          if (!next) break;
          key = next;
          key_at = next_key_at;
          value_at = next_value_at;
        }
        current->kvs_end = pooled(pools.kvs.size());
        in_kv = true;
      }
      continue;
    }
    std::optional<NumberMarker> m = match_number_marker(text);
    if (!m) {
      m = shi_item_marker(text);
      // 二是 … at a line's start after a line that did not close with its
      // own units note is that item's text wrapped (1.…一是…。⏎二是…。（X牵头）:
      // the task, not a second item). After a units note it is an item, in
      // whatever order the numbers come (一是, 三是; numbering going on past
      // a heading: probe K).
      if (m && m->value > 1 && current &&
          !(current->marker.style == NumberStyle::chinese_shi && current->marker.value == m->value - 1)) {
        std::size_t k = i;
        while (k > 0 && is_blank(lines[k - 1].text)) --k;
        const std::string_view above = k > 0 ? trim(lines[k - 1].text) : std::string_view();
        std::string_view above_before, above_units;
        const std::optional<NumberMarker> above_marker = match_number_marker(above);
        const bool heading_above =
            above_marker &&
            (above_marker->style == NumberStyle::chinese_paren || above_marker->style == NumberStyle::chinese_comma) &&
            heading_like(above);
        if (!heading_above && !split_inline_units(above, above_before, above_units, false)) m.reset();
      }
    }
    if (m && m->style != NumberStyle::arabic_space) {
      items.push_back({});
      current = &items.back();
      current->first = current->last = i;
      current->marker = *m;
      current->text_begin = pooled(pools.text_lines.size());
      pools.text_lines.push_back(i);
      current->text_end = pooled(pools.text_lines.size());
      current->kvs_begin = current->kvs_end = pooled(pools.kvs.size());
      in_kv = false;
      first_item_line = std::min(first_item_line, i);
      continue;
    }
    if (!current) continue;  // preamble: reported by coverage
    if (in_kv) {
      if (const std::size_t key_bytes = unknown_key(text, value_at)) {
        const std::size_t key_at = static_cast<std::size_t>(trim(text).data() - text.data());
        const std::string_view word = text.substr(key_at, key_bytes);
        auto known =
            std::find_if(unknown_keys.begin(), unknown_keys.end(), [&](const KvKey& k) { return k.word == word; });
        if (known == unknown_keys.end()) {
          const KeyKind kind = unknown_key_kind(word);
          unknown_keys.push_back({word, kind, kind == KeyKind::deadline ? ColumnRole::deadline : ColumnRole::other});
          known = unknown_keys.end() - 1;
        }
        pools.kv_lines.push_back(i);
        pools.kvs.push_back(
            {&*known, pooled(pools.kv_lines.size() - 1), pooled(pools.kv_lines.size()), value_at, key_at});
        current->kvs_end = pooled(pools.kvs.size());
        continue;
      }
      pools.kv_lines.push_back(i);  // a wrapped value
      pools.kvs.back().lines_end = pooled(pools.kv_lines.size());
    } else {
      pools.text_lines.push_back(i);
      current->text_end = pooled(pools.text_lines.size());
      current->last = i;
    }
  }

  // 2. The task style: the numbering style whose items carry units.
  std::map<NumberStyle, int> with_units;
  std::vector<NumberStyle> order;        // styles in order of first appearance
  std::vector<std::string_view> pieces;  // the lines of one text, for repair_text
  auto item_text = [&](const Item& it) {
    pieces.clear();
    for (auto k : pools.text_lines_of(it))
      pieces.push_back(k == it.first ? lines[k].text.substr(it.marker.bytes) : lines[k].text);
    return repair_text(pieces);
  };
  std::vector<std::string> texts;
  texts.reserve(items.size());  // not grown after: the views below stay valid
  struct InlineUnits {
    bool found = false;
    std::string_view before, units;  // views of texts[n]
  };
  std::vector<InlineUnits> inline_of(items.size());
  // The item whose style carries a sub-item's units: sub-items （1）（2） under
  // a task, on lines of their own, with the task's key lines after the last
  // of them. Such a run continues an item of another style, not a heading,
  // that has no units of its own.
  std::vector<std::size_t> host_of(items.size(), SIZE_MAX);
  // Sub-items that each name their units ((1)… 牵头单位：X (2)… 牵头单位：Y)
  // are rows of the task above them, not its text: run_host is the task
  // a run of sub-items stands under, row_of says which run became rows.
  std::vector<std::size_t> run_host(items.size(), SIZE_MAX), row_of(items.size(), SIZE_MAX);
  for (std::size_t n = 0; n < items.size(); ++n) {
    const Item& it = items[n];
    texts.push_back(item_text(it));
    InlineUnits& in = inline_of[n];
    in.before = texts.back();
    in.found = split_inline_units(texts.back(), in.before, in.units, !pools.has_units(it));
    // A short one (（1）城区新建120个, no stop) reads like a heading; under a
    // task that has no units yet it is still the task's sub-item.
    const bool sub_item = it.marker.style == NumberStyle::arabic_paren || it.marker.style == NumberStyle::circled;
    if (sub_item && n > 0) {
      const std::size_t h = run_host[n - 1] != SIZE_MAX ? run_host[n - 1] : n - 1;
      if (items[h].marker.style != it.marker.style && !heading_like(texts[h]) && !pools.has_units(items[h]) &&
          !inline_of[h].found) {
        run_host[n] = h;
        if (items[n - 1].kvs_begin == items[n - 1].kvs_end && host_of[n - 1] == (n - 1 == h ? SIZE_MAX : h))
          host_of[n] = h;
      }
    }
    const std::size_t counted = run_host[n] != SIZE_MAX ? run_host[n] : n;
    if (pools.has_units(it) || in.found) ++with_units[items[counted].marker.style];
    if (run_host[n] == SIZE_MAX && heading_like(texts.back()) &&
        std::find(order.begin(), order.end(), it.marker.style) == order.end())
      order.push_back(it.marker.style);
  }
  // A run of such items that all read like headings and name no units
  // (2.推行… then （1）提升监管效能 then 3.推进…) is a heading level after all,
  // not the task's sub-items: the sub-items a task's key lines follow carry
  // them (the last one does).
  for (std::size_t n = 0; n < items.size();) {
    if (run_host[n] == SIZE_MAX) {
      ++n;
      continue;
    }
    std::size_t end = n;
    bool headings = true;
    while (end < items.size() && run_host[end] == run_host[n]) {
      headings = headings && heading_like(texts[end]) && !pools.has_units(items[end]) && !inline_of[end].found;
      ++end;
    }
    if (headings)
      for (std::size_t k = n; k < end; ++k) {
        run_host[k] = host_of[k] = SIZE_MAX;
        if (std::find(order.begin(), order.end(), items[k].marker.style) == order.end())
          order.push_back(items[k].marker.style);
      }
    n = end;
  }
  for (std::size_t n = 0; n < items.size();) {
    if (run_host[n] == SIZE_MAX) {
      ++n;
      continue;
    }
    std::size_t end = n, with = 0;
    while (end < items.size() && run_host[end] == run_host[n]) {
      with += pools.has_units(items[end]) || inline_of[end].found;
      ++end;
    }
    const bool first_has = pools.has_units(items[n]) || inline_of[n].found;
    if (first_has || with >= 2)
      for (std::size_t k = n; k < end; ++k) {
        row_of[k] = run_host[n];
        host_of[k] = SIZE_MAX;
      }
    n = end;
  }
  if (with_units.empty()) return false;
  const NumberStyle task_style = std::max_element(with_units.begin(), with_units.end(), [](auto& a, auto& b) {
                                   return a.second < b.second;
                                 })->first;
  // Sub-items of a task join it: their lines are its text, their key lines
  // its key lines (the pools hold an item's lines right after the last
  // item's, so the host's ranges grow over them).
  std::vector<bool> joined(items.size(), false);
  for (std::size_t n = 0; n < items.size(); ++n) {
    const std::size_t h = host_of[n];
    if (h == SIZE_MAX || items[h].marker.style != task_style) continue;
    Item& host = items[h];
    const Item& it = items[n];
    if (host.text_end != it.text_begin || host.kvs_end != it.kvs_begin) continue;
    host.text_end = it.text_end;
    host.kvs_end = it.kvs_end;
    host.last = it.last;
    joined[n] = true;
    texts[h] = item_text(host);  // its views in inline_of are taken again
    inline_of[h].before = texts[h];
    inline_of[h].found = split_inline_units(texts[h], inline_of[h].before, inline_of[h].units);
  }
  std::vector<NumberStyle> heading_styles;
  for (auto s : order)
    if (s != task_style) heading_styles.push_back(s);
  auto level_of = [&](NumberStyle s) {
    const auto it = std::find(heading_styles.begin(), heading_styles.end(), s);
    return it == heading_styles.end() ? -1 : static_cast<int>(it - heading_styles.begin());
  };

  // 3. Title: the paragraph right above the first item when it reads like a
  // plan's title (a notice's preamble — addressees, body, signature, date —
  // may stand between the notice's own title and the plan's); else the first
  // paragraph of the text.
  auto paragraph_at = [&](std::size_t last) {  // [first, last] of the paragraph ending at `last`
    std::size_t first = last;
    while (first > 0 && !is_blank(lines[first - 1].text) && use[first - 1] == LineUse::none) --first;
    return std::pair<std::size_t, std::size_t>{first, last};
  };
  auto reads_like_a_title = [&](std::size_t first, std::size_t last) {
    std::size_t bytes = 0;
    bool named = false;
    for (std::size_t k = first; k <= last; ++k) {
      const std::string_view t = lines[k].text;
      bytes += t.size();
      if (t.find("。") != std::string_view::npos || t.find("：") != std::string_view::npos) return false;
      for (std::string_view w : {"方案", "清单", "分解表", "分工", "要点", "计划", "任务"})
        named = named || t.find(w) != std::string_view::npos;
    }
    return named && bytes <= 60 * 3;
  };
  std::optional<std::pair<std::size_t, std::size_t>> title;
  {
    // Above the first item that is a heading or a task: a notice's own
    // numbered paragraphs (一、提高思想认识。…) come before the plan's title.
    std::size_t z = first_item_line;
    for (std::size_t k = 0; k < items.size(); ++k)
      if (!joined[k] && (items[k].marker.style == task_style || heading_like(texts[k]))) {
        z = items[k].first;
        break;
      }
    while (z > 0 && (is_blank(lines[z - 1].text) || use[z - 1] != LineUse::none)) --z;
    if (z > 0 && reads_like_a_title(paragraph_at(z - 1).first, z - 1)) title = paragraph_at(z - 1);
  }
  if (!title) {
    std::size_t t0 = 0;
    while (t0 < first_item_line && (is_blank(lines[t0].text) || use[t0] != LineUse::none)) ++t0;
    if (t0 < first_item_line) {
      std::size_t t1 = t0;
      while (t1 + 1 < first_item_line && !is_blank(lines[t1 + 1].text) && use[t1 + 1] == LineUse::none) ++t1;
      // A sentence is no title (the rest of an item whose number was lost).
      bool sentence = false;
      for (std::size_t k = t0; k <= t1; ++k) sentence = sentence || lines[k].text.find("。") != std::string_view::npos;
      if (!sentence) title = {t0, t1};
    }
  }
  if (title) {
    std::vector<std::string_view> t;
    for (std::size_t k = title->first; k <= title->second; ++k) {
      t.push_back(lines[k].text);
      use[k] = LineUse::field;
    }
    doc.title = repair_text(t);
    doc.title_lines = {lines[title->first].number, lines[title->second].number};
  }

  if (convention_from < lines.size())
    doc.diagnostics.push_back({Severity::info, lines[convention_from].number,
                               "convention: the first unit listed leads (列第一位为牵头单位) from here on"});

  // 4. Walk the items: headings open domains and sections, tasks fill them.
  std::map<ColumnRole, std::string> column_labels;  // what the keys were called
  std::vector<std::string_view> other_keys;         // the other keys, in order of first use
  Domain* domain = nullptr;
  std::optional<SectionRef> section;
  bool seen_task = false;
  int last_task = 0;
  bool domain_has_tasks = false;  // since the last heading: numbering may restart under each
  // At most how many tasks a domain opened before items[from] gets: the task
  // items up to the next first-level heading (a domain's tasks are built in
  // place, so their vector should not grow).
  auto tasks_until_heading = [&](std::size_t from) {
    std::size_t count = 0;
    for (std::size_t k = from; k < items.size(); ++k) {
      if (items[k].marker.style == task_style)
        ++count;
      else if (level_of(items[k].marker.style) == 0)
        break;
    }
    return count;
  };
  auto span_of = [&](PoolRange<std::size_t> ls) { return LineSpan{lines[ls.front()].number, lines[ls.back()].number}; };
  // A row's units (inline note and key lines), deadline and other keys,
  // from an item's key lines and its units note; false when it names no units.
  auto fill_row = [&](Row& row, const Item& it, bool has_inline, std::string_view inline_units, LineSpan item_span) {
    // One column per other key: its index among them for now.
    auto add_other = [&](const KvKey* key, Field field) {
      const auto known = std::find(other_keys.begin(), other_keys.end(), key->word);
      const std::size_t k = static_cast<std::size_t>(known - other_keys.begin());
      if (known == other_keys.end()) other_keys.push_back(key->word);
      row.other.push_back({k, std::move(field)});
    };
    const KvKey* deadline_key = nullptr;  // the key row.deadline came from
    std::string units_text;
    LineSpan units_span;
    if (has_inline) {
      units_text = std::string(trim(inline_units));
      units_span = item_span;
    }
    // Room for every units entry at once (their lines are at least as long
    // as their repaired values): appended one by one, the text grew 2-3
    // times per item of a key-value list.
    std::size_t units_room = units_text.size();
    for (const Kv& kv : pools.kvs_of(it)) {
      if (kv.key->kind != KeyKind::units) continue;
      units_room += kv.key->word.size() + 2 * 3;  // ： and ；
      for (auto k : pools.lines_of(kv)) units_room += lines[k].text.size();
    }
    if (units_room > units_text.capacity()) units_text.reserve(units_room);
    for (const Kv& kv : pools.kvs_of(it)) {
      const PoolRange<std::size_t> kv_lines = pools.lines_of(kv);
      const std::string_view first_line = lines[kv_lines.front()].text;
      pieces.assign(
          1, first_line.substr(kv.value_at, kv.value_end == std::string_view::npos ? std::string_view::npos
                                                                                   : kv.value_end - kv.value_at));
      for (std::size_t k = 1; k < kv_lines.size(); ++k) pieces.push_back(lines[kv_lines[k]].text);
      for (auto k : kv_lines) use[k] = LineUse::field;
      std::string value = repair_text(pieces);
      const LineSpan span = span_of(kv_lines);
      column_labels.try_emplace(kv.key->role, kv.key->word);  // a node only for a role not seen yet
      if (kv.key->kind == KeyKind::units) {
        if (!units_text.empty()) units_text += "；";
        // The key as printed (牽頭單位：, 牵头单位:): output text stays as
        // printed, repaired as all text is (牵 头 单 位： → 牵头单位：).
        const std::string_view key = trim(first_line.substr(kv.key_at, kv.value_at - kv.key_at));
        if (key.find(' ') == std::string_view::npos)
          units_text.append(key);
        else
          units_text.append(repair_text({key}));
        // A key printed without its colon (牵头单位 县城管局) is given one.
        if (!ends_with(key, "：") && !ends_with(key, ":")) units_text.append("：");
        units_text.append(value);
        units_span = units_span.merged(span);
      } else if (kv.key->kind == KeyKind::deadline &&
                 (!row.deadline || (names_a_schedule(deadline_key) && !names_a_schedule(kv.key)))) {
        // One deadline: the first key naming a time, or a 完成时限 after a
        // schedule (进度安排：…, 报送时间：…), which then is an other field.
        if (row.deadline) add_other(deadline_key, std::move(*row.deadline));
        row.deadline = make_deadline(field_of_text(std::move(value), span));
        deadline_key = kv.key;
      } else {
        // Other keys (责任人, 备注 …), and a second key naming a time.
        add_other(kv.key, field_of_text(std::move(value), span));
      }
    }
    if (!units_text.empty() && !row.deadline) {
      // A deadline key among the units (（牵头单位：X；完成时限：2024年6月底前）, or
      // 牵头单位：X；完成时限：… on one line) is the row's deadline, not a unit; a
      // deadline line of its own wins.
      std::string_view deadline_value;
      const KvKey* deadline_key = nullptr;
      std::string rest;
      if (take_deadline_clause(units_text, deadline_key, deadline_value, rest)) {
        // The note's sentence stop is not the deadline's (…完成时间：2024年9月底前。).
        row.deadline = make_deadline(field_of_text(drop_trailing_full_stop(std::string(deadline_value)), units_span));
        column_labels.try_emplace(deadline_key->role, deadline_key->word);
        units_text = std::move(rest);  // deadline_value pointed into the text replaced here
      }
    }
    if (!units_text.empty()) {
      Units u;
      static_cast<Field&>(u) = field_of_text(std::move(units_text), units_span);
      UnitConventions conventions;
      conventions.first_listed_leads = it.first > convention_from;
      if (analyse_units(u, conventions)) doc.diagnostics.push_back(inferred_role_note(u));
      row.units = std::move(u);
      column_labels.try_emplace(ColumnRole::units, "责任单位");
      return true;
    }
    return false;
  };
  for (std::size_t n = 0; n < items.size(); ++n) {
    if (joined[n] || row_of[n] != SIZE_MAX) continue;  // part of the task above it, or a row of it
    const Item& it = items[n];
    const std::string& text = texts[n];
    const std::uint32_t line_no = lines[it.first].number;
    if (it.marker.style != task_style && !heading_like(text)) {
      doc.diagnostics.push_back({Severity::info, line_no,
                                 seen_task ? "numbered paragraph is neither a heading nor a task; kept out"
                                           : "numbered paragraph without units before the first task is not a task"});
      continue;
    }
    if (it.marker.style != task_style) {
      const int level = level_of(it.marker.style);
      if (level == 0 || (level == 1 && !domain)) {
        if (level == 1) {  // a second-level heading with no first level: it is the domain
          heading_styles.erase(heading_styles.begin());
        }
        Domain d;
        d.seq = it.marker.value;
        d.name = drop_trailing_full_stop(text);
        d.lines = span_of(pools.text_lines_of(it));
        doc.domains.push_back(std::move(d));
        domain = &doc.domains.back();
        domain->tasks.reserve(tasks_until_heading(n + 1));
        section.reset();
        domain_has_tasks = false;
      } else if (level == 1) {
        section = SectionRef{it.marker.value, drop_trailing_full_stop(text)};
        domain_has_tasks = false;
      } else {
        // Deeper headings are kept as part of the text of the next task.
        doc.diagnostics.push_back({Severity::warning, line_no, "third-level heading kept as text: " + text});
      }
      for (auto k : pools.text_lines_of(it)) use[k] = LineUse::field;
      marker_chars[it.first] = static_cast<std::uint32_t>(count_chars(lines[it.first].text.substr(0, it.marker.bytes)));
      continue;
    }
    const bool has_inline = inline_of[n].found;
    const std::string_view before = inline_of[n].before, inline_units = inline_of[n].units;
    const bool has_rows_below = n + 1 < items.size() && row_of[n + 1] == n;
    if (!pools.has_units(it) && !has_inline && !has_rows_below && !seen_task) {
      doc.diagnostics.push_back(
          {Severity::info, line_no, "numbered paragraph without units before the first task is not a task"});
      continue;
    }
    if (!domain) {
      Domain d;
      d.name = doc.title;
      d.lines = span_of(pools.text_lines_of(it));
      doc.domains.push_back(std::move(d));
      domain = &doc.domains.back();
      domain->tasks.reserve(tasks_until_heading(n));
      doc.diagnostics.push_back({Severity::info, line_no, "no heading above the first task; one domain holds them"});
    }
    if (it.marker.value != last_task + 1 && !(it.marker.value == 1 && !domain_has_tasks))
      doc.diagnostics.push_back(
          {Severity::warning, line_no,
           "task number " + std::to_string(it.marker.value) + " follows " + std::to_string(last_task)});
    last_task = it.marker.value;
    seen_task = true;
    domain_has_tasks = true;

    // Built in place: a Row is ~500 bytes of optional fields, and moving it
    // into its task and the task into its domain was 2-3 % of the parse.
    Task& task = domain->tasks.emplace_back();
    task.seq = it.marker.value;
    task.section = section;
    Row& row = task.rows.emplace_back();
    const LineSpan item_span = span_of(pools.text_lines_of(it));
    // Title: the first sentence; the rest of the text is the measures.
    // (Pieces of the item's text, each copied once into its place.)
    const std::string_view body = trim(before);
    const std::size_t stop = body.find("。");
    task.title = std::string(stop == std::string_view::npos ? body : body.substr(0, stop));
    std::string rest(stop == std::string_view::npos ? std::string_view{} : trim(body.substr(stop + 3)));
    if (!rest.empty()) {
      row.measures = field_of_text(std::move(rest), item_span);
      column_labels.try_emplace(ColumnRole::measures, "措施");
    }
    const bool named_units = fill_row(row, it, has_inline, inline_units, item_span);
    if (!named_units && !has_rows_below) doc.diagnostics.push_back({Severity::warning, line_no, "task has no units"});
    for (auto k : pools.text_lines_of(it)) use[k] = LineUse::field;
    marker_chars[it.first] = static_cast<std::uint32_t>(count_chars(lines[it.first].text.substr(0, it.marker.bytes)));
    row.lines = item_span;
    if (row.measures) row.lines = row.lines.merged(row.measures->lines);
    if (row.deadline) row.lines = row.lines.merged(row.deadline->lines);
    if (row.units) row.lines = row.lines.merged(row.units->lines);
    for (const auto& o : row.other) row.lines = row.lines.merged(o.field.lines);  // 备注：… under the deadline
    task.lines = row.lines;
    // Sub-items that name their own units are rows of this task (the row
    // reference above is not used past here: the vector grows).
    bool has_sub_rows = false;
    for (std::size_t k = n + 1; k < items.size() && run_host[k] == n; ++k) {
      if (row_of[k] != n) continue;
      has_sub_rows = true;
      const Item& sub = items[k];
      const LineSpan sub_span = span_of(pools.text_lines_of(sub));
      Row r;
      std::string text(trim(inline_of[k].found ? inline_of[k].before : std::string_view(texts[k])));
      if (!text.empty()) {
        r.measures = field_of_text(std::move(text), sub_span);
        column_labels.try_emplace(ColumnRole::measures, "措施");
      }
      if (!fill_row(r, sub, inline_of[k].found, inline_of[k].units, sub_span))
        doc.diagnostics.push_back({Severity::warning, lines[sub.first].number, "sub-item has no units"});
      for (auto l : pools.text_lines_of(sub)) use[l] = LineUse::field;
      marker_chars[sub.first] =
          static_cast<std::uint32_t>(count_chars(lines[sub.first].text.substr(0, sub.marker.bytes)));
      r.lines = sub_span;
      if (r.deadline) r.lines = r.lines.merged(r.deadline->lines);
      if (r.units) r.lines = r.lines.merged(r.units->lines);
      for (const auto& o : r.other) r.lines = r.lines.merged(o.field.lines);
      task.lines = task.lines.merged(r.lines);
      task.rows.push_back(std::move(r));
    }
    // The task's own row holds nothing when its sub-items hold it all.
    const Row& own = task.rows.front();
    if (has_sub_rows && !own.measures && !own.units && !own.deadline && own.other.empty())
      task.rows.erase(task.rows.begin());
    domain->lines = domain->lines.merged(task.lines);
  }
  if (!seen_task) return false;

  // Columns: what this layout carried, in reading order.
  doc.columns.push_back({"任务", ColumnRole::task, std::nullopt});
  for (ColumnRole r : {ColumnRole::measures, ColumnRole::units, ColumnRole::deadline}) {
    auto it = column_labels.find(r);
    if (it != column_labels.end()) doc.columns.push_back({it->second, r, std::nullopt});
  }
  const std::size_t first_other = doc.columns.size();
  for (const std::string_view key : other_keys)
    doc.columns.push_back({std::string(key), ColumnRole::other, std::nullopt});
  for (auto& d : doc.domains)
    for (auto& t : d.tasks)
      for (auto& r : t.rows)
        for (auto& o : r.other) o.column = first_other + o.column;

  // Coverage, as for tables: used lines are fields, markers furniture.
  account_coverage(lines, use, marker_chars, 0, doc);
  return true;
}

}  // namespace qingdan::detail
