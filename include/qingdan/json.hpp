// nlohmann/json conversions for the qingdan record types, so that
// `nlohmann::json j = document;` and `j.get<qingdan::Document>()` work, with
// nlohmann::json and nlohmann::ordered_json alike (to_json_string uses the
// ordered one, so keys come out in contract order).
//
// Absent things are explicit: an unknown seq or year is null, a column the
// document does not have is an absent key. from_json accepts exactly what
// to_json writes, so JSON -> structs -> JSON is byte-identical.
#pragma once

#include <nlohmann/json.hpp>

#include "qingdan/document.hpp"

namespace qingdan {

namespace json_detail {
template <typename J, typename T>
void put_optional(J& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}
template <typename J, typename T>
void get_optional(const J& j, const char* key, std::optional<T>& v) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null())
    v.reset();
  else
    v = it->template get<T>();
}
template <typename J, typename T>
void put_nullable(J& j, const char* key, const std::optional<T>& v) {
  if (v)
    j[key] = *v;
  else
    j[key] = nullptr;
}
}  // namespace json_detail

template <typename J>
void to_json(J& j, const LineSpan& v) {
  j = J::array({v.first, v.last});
}
template <typename J>
void from_json(const J& j, LineSpan& v) {
  v.first = j.at(0).template get<std::uint32_t>();
  v.last = j.at(1).template get<std::uint32_t>();
}

template <typename J>
void to_json(J& j, const Column& v) {
  j = J::object();
  j["label"] = v.label;
  j["role"] = std::string(to_string(v.role));
  json_detail::put_nullable(j, "year", v.year);
}
template <typename J>
void from_json(const J& j, Column& v) {
  v.label = j.at("label").template get<std::string>();
  const auto role = column_role_from_string(j.at("role").template get<std::string>());
  if (!role) throw std::invalid_argument("unknown column role " + j.at("role").dump());
  v.role = *role;
  json_detail::get_optional(j, "year", v.year);
}

template <typename J>
void to_json(J& j, const Field& v) {
  j = J::object();
  j["text"] = v.text;
  j["items"] = J::array();
  for (std::size_t i = 0; i < v.items.size(); ++i) j["items"].push_back(std::string(v.item(i)));
  j["lines"] = v.lines;
}
template <typename J>
void from_json(const J& j, Field& v) {
  v.text = j.at("text").template get<std::string>();
  // Items are written as strings and read back as the parts of the text they
  // are, found in order.
  v.items.clear();
  std::size_t from = 0;
  for (const auto& element : j.at("items")) {
    const auto& item = element.template get_ref<const typename J::string_t&>();
    const std::size_t at = v.text.find(item, from);
    if (at == std::string::npos)
      throw std::invalid_argument("item " + element.dump() + " is not a part of the field's text (after byte " +
                                  std::to_string(from) + ")");
    v.items.push_back({static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(item.size())});
    from = at + item.size();
  }
  v.lines = j.at("lines").template get<LineSpan>();
}

template <typename J>
void to_json(J& j, const Units& v) {
  to_json(j, static_cast<const Field&>(v));
  j["lead"] = v.lead;
  j["support"] = v.support;
  j["implementers"] = v.implementers;
}
template <typename J>
void from_json(const J& j, Units& v) {
  from_json(j, static_cast<Field&>(v));
  v.lead = j.at("lead").template get<std::vector<std::string>>();
  v.support = j.at("support").template get<std::vector<std::string>>();
  v.implementers = j.at("implementers").template get<std::vector<std::string>>();
}

template <typename J>
void to_json(J& j, const Deadline& v) {
  to_json(j, static_cast<const Field&>(v));
  json_detail::put_nullable(j, "date", v.date);
}
template <typename J>
void from_json(const J& j, Deadline& v) {
  from_json(j, static_cast<Field&>(v));
  json_detail::get_optional(j, "date", v.date);
}

template <typename J>
void to_json(J& j, const OtherCell& v) {
  to_json(j, v.field);
  j["column"] = v.column;
}
template <typename J>
void from_json(const J& j, OtherCell& v) {
  from_json(j, v.field);
  v.column = j.at("column").template get<std::size_t>();
}

template <typename J>
void to_json(J& j, const Row& v) {
  j = J::object();
  json_detail::put_optional(j, "goal", v.goal);
  json_detail::put_optional(j, "annual_target", v.annual_target);
  json_detail::put_optional(j, "measures", v.measures);
  json_detail::put_optional(j, "units", v.units);
  json_detail::put_optional(j, "deadline", v.deadline);
  if (!v.other.empty()) j["other"] = v.other;
  j["lines"] = v.lines;
}
template <typename J>
void from_json(const J& j, Row& v) {
  json_detail::get_optional(j, "goal", v.goal);
  json_detail::get_optional(j, "annual_target", v.annual_target);
  json_detail::get_optional(j, "measures", v.measures);
  json_detail::get_optional(j, "units", v.units);
  json_detail::get_optional(j, "deadline", v.deadline);
  v.other.clear();
  if (auto it = j.find("other"); it != j.end()) v.other = it->template get<std::vector<OtherCell>>();
  v.lines = j.at("lines").template get<LineSpan>();
}

template <typename J>
void to_json(J& j, const SectionRef& v) {
  j = J::object();
  json_detail::put_nullable(j, "seq", v.seq);
  j["name"] = v.name;
}
template <typename J>
void from_json(const J& j, SectionRef& v) {
  json_detail::get_optional(j, "seq", v.seq);
  v.name = j.at("name").template get<std::string>();
}

template <typename J>
void to_json(J& j, const Task& v) {
  j = J::object();
  json_detail::put_nullable(j, "seq", v.seq);
  j["title"] = v.title;
  json_detail::put_optional(j, "section", v.section);
  j["lines"] = v.lines;
  j["rows"] = v.rows;
}
template <typename J>
void from_json(const J& j, Task& v) {
  json_detail::get_optional(j, "seq", v.seq);
  v.title = j.at("title").template get<std::string>();
  json_detail::get_optional(j, "section", v.section);
  v.lines = j.at("lines").template get<LineSpan>();
  v.rows = j.at("rows").template get<std::vector<Row>>();
}

template <typename J>
void to_json(J& j, const Domain& v) {
  j = J::object();
  json_detail::put_nullable(j, "seq", v.seq);
  j["name"] = v.name;
  j["lines"] = v.lines;
  json_detail::put_optional(j, "table", v.table);  // only in a document of several tables
  j["tasks"] = v.tasks;
}
template <typename J>
void from_json(const J& j, Domain& v) {
  json_detail::get_optional(j, "seq", v.seq);
  v.name = j.at("name").template get<std::string>();
  v.lines = j.at("lines").template get<LineSpan>();
  json_detail::get_optional(j, "table", v.table);
  v.tasks = j.at("tasks").template get<std::vector<Task>>();
}

template <typename J>
void to_json(J& j, const Table& v) {
  j = J::object();
  j["title"] = v.title;
  j["title_lines"] = v.title_lines;
  j["header"] = v.header;
  j["columns"] = v.columns;
}
template <typename J>
void from_json(const J& j, Table& v) {
  v.title = j.at("title").template get<std::string>();
  v.title_lines = j.at("title_lines").template get<LineSpan>();
  v.header = j.at("header").template get<std::uint32_t>();
  v.columns = j.at("columns").template get<std::vector<Column>>();
}

template <typename J>
void to_json(J& j, const Diagnostic& v) {
  j = J::object();
  j["severity"] = std::string(to_string(v.severity));
  j["line"] = v.line;
  j["message"] = v.message;
}
template <typename J>
void from_json(const J& j, Diagnostic& v) {
  const auto s = severity_from_string(j.at("severity").template get<std::string>());
  if (!s) throw std::invalid_argument("unknown severity " + j.at("severity").dump());
  v.severity = *s;
  v.line = j.at("line").template get<std::uint32_t>();
  v.message = j.at("message").template get<std::string>();
}

template <typename J>
void to_json(J& j, const Source& v) {
  j = J::object();
  j["name"] = v.name;
  j["encoding"] = v.encoding;
  j["bytes"] = v.bytes;
  j["lines"] = v.lines;
}
template <typename J>
void from_json(const J& j, Source& v) {
  v.name = j.at("name").template get<std::string>();
  v.encoding = j.at("encoding").template get<std::string>();
  v.bytes = j.at("bytes").template get<std::uint64_t>();
  v.lines = j.at("lines").template get<std::uint32_t>();
}

template <typename J>
void to_json(J& j, const Coverage& v) {
  j = J::object();
  j["chars"] = v.chars;
  j["in_fields"] = v.in_fields;
  j["furniture"] = v.furniture;
  j["unassigned"] = v.unassigned;
}
template <typename J>
void from_json(const J& j, Coverage& v) {
  v.chars = j.at("chars").template get<std::uint64_t>();
  v.in_fields = j.at("in_fields").template get<std::uint64_t>();
  v.furniture = j.at("furniture").template get<std::uint64_t>();
  v.unassigned = j.at("unassigned").template get<std::uint64_t>();
}

template <typename J>
void to_json(J& j, const Document& v) {
  j = J::object();
  j["title"] = v.title;
  j["title_lines"] = v.title_lines;
  j["source"] = v.source;
  j["columns"] = v.columns;
  if (!v.tables.empty()) j["tables"] = v.tables;  // only in a document of several tables
  j["domains"] = v.domains;
  j["diagnostics"] = v.diagnostics;
  j["coverage"] = v.coverage;
}
template <typename J>
void from_json(const J& j, Document& v) {
  v.title = j.at("title").template get<std::string>();
  v.title_lines = j.at("title_lines").template get<LineSpan>();
  v.source = j.at("source").template get<Source>();
  v.columns = j.at("columns").template get<std::vector<Column>>();
  v.tables.clear();
  if (auto it = j.find("tables"); it != j.end()) v.tables = it->template get<std::vector<Table>>();
  v.domains = j.at("domains").template get<std::vector<Domain>>();
  v.diagnostics = j.at("diagnostics").template get<std::vector<Diagnostic>>();
  v.coverage = j.at("coverage").template get<Coverage>();
}

}  // namespace qingdan
