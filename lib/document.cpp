// Names of enumerations as they appear in JSON and XML.
#include "qingdan/document.hpp"
#include "qingdan/qingdan.hpp"

namespace qingdan {
namespace {
constexpr std::string_view kRoles[] = {"seq",      "domain", "task",     "goal", "annual_target",
                                       "measures", "units",  "deadline", "other"};
constexpr std::string_view kSeverities[] = {"error", "warning", "info"};
}  // namespace

std::string_view to_string(ColumnRole role) noexcept {
  return kRoles[static_cast<int>(role)];
}

std::optional<ColumnRole> column_role_from_string(std::string_view name) noexcept {
  for (int i = 0; i < 9; ++i)
    if (kRoles[i] == name) return static_cast<ColumnRole>(i);
  return std::nullopt;
}

std::string_view to_string(Severity severity) noexcept {
  return kSeverities[static_cast<int>(severity)];
}

std::optional<Severity> severity_from_string(std::string_view name) noexcept {
  for (int i = 0; i < 3; ++i)
    if (kSeverities[i] == name) return static_cast<Severity>(i);
  return std::nullopt;
}

namespace {
constexpr std::string_view kLayouts[] = {"auto", "table", "pipe", "list"};
}

std::string_view to_string(Layout layout) noexcept {
  return kLayouts[static_cast<int>(layout)];
}

std::optional<Layout> layout_from_string(std::string_view name) noexcept {
  for (int i = 0; i < 4; ++i)
    if (kLayouts[i] == name) return static_cast<Layout>(i);
  return std::nullopt;
}

std::string_view to_string(Status status) noexcept {
  switch (status) {
    case Status::ok: return "ok";
    case Status::empty_input: return "empty input";
    case Status::invalid_encoding: return "invalid encoding";
    case Status::no_table: return "no task table";
    case Status::too_large: return "input too large";
  }
  return "unknown";
}

}  // namespace qingdan
