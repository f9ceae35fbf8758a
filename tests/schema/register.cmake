# CTest tests for the output schemas, included from tests/CMakeLists.txt:
#
#   include(schema/register.cmake)
#
#   schema_json  qingdan output for every corpus/*.txt against schema/qingdan.schema.json
#                (python3-jsonschema, Draft 2020-12), plus broken documents it must reject
#   schema_xml   qingdan --format xml output against schema/qingdan.xsd (xmllint from
#                libxml2-utils), plus broken documents it must reject
#
# A missing tool is reported at configure time and makes its test fail, never skip.

# A Python 3 that has jsonschema with Draft202012Validator: Debian's /usr/bin/python3
# first (another python3 on PATH, e.g. pyenv's, may lack the Debian package).
if(NOT QINGDAN_JSONSCHEMA_PYTHON)
  find_program(_qingdan_path_python3 python3)
  foreach(_qingdan_python IN ITEMS /usr/bin/python3 "${_qingdan_path_python3}")
    if(_qingdan_python AND EXISTS "${_qingdan_python}")
      execute_process(COMMAND "${_qingdan_python}" -c "from jsonschema import Draft202012Validator"
                      RESULT_VARIABLE _qingdan_rc OUTPUT_QUIET ERROR_QUIET)
      if(_qingdan_rc EQUAL 0)
        set(QINGDAN_JSONSCHEMA_PYTHON "${_qingdan_python}" CACHE FILEPATH
            "Python 3 with jsonschema (Draft 2020-12) for the schema_json test")
        break()
      endif()
    endif()
  endforeach()
endif()
if(QINGDAN_JSONSCHEMA_PYTHON)
  set(_qingdan_schema_python "${QINGDAN_JSONSCHEMA_PYTHON}")
else()
  message(WARNING "No python3 with jsonschema.Draft202012Validator: test schema_json will fail "
                  "(apt-get install python3-jsonschema)")
  set(_qingdan_schema_python /usr/bin/python3)
endif()
find_program(QINGDAN_XMLLINT xmllint DOC "xmllint for the schema_xml test")
if(NOT QINGDAN_XMLLINT)
  message(WARNING "xmllint not found: test schema_xml will fail (apt-get install libxml2-utils)")
endif()

add_test(NAME schema_json
  COMMAND "${_qingdan_schema_python}" "${CMAKE_CURRENT_LIST_DIR}/check_json.py" $<TARGET_FILE:qingdan_cli>
          "${PROJECT_SOURCE_DIR}/schema/qingdan.schema.json" "${PROJECT_SOURCE_DIR}/corpus"
          "${CMAKE_CURRENT_BINARY_DIR}/schema-work/json")
add_test(NAME schema_xml
  COMMAND "${CMAKE_COMMAND}" -DQINGDAN=$<TARGET_FILE:qingdan_cli> "-DXMLLINT=${QINGDAN_XMLLINT}"
          "-DSCHEMA=${PROJECT_SOURCE_DIR}/schema/qingdan.xsd" "-DCORPUS=${PROJECT_SOURCE_DIR}/corpus"
          "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/schema-work/xml" -P "${CMAKE_CURRENT_LIST_DIR}/check_xml.cmake")
set_tests_properties(schema_json schema_xml PROPERTIES TIMEOUT 300 LABELS schema)
