# End-to-end checks of the qingdan command line: exit codes, the stderr
# diagnostic format, stdin, formats, and that a failed run writes nothing.
# Run as: cmake -DQINGDAN=... -DCORPUS=... -DWORK=... -P cli_test.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(failures 0)

# expect("description" <if() condition...>)
function(expect what)
  if(NOT (${ARGN}))
    message(SEND_ERROR "FAILED: ${what}")
    math(EXPR f "${failures} + 1")
    set(failures ${f} PARENT_SCOPE)
  else()
    message(STATUS "ok: ${what}")
  endif()
endfunction()

macro(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
endmacro()

# Success: JSON on stdout, exit 0.
run("${QINGDAN}" "${CORPUS}/chuxiong-2023.txt")
expect("seed converts with exit 0" rc EQUAL 0)
string(JSON ndomains LENGTH "${out}" domains)
expect("seed has 9 domains" ndomains EQUAL 9)

# XML format.
run("${QINGDAN}" --format xml "${CORPUS}/chuxiong-2023.txt")
expect("xml exit 0" rc EQUAL 0)
string(FIND "${out}" "<domain seq=\"9\"" pos)
expect("xml has domain 9" pos GREATER -1)

# Standard input.
execute_process(COMMAND "${QINGDAN}" - INPUT_FILE "${CORPUS}/chuxiong-2023.txt" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
expect("stdin exit 0" rc EQUAL 0)
string(JSON title GET "${out}" title)
expect("stdin title read" title MATCHES ".")

# -o writes the file.
run("${QINGDAN}" -o "${WORK}/seed.json" "${CORPUS}/chuxiong-2023.txt")
expect("-o exit 0" rc EQUAL 0)
expect("-o file exists" EXISTS "${WORK}/seed.json")

# Missing file: usage / I/O error, exit 2.
run("${QINGDAN}" "${WORK}/no-such-file.txt")
expect("missing file exit 2" rc EQUAL 2)
string(FIND "${err}" "no-such-file.txt" pos)
expect("missing file named" pos GREATER -1)

# Unknown option: exit 2.
run("${QINGDAN}" --no-such-option "${CORPUS}/chuxiong-2023.txt")
expect("bad option exit 2" rc EQUAL 2)

# Invalid UTF-8: exit 1, FILE:LINE: error: ..., no output file.
file(READ "${CORPUS}/chuxiong-2023.txt" seed)
string(ASCII 255 ff)
file(WRITE "${WORK}/bad.txt" "${seed}")
# The seed ends in a line holding one space (line 1074); the bad byte lands on it.
file(APPEND "${WORK}/bad.txt" "x${ff}y\n")
run("${QINGDAN}" -o "${WORK}/bad.json" "${WORK}/bad.txt")
expect("invalid utf-8 exit 1" rc EQUAL 1)
string(REGEX MATCH "bad.txt:1074: error: invalid UTF-8 byte 0xFF at line 1074, byte offset 50472" m "${err}")
expect("invalid utf-8 diagnostic names file, line and offset" m MATCHES ".")
expect("nothing written on failure" NOT EXISTS "${WORK}/bad.json")
expect("nothing on stdout on failure" NOT out MATCHES ".")

# Empty input: exit 1.
file(WRITE "${WORK}/empty.txt" "")
run("${QINGDAN}" "${WORK}/empty.txt")
expect("empty exit 1" rc EQUAL 1)
string(FIND "${err}" "empty.txt:0: error: input is empty" pos)
expect("empty diagnostic" pos GREATER -1)

# Prose without a table: exit 1.
file(WRITE "${WORK}/prose.txt" "关于印发方案的通知\n现将方案印发给你们，请认真贯彻执行。\n")
run("${QINGDAN}" "${WORK}/prose.txt")
expect("no table exit 1" rc EQUAL 1)

# A failed run does not clobber an existing output file.
file(WRITE "${WORK}/keep.json" "previous")
run("${QINGDAN}" -o "${WORK}/keep.json" "${WORK}/empty.txt")
file(READ "${WORK}/keep.json" kept)
expect("existing output untouched on failure" kept STREQUAL "previous")

# Input size limit: a clear error, exit 1, nothing written.
run("${QINGDAN}" --max-input-bytes 1000 -o "${WORK}/big.json" "${CORPUS}/chuxiong-2023.txt")
expect("size limit exit 1" rc EQUAL 1)
string(FIND "${err}" "more than the limit of 1000" pos)
expect("size limit message" pos GREATER -1)
expect("size limit writes nothing" NOT EXISTS "${WORK}/big.json")
execute_process(COMMAND "${QINGDAN}" --max-input-bytes 1000 - INPUT_FILE "${CORPUS}/chuxiong-2023.txt"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
expect("size limit on stdin exit 1" rc EQUAL 1)

# A forced encoding: the seed read as GB18030 is refused with a clear error
# (its UTF-8 bytes are not valid GB18030), as UTF-8 it converts.
run("${QINGDAN}" --encoding UTF-8 "${CORPUS}/chuxiong-2023.txt")
expect("--encoding UTF-8 exit 0" rc EQUAL 0)
run("${QINGDAN}" --encoding no-such-charset "${CORPUS}/chuxiong-2023.txt")
expect("unknown encoding is a usage error, exit 2" rc EQUAL 2)
string(FIND "${err}" "no-such-charset" pos)
expect("unknown encoding named" pos GREATER -1)

# A forced layout that does not fit is an error; the right one converts.
run("${QINGDAN}" --layout list "${CORPUS}/chuxiong-2023.txt")
expect("--layout list on a table exit 1" rc EQUAL 1)
run("${QINGDAN}" --layout table "${CORPUS}/chuxiong-2023.txt")
expect("--layout table exit 0" rc EQUAL 0)
run("${QINGDAN}" --layout bogus "${CORPUS}/chuxiong-2023.txt")
expect("--layout bogus exit 2" rc EQUAL 2)

# --version: the project's version and the ICU the tool runs with, on stdout,
# exit 0, for the plain form and both subcommands (no INPUT needed).
foreach(form "" convert filter)
  if(form STREQUAL "")
    run("${QINGDAN}" --version)
  else()
    run("${QINGDAN}" ${form} --version)
  endif()
  expect("${form} --version exit 0" rc EQUAL 0)
  string(REPLACE "." "\\." version_re "${VERSION}")
  expect("${form} --version names qingdan ${VERSION} and ICU"
         out MATCHES "^qingdan ${version_re} \\(ICU [0-9]+(\\.[0-9]+)+, Unicode [0-9]+(\\.[0-9]+)+\\)\n$")
  expect("${form} --version writes nothing on stderr" "x${err}" STREQUAL "x")
endforeach()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} CLI check(s) failed")
endif()
