// Stage 7: field analysis — enumerations and unit roles.
//
// Items: 一是…二是…, recognised only in sequence and only at the start of
// the text or right after 。/；, so "统一是" or a stray "三是" in mid
// sentence never splits a field. Searching for the *next expected* marker
// from the last one keeps the scan linear in the text length.
//
// Units: clauses split on ，；,; outside parentheses; the clause's ending
// says its role (…牵头 → lead, …配合 → support, …人民政府 → implementers).
#include <algorithm>

#include "bytes16.hpp"
#include "stages.hpp"
#include "text_fold.hpp"

namespace qingdan::detail {
namespace {

constexpr std::string_view kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/// 1 → 一是, 12 → 十二是, 20 → 二十是, 99 → 九十九是: the item markers, built once.
struct ItemMarkers {
  std::string marker[100];
  ItemMarkers() {
    for (int n = 1; n <= 99; ++n) {
      std::string& s = marker[n];
      const int tens = n / 10, ones = n % 10;
      if (tens > 1) s += kDigits[tens];
      if (tens >= 1) s += "十";
      s += kDigits[ones];
      s += "是";
    }
  }
};
const ItemMarkers kItemMarkers;

/// The next ';', '。' or '；' at or after i (text.size() when none). 。 and ；
/// share their lead bytes with all CJK punctuation, so they are matched on
/// all three bytes at once rather than stopping at every comma.
std::size_t next_separator(std::string_view text, std::size_t i) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
#if defined(__SSE2__)
  using namespace bytes16;
  for (; i + 18 <= n; i += 16) {
    const __m128i v = load(p + i), v1 = load(p + i + 1), v2 = load(p + i + 2);
    const __m128i hit = _mm_or_si128(eq(v, ';'), _mm_or_si128(seq3(v, v1, v2, 0xE3, 0x80, 0x82),    // 。
                                                              seq3(v, v1, v2, 0xEF, 0xBC, 0x9B)));  // ；
    if (const unsigned m = bits(hit)) return i + static_cast<std::size_t>(__builtin_ctz(m));
  }
#endif
  for (; i < n; ++i)
    if (p[i] == ';' || (i + 2 < n && ((p[i] == 0xE3 && p[i + 1] == 0x80 && p[i + 2] == 0x82) ||
                                      (p[i] == 0xEF && p[i + 1] == 0xBC && p[i + 2] == 0x9B))))
      return i;
  return n;
}

/// The next place at or after `from` where an item may start: the start of
/// the text, and right after 。, ；or ;. npos when there is none.
std::size_t next_item_boundary(std::string_view text, std::size_t from) {
  if (from == 0) return 0;
  // A boundary at `from` itself: the separator ends right there.
  for (std::size_t i = from >= 3 ? from - 3 : 0; (i = next_separator(text, i)) < text.size(); ++i) {
    const std::size_t end = i + (text[i] == ';' ? 1 : 3);
    if (end >= from) return end;
  }
  return std::string_view::npos;
}

/// Calls part(view) for each piece of `text` between separators that are not
/// inside （） or () — no vector is built, since this runs for every clause
/// and name of every units cell.
///
/// Separators and parentheses start with one of the bytes EF E3 E2 , ; ( ):
/// ASCII, or the lead byte of a full-width form or CJK punctuation. In valid
/// UTF-8 those bytes start a character wherever they are, and the bytes after
/// them are never one of them, so only they are visited, found 16 at a time
/// (walking every character was most of splitting a cell).
template <typename Part>
void for_each_part(std::string_view text, std::initializer_list<std::string_view> separators, Part&& part) {
  int depth = 0;
  std::size_t start = 0;
  // The separator or bracket that may start at byte i.
  auto visit = [&](std::size_t i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b != 0xEF && b != 0xE3 && b != 0xE2 && b != ',' && b != ';' && b != '(' && b != ')') return;
    const std::string_view rest = text.substr(i);
    if (starts_with(rest, "（") || starts_with(rest, "(")) ++depth;
    if ((starts_with(rest, "）") || starts_with(rest, ")")) && depth > 0) --depth;
    if (depth != 0) return;
    for (auto sep : separators) {
      if (starts_with(rest, sep)) {
        part(text.substr(start, i - start));
        start = i + sep.size();
        return;
      }
    }
  };
  // visit() passes over any other byte itself: every byte may be offered.
  const std::size_t n = text.size();
#if defined(__SSE2__)
  using namespace bytes16;
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  auto candidates = [p](std::size_t from) {
    const __m128i v = load(p + from);
    const __m128i lead = _mm_or_si128(_mm_or_si128(eq(v, 0xEF), eq(v, 0xE3)), eq(v, 0xE2));
    const __m128i ascii = _mm_or_si128(_mm_or_si128(eq(v, ','), eq(v, ';')), _mm_or_si128(eq(v, '('), eq(v, ')')));
    return bits(_mm_or_si128(lead, ascii));
  };
  scan_candidates(n, candidates, [&](std::size_t i) {
    visit(i);
    return false;
  });
#else
  for (std::size_t i = 0; i < n; ++i) visit(i);
#endif
  part(text.substr(start));
}

bool strip_suffix(std::string_view& s, std::string_view suffix) {
  if (!ends_with(s, suffix)) return false;
  s.remove_suffix(suffix.size());
  return true;
}

}  // namespace

void split_clauses_into(std::string_view text, std::vector<std::string_view>& out) {
  out.clear();
  for_each_part(text, {"，", "；", ",", ";"}, [&](std::string_view c) {
    if (!(c = trim(c)).empty()) out.push_back(c);
  });
}

std::vector<std::string_view> split_clauses(std::string_view text) {
  std::vector<std::string_view> out;
  out.reserve(8);
  split_clauses_into(text, out);
  return out;
}

std::vector<TextRange> split_items(std::string_view text) {
  // Where markers 1..count start (at most 99, so on the stack); marker k's
  // length is that of kItemMarkers.marker[k + 1].
  std::size_t at_marker[100];
  std::size_t count = 0;
  // 一是 first: most texts have none, and then there is nothing to split.
  // Then boundaries are visited in order, each compared with the next
  // expected marker only: one pass over the text.
  if (contains(text, "一是")) {
    std::size_t at = next_item_boundary(text, 0);
    for (int n = 1; n <= 99 && at != std::string_view::npos; ++n) {
      const std::string_view marker = kItemMarkers.marker[n];
      while (at != std::string_view::npos && text.compare(at, marker.size(), marker) != 0)
        at = next_item_boundary(text, at + 1);
      if (at == std::string_view::npos) break;
      at_marker[count++] = at;
      at = next_item_boundary(text, at + marker.size());
    }
  }
  std::vector<TextRange> items;
  // A trimmed piece of `text` as its range.
  auto add = [&](std::string_view piece) {
    if (piece.empty()) return;
    items.push_back({static_cast<std::uint32_t>(piece.data() - text.data()), static_cast<std::uint32_t>(piece.size())});
  };
  if (count < 2) {  // one "一是" alone is not an enumeration
    add(trim(text));
    return items;
  }
  items.reserve(count + 1);
  add(trim(text.substr(0, at_marker[0])));
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t begin = at_marker[k] + kItemMarkers.marker[k + 1].size();
    const std::size_t end = k + 1 < count ? at_marker[k + 1] : text.size();
    add(trim(text.substr(begin, end - begin)));
  }
  return items;
}

namespace {

enum class Role { none, lead, support, responsible };

/// Keys written before the names ("牵头单位：X"), either colon width.
struct Key {
  std::string_view word;
  Role role;
};
constexpr Key kKeys[] = {{"协同配合单位", Role::support}, {"牵头单位", Role::lead},
                         {"主办单位", Role::lead},        {"配合单位", Role::support},
                         {"协办单位", Role::support},     {"责任单位", Role::responsible},
                         {"责任主体", Role::responsible}, {"责任部门", Role::responsible},
                         {"牵头部门", Role::lead},        {"主责单位", Role::lead},
                         {"主责部门", Role::lead},        {"牵头处室", Role::lead},
                         {"牵头科室", Role::lead},        {"配合部门", Role::support},
                         {"协办部门", Role::support},     {"参与单位", Role::support},
                         {"协同单位", Role::support},     {"协作单位", Role::support},
                         {"配合处室", Role::support},     {"配合科室", Role::support},
                         {"承办单位", Role::responsible}, {"实施单位", Role::responsible},
                         {"责任处室", Role::responsible}, {"责任科室", Role::responsible},
                         {"责任股室", Role::responsible}, {"牵头", Role::lead},
                         {"配合", Role::support},         {"主办", Role::lead},
                         {"协办", Role::support}};  // 牵头：X / 配合：Y, the short keys

/// Role words written after the names ("X牵头"), longest first.
constexpr Key kSuffixes[] = {{"分别牵头", Role::lead},          {"共同牵头", Role::lead},
                             {"牵头负责", Role::lead},          {"牵头抓总", Role::lead},
                             {"为牵头单位", Role::lead},        {"为配合单位", Role::support},
                             {"为责任单位", Role::responsible}, {"牵头", Role::lead},
                             {"参与", Role::support},           {"协助", Role::support},
                             {"按职能配合", Role::support},     {"协同配合", Role::support},
                             {"配合", Role::support},           {"按职责分工负责", Role::responsible},
                             {"按职责负责", Role::responsible}, {"分工负责", Role::responsible},
                             {"分别负责", Role::responsible},   {"负责落实", Role::lead},
                             {"具体落实", Role::lead},          {"具体负责", Role::lead},
                             {"督促指导", Role::support},       {"负责指导", Role::support},
                             {"指导", Role::support},           {"负责", Role::lead}};

/// A clause that starts with a person's key (牵头领导：, 分管领导：, 责任人：,
/// 联系人：), in either script.
bool names_a_person_key(std::string_view clause) {
  std::size_t colon_len = 0;
  const std::size_t colon = find_colon(clause.substr(0, 8 * 3 + 1), colon_len);
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view key = trim(clause.substr(0, colon));
  for (std::string_view w : {"领导", "領導"})
    if (ends_with(key, w)) return true;
  for (std::string_view w : {"责任人", "責任人", "联系人", "聯繫人", "聯系人"})
    if (key == w) return true;
  return false;
}

Role strip_key(std::string_view& clause) {
  // Keys are at most six characters and a colon: a clause with no colon in
  // its first 22 bytes has none (most clauses; the key list is long).
  const std::string_view head = clause.substr(0, 6 * 3 + 4);
  if (head.find(':') == std::string_view::npos && head.find("：") == std::string_view::npos) return Role::none;
  for (const Key& k : kKeys) {
    if (!starts_with(clause, k.word)) continue;
    std::string_view rest = trim(clause.substr(k.word.size()));
    if (starts_with(rest, "："))
      rest.remove_prefix(3);
    else if (starts_with(rest, ":"))
      rest.remove_prefix(1);
    else
      continue;  // "牵头单位" as a name part, not a key
    clause = trim(rest);
    return k.role;
  }
  return Role::none;
}

/// A role printed in brackets after a name: 市民政局（牵头）, X（牵头单位）,
/// Y（配合）. `whole` when the words speak for every name of the clause
/// (X、Y（分别牵头）, X、Y（按职责分工负责）).
struct BracketRole {
  std::string_view word;
  Role role;
  bool whole;
};
constexpr BracketRole kBracketRoles[] = {{"牵头", Role::lead, false},
                                         {"牵头单位", Role::lead, false},
                                         {"主办", Role::lead, false},
                                         {"主办单位", Role::lead, false},
                                         {"负责", Role::lead, false},
                                         {"配合", Role::support, false},
                                         {"配合单位", Role::support, false},
                                         {"协办", Role::support, false},
                                         {"协办单位", Role::support, false},
                                         {"牵头部门", Role::lead, false},
                                         {"配合部门", Role::support, false},
                                         {"参与", Role::support, false},
                                         {"协助", Role::support, false},
                                         {"责任单位", Role::responsible, false},
                                         {"分别牵头", Role::lead, true},
                                         {"牵头负责", Role::lead, false},
                                         {"按职能配合", Role::support, true},
                                         {"协同配合", Role::support, true},
                                         {"按职责分工负责", Role::responsible, true},
                                         {"按职责负责", Role::responsible, true},
                                         {"分工负责", Role::responsible, true},
                                         {"分别负责", Role::responsible, true}};

/// The name without its bracketed role, and the role (none when the name
/// ends in no bracket, or in one that says something else: 各县（市、区）).
Role strip_bracketed_role(std::string_view& name, std::string& storage, bool& whole) {
  std::size_t close = 0;
  if (ends_with(name, "）"))
    close = 3;
  else if (ends_with(name, ")"))
    close = 1;
  else
    return Role::none;
  const std::size_t wide = name.rfind("（"), narrow = name.rfind('(');
  const std::size_t open = wide == std::string_view::npos     ? narrow
                           : narrow == std::string_view::npos ? wide
                                                              : std::max(wide, narrow);
  if (open == std::string_view::npos || open == 0) return Role::none;
  const std::size_t open_len = open == wide ? 3 : 1;
  std::string_view inside = trim(name.substr(open + open_len, name.size() - close - (open + open_len)));
  if (inside.empty() || inside.size() > 7 * 3) return Role::none;  // the longest word is seven characters
  if (fold_key_changes(inside)) inside = fold_key(inside, storage);
  for (const BracketRole& b : kBracketRoles)
    if (inside == b.word) {
      name = trim(name.substr(0, open));
      whole = b.whole;
      return b.role;
    }
  return Role::none;
}

Role strip_role_suffix(std::string_view& clause) {
  for (const Key& k : kSuffixes)
    if (strip_suffix(clause, k.word)) {
      clause = trim(clause);
      return k.role;
    }
  return Role::none;
}

/// 各县市人民政府, 各县（市、区）政府, 各乡镇（街道）, 各街道办事处 …: the
/// governments that carry a task out where they are.
bool is_implementer(std::string_view name) {
  if (ends_with(name, "人民政府") && !starts_with(name, "州") && !starts_with(name, "省") && !starts_with(name, "市"))
    return true;
  if (!starts_with(name, "各")) return false;
  for (std::string_view w : {"政府", "县", "市", "区", "乡", "镇", "街道"})
    if (name.find(w) != std::string_view::npos) return true;
  return false;
}

/// Where, in `clause`, a key with its colon starts after the clause's start
/// (牵头单位：X配合单位：Y — a cell's two lines joined, or two keys with only
/// a space between them, which repair removes); npos when no key does.
/// Keys in Traditional characters are folded before they are compared.
/// How many colons (':' or '：') `text` holds, counting to two; where the
/// first starts. One pass, 16 bytes at a time: this runs for every clause of
/// every units cell, most with no colon or only their key's.
std::size_t count_colons(std::string_view text, std::size_t& first) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t count = 0;
  auto colon_at = [&](std::size_t i) {
    std::size_t start = i;
    if (p[i] == 0x9A) {
      if (i < 2 || p[i - 1] != 0xBC || p[i - 2] != 0xEF) return false;
      start = i - 2;
    } else if (p[i] != ':') {
      return false;
    }
    if (count++ == 0) first = start;
    return count == 2;
  };
#if defined(__SSE2__)
  using namespace bytes16;
  bytes16::scan_candidates(
      n, [&](std::size_t from) { return bits(_mm_or_si128(eq(load(p + from), ':'), eq(load(p + from), 0x9A))); },
      colon_at);
#else
  for (std::size_t i = 0; i < n && !colon_at(i); ++i) {
  }
#endif
  return count;
}

std::size_t inner_key_at(std::string_view clause, std::string& storage) {
  std::size_t first_colon = 0;
  const std::size_t colons = count_colons(clause, first_colon);
  if (colons == 0) return std::string_view::npos;
  // The usual clause, 牵头单位：X (or the 牵头单位:X a units column's label
  // makes): its one colon ends a simplified key at its start.
  if (colons == 1) {
    const std::string_view first = trim(clause.substr(0, first_colon));
    if (std::any_of(std::begin(kKeys), std::end(kKeys), [&](const Key& k) { return first == k.word; }))
      return std::string_view::npos;
  }
  std::size_t colon_len = 0;
  std::size_t from = 0;  // where the colon at c was looked for
  for (std::size_t c = find_colon(clause, colon_len); c != std::string_view::npos;
       c = find_colon(clause.substr(from), colon_len)) {
    const std::string_view before = trim(clause.substr(0, from + c));
    from += c + colon_len;
    // The key's characters just before the colon: at most six (协同配合单位).
    const std::string_view tail = before.substr(drop_code_points(before, 0, 6).size());
    const std::string_view folded = fold_key_changes(tail) ? fold_key(tail, storage) : tail;
    if (folded.data() != tail.data() && count_code_points(folded) != count_code_points(tail)) continue;
    for (const Key& k : kKeys) {
      if (!ends_with(folded, k.word)) continue;
      // The key's first character: where `before` less the key's characters ends.
      const std::size_t at = drop_code_points(before, 0, count_code_points(k.word)).size();
      if (at > 0) return at;
      break;  // the key the clause starts with
    }
  }
  return std::string_view::npos;
}

/// 县商务局县交通运输局: two offices the text lost the gap between (one a
/// line, joined; or apart by a wide space, removed). A name is cut where it
/// ends like an office and the next begins with the same place word as it
/// did (县 市 州 区 省), each three characters at least, the first no
/// government and the second no branch of the first: 县委县政府督查室,
/// 市人民政府市长热线办公室 and 市公安局市中区分局 stay one.
constexpr std::size_t kGluedNameMin = 3 * 3;  // 县委办县政府办

/// Asked of names of two glued ones' length at least (the caller screens).
template <class Each>
void for_each_glued_name(std::string_view name, Each&& each) {
  constexpr std::size_t kMin = kGluedNameMin;
  const std::string_view place = name.substr(0, 3);
  if (place != "县" && place != "市" && place != "州" && place != "区" && place != "省") {
    each(name);
    return;
  }
  std::size_t from = 0;
  for (std::size_t k = from + kMin; k + kMin <= name.size(); ++k) {
    if (name.compare(k, 3, place) != 0 || k - from < kMin) continue;
    const std::string_view left = name.substr(from, k - from);
    // Not after a government (市人民政府市长热线办公室), nor before a branch of
    // the office before it (市公安局市中区分局).
    if (!ends_like_an_organisation(left) || ends_with(left, "政府")) continue;
    const std::string_view right = name.substr(k);
    bool branch = false;
    for (const std::string_view w : {"分局", "支队", "大队", "中队", "分院", "分中心", "分公司", "派出所"})
      branch = branch || ends_with(right, w);
    if (branch) continue;
    each(left);
    from = k;
  }
  each(name.substr(from));
}

/// What an empty cell is printed as (/ — - 无 ／): no unit.
bool is_empty_cell_mark(std::string_view name) {
  for (std::string_view mark : {"/", "／", "-", "—", "——", "－", "–", "无", "無", "\\", "、"})
    if (name == mark) return true;
  return false;
}

/// A parenthetical note such as （除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）
/// states a convention; it is not a unit.
bool is_convention_note(std::string_view text) {
  return contains(text, "列第一位");
}

}  // namespace

bool states_first_listed_convention(std::string_view text) {
  return is_convention_note(text);
}

bool analyse_units(Units& units, const UnitConventions& conventions) {
  return analyse_units_text(units.text, units, conventions);
}

// Names are views into `text` until the end, where each becomes one string
// in lead, support or implementers: no copies of clauses or names on the way.
namespace {
/// analyse_units_text's working lists, kept per thread between calls: it
/// runs once per units cell, and allocating them each time was a tenth of
/// a document's allocations. Views into the text of the current call only.
struct UnitsScratch {
  struct Clause {
    Role role;
    std::size_t first, last;  // its names: names[first, last)
  };
  std::vector<std::string_view> clause_texts, names, implementers;
  /// A role a clause has by where it stands (the Y of X会同Y supports);
  /// empty unless some clause has one.
  std::vector<Role> placed_roles;
  std::vector<Clause> clauses;
  std::string storage, name_storage;
};
}  // namespace

bool analyse_units_text(std::string_view text, Units& units, const UnitConventions& conventions) {
  units.lead.clear();
  units.support.clear();
  units.implementers.clear();
  thread_local UnitsScratch scratch;
  using Clause = UnitsScratch::Clause;
  std::vector<std::string_view>& names = scratch.names;
  std::vector<Clause>& clauses = scratch.clauses;
  std::vector<std::string_view>& implementers = scratch.implementers;
  std::string& storage = scratch.storage;
  names.clear();
  clauses.clear();
  implementers.clear();
  split_clauses_into(text, scratch.clause_texts);
  scratch.placed_roles.clear();
  // A key inside a clause starts a clause of its own. Rare: most clauses
  // have no colon past their own key.
  for (std::size_t k = 0; k < scratch.clause_texts.size(); ++k) {
    const std::string_view clause = scratch.clause_texts[k];
    if (const std::size_t at = inner_key_at(clause, storage); at != std::string_view::npos) {
      scratch.clause_texts[k] = trim(clause.substr(0, at));
      scratch.clause_texts.insert(scratch.clause_texts.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                                  trim(clause.substr(at)));
    }
  }
  // X（Y、Z配合）: the names in the bracket support (or whatever role word
  // closes it), X keeps the clause's role: two clauses.
  for (std::size_t k = 0; k < scratch.clause_texts.size(); ++k) {
    const std::string_view clause = scratch.clause_texts[k];
    if (!ends_with(clause, "）") && !ends_with(clause, ")")) continue;
    // The last opening bracket (either width).
    const std::size_t wide = clause.rfind("（"), narrow = clause.rfind("(");
    const std::size_t open = wide == std::string_view::npos     ? narrow
                             : narrow == std::string_view::npos ? wide
                                                                : std::max(wide, narrow);
    if (open == std::string_view::npos || open == 0) continue;
    const std::size_t open_len = open == wide ? 3 : 1;
    const std::string_view inside =
        clause.substr(open + open_len, clause.size() - (ends_with(clause, "）") ? 3 : 1) - open - open_len);
    std::string_view named = inside;
    bool role_closes = false;
    for (std::string_view w : {"配合", "协助", "参与", "协同配合", "按职能配合", "按职责配合"})
      role_closes = role_closes || (ends_with(inside, w) && inside.size() > w.size());
    if (!role_closes || strip_role_suffix(named) == Role::none || named.empty()) continue;
    scratch.clause_texts[k] = trim(clause.substr(0, open));
    scratch.clause_texts.insert(scratch.clause_texts.begin() + static_cast<std::ptrdiff_t>(k) + 1, trim(inside));
    ++k;
  }
  // X会同Y (由X会同Y负责): X leads, Y supports.
  if (contains(text, "同") && (contains(text, "会同") || contains(text, "會同")))
    for (std::size_t k = 0; k < scratch.clause_texts.size(); ++k) {
      const std::string_view clause = scratch.clause_texts[k];
      std::size_t at = clause.find("会同");
      if (at == std::string_view::npos) at = clause.find("會同");
      if (at == std::string_view::npos || at == 0 || contains(clause, ":") || contains(clause, "：")) continue;
      scratch.placed_roles.resize(scratch.clause_texts.size(), Role::none);
      scratch.clause_texts[k] = trim(clause.substr(0, at));
      scratch.clause_texts.insert(scratch.clause_texts.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                                  trim(clause.substr(at + std::string_view("会同").size())));
      scratch.placed_roles[k] = Role::lead;
      scratch.placed_roles.insert(scratch.placed_roles.begin() + static_cast<std::ptrdiff_t>(k) + 1, Role::support);
      ++k;
    }
  bool key_list_open = false;  // the last clause was keyed (牵头单位：X) or went on with its list
  for (std::size_t clause_index = 0; clause_index < scratch.clause_texts.size(); ++clause_index) {
    std::string_view clause = scratch.clause_texts[clause_index];
    // Drop a convention note, whole or as a parenthetical at either end.
    if (is_convention_note(clause)) {
      const std::size_t open = clause.find("（") != std::string_view::npos ? clause.find("（") : clause.find("(");
      if (open == std::string_view::npos || open == 0) continue;
      clause = trim(clause.substr(0, open));
    }
    if (clause.empty()) continue;
    // Keys and role words are matched on the folded clause (牽頭單位 reads as
    // 牵头单位, ： as :); as much is then cut off the clause as printed.
    // A key printed in simplified characters with either colon (the usual
    // "牵头单位：X") is matched as printed: when nothing after it needs
    // folding, folding the clause would change only the colon.
    std::string_view rest = clause;
    Role role = strip_key(rest);
    // 牵头领导：王XX副省长 in a units cell names a person, not a unit.
    if (role == Role::none && names_a_person_key(clause)) continue;
    std::string_view folded = clause;
    const bool plain = !fold_key_changes(role != Role::none ? rest : clause);
    if (!plain) {
      folded = fold_key(clause, storage);
      rest = folded;
      role = strip_key(rest);
    }
    const Role suffix = strip_role_suffix(rest);
    const Role placed = clause_index < scratch.placed_roles.size() ? scratch.placed_roles[clause_index] : Role::none;
    if ((suffix != Role::none || placed != Role::none) && starts_with(rest, "由"))
      rest = trim(rest.substr(std::string_view("由").size()));  // 由X牵头, 由X会同Y
    if (!plain) {
      const std::size_t front =
          count_code_points(folded.substr(0, static_cast<std::size_t>(rest.data() - folded.data())));
      const std::size_t back =
          count_code_points(folded.substr(static_cast<std::size_t>(rest.data() - folded.data()) + rest.size()));
      if (count_code_points(folded) == count_code_points(clause)) clause = trim(drop_code_points(clause, front, back));
    } else {
      clause = rest;
    }
    const bool keyed = role != Role::none;
    if (role == Role::none) role = suffix;
    // X会同Y负责: the suffix speaks for Y's clause; X leads by its place.
    if (placed != Role::none) role = placed;
    // A clause with no role of its own right after a keyed one is more of
    // that key's list (责任单位：A，B: B is as responsible as A).
    const bool continues_key = role == Role::none && key_list_open;
    key_list_open = keyed || continues_key;
    Clause c{role, names.size(), names.size()};
    Role whole_clause = Role::none;  // a bracketed role on a name that speaks for all (X、Y（分别牵头）)
    auto each_name = [&](std::string_view name) {
      // 县交通运输局：牵头 — the colon between a name and its role word.
      if (strip_suffix(name, "：") || strip_suffix(name, ":")) name = trim(name);
      if (name.empty() || is_empty_cell_mark(name)) return;
      bool whole = false;
      const Role own = strip_bracketed_role(name, scratch.name_storage, whole);
      if (own != Role::none && whole) {
        whole_clause = own;
      } else if (own != Role::none) {
        // The name is a clause of its own: the names before it, and after
        // it, keep the clause's role.
        c.last = names.size();
        if (c.last > c.first) clauses.push_back(c);
        names.push_back(name);
        clauses.push_back({own, names.size() - 1, names.size()});
        c = {role, names.size(), names.size()};
        return;
      }
      // Implementers are recognised by name whatever the clause says.
      // is_implementer wants 各 first or 人民政府 last. A name with neither
      // 各 nor 府 folds to neither when it has no Traditional character to
      // fold (width folding writes ASCII), or when the rules never write them.
      bool implementer;
      if (plain) {
        implementer = is_implementer(name);
      } else if (contains(name, "各") || contains(name, "府")) {
        implementer = is_implementer(fold_key(name, scratch.name_storage));
      } else if (!fold_needs_traditional(name)) {
        implementer = false;
      } else {
        static const bool rules_never_write_them = fold_adds_none_of("各府");
        implementer = !rules_never_write_them && is_implementer(fold_key(name, scratch.name_storage));
      }
      // 各县（市）党委、政府: the bare 政府 (党委) after an implementer is one too.
      if (!implementer && !implementers.empty() && implementers.back().data() < name.data())
        for (std::string_view bare : {"政府", "人民政府", "党委", "党委政府", "党委和政府"})
          implementer = implementer || name == bare;
      if (implementer)
        implementers.push_back(name);
      else
        names.push_back(name);
    };
    for_each_part(clause, {"、"}, [&](std::string_view name) {
      name = trim(name);
      if (name.size() < 2 * kGluedNameMin)  // too short to hold two names: most
        each_name(name);
      else
        for_each_glued_name(name, each_name);
    });
    c.last = names.size();
    if (c.role == Role::none) c.role = whole_clause;
    if (continues_key && c.role == Role::none && !clauses.empty() && clauses.back().last == c.first)
      clauses.back().last = c.last;
    else if (c.last > c.first)
      clauses.push_back(c);
  }
  units.implementers.reserve(implementers.size());
  for (auto n : implementers) units.implementers.emplace_back(n);
  const bool has_lead =
      std::any_of(clauses.begin(), clauses.end(), [](const Clause& c) { return c.role == Role::lead; });
  auto add = [&](std::vector<std::string>& into, std::size_t from, std::size_t to) {
    into.reserve(into.size() + (to - from));  // one allocation, not a doubling per few names
    for (std::size_t k = from; k < to; ++k) into.emplace_back(names[k]);
  };
  bool first_unmarked = true;
  bool inferred = false;
  for (const auto& c : clauses) {
    if (c.role != Role::none) {
      if (c.role == Role::responsible && !has_lead && conventions.first_listed_leads && units.lead.empty()) {
        // 列第一位的为牵头单位: the first name leads, the others support.
        inferred = true;
        add(units.lead, c.first, c.first + 1);
        add(units.support, c.first + 1, c.last);
        continue;
      }
      const bool lead = c.role == Role::lead || (c.role == Role::responsible && !has_lead);
      add(lead ? units.lead : units.support, c.first, c.last);
      continue;
    }
    // No role word: the unit named first leads (州人力资源社会保障局，各县市人民政府),
    // or, under the first-listed convention, the first name of the list.
    if (first_unmarked && !has_lead && units.lead.empty()) {
      inferred = true;
      if (conventions.first_listed_leads) {
        add(units.lead, c.first, c.first + 1);
        add(units.support, c.first + 1, c.last);
      } else {
        add(units.lead, c.first, c.last);
      }
    } else {
      add(units.support, c.first, c.last);
    }
    first_unmarked = false;
  }
  return inferred;
}

bool reads_like_units(std::string_view printed) {
  // Sentences are not unit lists: decide that before folding a long cell.
  if (printed.find("。") != std::string_view::npos || printed.size() > 600) return false;
  std::string storage;
  std::string_view text = fold_key(trim(printed), storage);
  if (text.empty() || text.find("。") != std::string_view::npos) return false;
  // Role words are stripped first; then every name must end like one.
  thread_local std::vector<std::string_view> clauses;  // a list per call was an allocation per cell
  split_clauses_into(text, clauses);
  for (auto clause : clauses) {
    for (std::string_view role : {"分别牵头", "牵头", "按职能配合", "配合", "负责"})
      if (strip_suffix(clause, role)) break;
    bool all_org = true;
    for_each_part(clause, {"、"}, [&](std::string_view name) {
      name = trim(name);
      if (!all_org || name.empty()) return;
      all_org = ends_like_an_organisation(name);
    });
    if (!all_org) return false;
  }
  return true;
}

bool ends_like_an_organisation(std::string_view name) {
  // The words organisation names end with: 局 委 办 院 厅 部 会 室 处 所 站 中心
  // 政府 公司 集团 联 队 馆 校 行 署 社 团 街道 乡镇 单位 部门 等 法院 检察院 分局,
  // and a closing parenthesis (各乡镇（街道）). Decided on the last character:
  // its three bytes are that character whenever they spell one (valid UTF-8).
  // Comparing each word in turn was 31 comparisons per name.
  if (!name.empty() && name.back() == ')') return true;
  if (name.size() < 3) return false;
  const auto* e = reinterpret_cast<const std::uint8_t*>(name.data() + name.size() - 3);
  switch (std::uint32_t{e[0]} << 16 | std::uint32_t{e[1]} << 8 | std::uint32_t{e[2]}) {
    case 0xE5B180:               // 局 (分局)
    case 0xE5A794:               // 委
    case 0xE58A9E:               // 办
    case 0xE999A2:               // 院 (法院, 检察院)
    case 0xE58E85:               // 厅
    case 0xE983A8:               // 部
    case 0xE4BC9A:               // 会
    case 0xE5AEA4:               // 室
    case 0xE5A484:               // 处
    case 0xE68980:               // 所
    case 0xE7AB99:               // 站
    case 0xE88194:               // 联
    case 0xE9989F:               // 队
    case 0xE9A686:               // 馆
    case 0xE6A0A1:               // 校
    case 0xE8A18C:               // 行
    case 0xE7BDB2:               // 署
    case 0xE7A4BE:               // 社
    case 0xE59BA2:               // 团 (集团)
    case 0xE7AD89:               // 等
    case 0xEFBC89: return true;  // ）
    case 0xE5BF83: return ends_with(name, "中心");
    case 0xE5BA9C: return ends_with(name, "政府");
    case 0xE58FB8: return ends_with(name, "公司");
    case 0xE98193: return ends_with(name, "街道");
    case 0xE99587: return ends_with(name, "乡镇");
    case 0xE4BD8D: return ends_with(name, "单位");
    case 0xE997A8: return ends_with(name, "部门");
    default: return false;
  }
}

std::size_t count_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view drop_code_points(std::string_view text, std::size_t front, std::size_t back) {
  std::size_t a = 0;
  for (; front > 0 && a < text.size(); --front) do
      ++a;
    while (a < text.size() && (static_cast<unsigned char>(text[a]) & 0xC0) == 0x80);
  std::size_t z = text.size();
  for (; back > 0 && z > a; --back) do
      --z;
    while (z > a && (static_cast<unsigned char>(text[z]) & 0xC0) == 0x80);
  return text.substr(a, z - a);
}

}  // namespace qingdan::detail
