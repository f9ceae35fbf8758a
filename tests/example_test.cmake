# The README's library example (examples/read_records.cpp): runs it on the
# seed document and checks its output, and checks that README.md shows the
# file verbatim, so neither can go stale.
#
#   cmake -DEXAMPLE_EXE=... -DEXAMPLE_SOURCE=... -DREADME=... -DCORPUS=... -P example_test.cmake
cmake_minimum_required(VERSION 3.18)

execute_process(COMMAND "${EXAMPLE_EXE}" "${CORPUS}/chuxiong-2023.txt"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "read_records exited ${rc}\n${out}\n${err}")
endif()
# Title, first domain, first task with its span, its lead unit; and the last task.
set(expected "^楚雄州[^\n]*任务分解清单\n1 幼有所育\n  1\\. 加大标准化儿童保健设施建设力度 \\(lines 8-36\\)\n     lead: 州卫生健康委\n")
if(NOT out MATCHES "${expected}")
  message(FATAL_ERROR "read_records output does not start as expected:\n${out}")
endif()
if(NOT out MATCHES "\n     lead: [^\n]+\n$")
  message(FATAL_ERROR "read_records output does not end with a lead line:\n${out}")
endif()

file(READ "${EXAMPLE_SOURCE}" source)
file(READ "${README}" readme)
string(FIND "${readme}" "```cpp\n${source}```\n" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "${README} does not show ${EXAMPLE_SOURCE} verbatim in a ```cpp block: "
                      "paste the file into README.md (section Library) again")
endif()
