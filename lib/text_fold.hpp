// Folding for matching: text that should match the same key folds to the
// same string. Never used for output — documents keep their characters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qingdan::detail {

/// The characters fold_width changes: the full-width forms U+FF01..U+FF5E and
/// U+3000.
inline bool width_folds(std::int32_t c) {
  return (c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000;
}

/// The Traditional forms of the characters in labels, keys and role words
/// (牽 頭 單 責 協 時 辦 領 …): text holding one is what fold_traditional and
/// fold_key fold by the Traditional rules; text without one they leave to
/// width folding at most. A bit per CJK ideograph, built by the compiler.
class TraditionalHints {
 public:
  // From U+4000, where the three-byte lead E4 starts: a character's bit is
  // then found from its UTF-8 bytes as well (in_utf8).
  static constexpr std::int32_t kFirst = 0x4000, kLast = 0x9FFF;
  constexpr TraditionalHints() {
    // The Traditional form of every character the matching code names
    // (lib/*.cpp: labels, keys, role words, footers, deadlines), from ICU's
    // Simplified-Traditional transliterator, in code point order. A missing
    // one left its words unmatched: 建設內容 (設 內) named no column, and a
    // pipe table headed by it was refused. Columns.TraditionalFormOfEveryKeyWord
    // checks the words.
    constexpr char32_t kHints[] = {
        U'並', U'來', U'個', U'備', U'億', U'優', U'內', U'別', U'創', U'動', U'務', U'勢', U'匯', U'區', U'協',
        U'參', U'員', U'問', U'啓', U'單', U'噸', U'園', U'團', U'堅', U'報', U'場', U'塊', U'壓', U'學', U'實',
        U'審', U'對', U'導', U'屬', U'廣', U'廳', U'張', U'強', U'態', U'應', U'戶', U'揮', U'據', U'擴', U'於',
        U'時', U'會', U'條', U'業', U'標', U'機', U'檢', U'濟', U'為', U'無', U'熱', U'營', U'牽', U'狀', U'環',
        U'產', U'畝', U'發', U'監', U'稅', U'種', U'稱', U'節', U'範', U'級', U'組', U'結', U'統', U'經', U'線',
        U'編', U'縣', U'縮', U'總', U'繫', U'續', U'聯', U'職', U'與', U'舉', U'萬', U'處', U'號', U'術', U'衛',
        U'規', U'覽', U'計', U'設', U'註', U'認', U'說', U'調', U'識', U'負', U'財', U'責', U'資', U'質', U'軍',
        U'輛', U'輪', U'輸', U'辦', U'農', U'進', U'運', U'鄉', U'鎮', U'長', U'門', U'開', U'間', U'隊', U'際',
        U'隱', U'頁', U'項', U'預', U'領', U'頭', U'題', U'額', U'類', U'養', U'館', U'體', U'點', U'黨'};
    for (const char32_t h : kHints) {
      const auto k = static_cast<std::uint32_t>(static_cast<std::int32_t>(h) - kFirst);
      bits_[k / 64] |= std::uint64_t{1} << (k % 64);
    }
  }
  constexpr bool has(std::int32_t c) const {
    if (c < kFirst || c > kLast) return false;
    const auto k = static_cast<std::uint32_t>(c - kFirst);
    return (bits_[k / 64] >> (k % 64)) & 1;
  }
  /// has() of the character whose well-formed UTF-8 is b0 b1 b2, b0 in
  /// E4..E9 (U+4000..U+9FFF): the bytes index the bits without the code
  /// point being assembled.
  constexpr bool in_utf8(std::uint8_t b0, std::uint8_t b1, std::uint8_t b2) const {
    return (bits_[(b0 - 0xE4u) * 64 + (b1 & 0x3Fu)] >> (b2 & 0x3F)) & 1;
  }

 private:
  std::uint64_t bits_[(kLast - kFirst + 1 + 63) / 64] = {};
};
inline constexpr TraditionalHints kTraditionalHints{};

/// Full-width ASCII forms U+FF01..U+FF5E to ASCII (（→( ）→) ：→: ，→, ；→;
/// ．→. ２０２３→2023 …) and the ideographic space U+3000 to ' '. Everything
/// else, including 、 and 。, is kept. Bytes that are not valid UTF-8 are copied.
std::string fold_width(std::string_view utf8);
/// fold_width(utf8) in `storage`; or `utf8` itself, uncopied, when none of its
/// bytes can start a character that folds (only EF and E3 can).
std::string_view fold_width(std::string_view utf8, std::string& storage);

/// fold_width, then Traditional → Simplified with ICU's "Traditional-Simplified"
/// transliterator (牽頭單位 → 牵头单位, 完成時限 → 完成时限). The result equals
/// ICU's transliteration of fold_width(utf8) for every well-formed input; bytes
/// that are not well-formed UTF-8 are copied, and text either side of them is
/// folded as two texts.
///
/// Meant for short matching keys (role words, labels, clauses). The
/// transliterator's rules are applied here, in one pass over the UTF-8 (ICU's
/// own transliterate costs ~250 ns a character): ~6–10 ns a character whether
/// or not anything changes (bench: fold/fold_for_matching/*; 牵头单位 ~30 ns, a
/// 36-character clause ~250 ns). Thread-safe. The rules are read at build
/// time; with another ICU version at run time, the first call reads them
/// instead (compiles ICU's rules: ~5 ms in the static tool, once per process).
/// Without ICU's transliteration data only the width folding is done.
std::string fold_for_matching(std::string_view utf8);

/// fold_for_matching for text that holds a Traditional character of the
/// words qingdan matches (牽 頭 單 責 協 時 辦 領 …); fold_width otherwise.
/// Keeps even a run-time set-up of the rules off simplified documents.
std::string fold_key(std::string_view utf8);
/// The same, without a copy when nothing changes: returns `utf8` itself, or
/// a view of `storage` holding the folded text (its room is reused, so
/// `utf8` must not be a view of `storage`).
std::string_view fold_key(std::string_view utf8, std::string& storage);
/// Whether fold_key changes `utf8` (one scan, no copy): false means
/// fold_key(utf8, storage) returns `utf8` itself.
bool fold_key_changes(std::string_view utf8);
/// Whether fold_key applies the Traditional rules to `utf8` (it holds a
/// Traditional character of the matched words); else it folds widths at most.
bool fold_needs_traditional(std::string_view utf8);
/// fold_key for matching words of CJK characters only: text without a
/// Traditional character of the matched words is returned as it is, full-width
/// forms and all (width folding changes no CJK character and no neighbours of
/// one), so the common case costs one scan and no copy. Otherwise a view of
/// `storage` holding fold_for_matching(utf8) (not a view of `storage` itself).
std::string_view fold_traditional(std::string_view utf8, std::string& storage);

/// True when fold_for_matching never writes one of the characters of `chars`
/// (UTF-8) that its input did not hold: no rule applied here has one in its
/// right-hand side without having it in its left-hand side, and width folding
/// writes only ASCII. Lets a caller skip folding text that cannot fold to a
/// word it looks for. False when ICU's transliterator runs instead of the
/// rules (its output is not known here).
bool fold_adds_none_of(std::string_view chars);

/// False when ICU's Traditional-Simplified transliterator could not be
/// created (fold_for_matching then only folds widths).
bool traditional_folding_available();

/// True when the transliterator's rules were read and are applied by
/// fold_for_matching itself; false when their form was not understood and ICU's
/// transliterator runs instead (same output, ~25 times slower). For tests and
/// diagnostics.
bool traditional_rules_applied_here();

/// True when those rules were read at build time (lib/gen/gen_hant_hans.cpp)
/// from the same ICU version as the one running: no set-up at run time.
bool traditional_rules_from_build();
/// The rules applied, in order (empty when the transliterator runs instead);
/// views of text that lives as long as the process. For tests.
struct PlainRule;  // translit_rules.hpp
std::vector<PlainRule> traditional_rules();

}  // namespace qingdan::detail
