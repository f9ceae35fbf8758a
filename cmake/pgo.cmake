# Profile-guided optimisation (GCC) of the library and the tool, in release
# builds. Included from the top-level CMakeLists.txt after the targets exist.
#
# The work is a long chain of small decisions per line and per character
# (is this a footer, a marker, a label, a unit?), most of them "no": where the
# compiler knows which way each one usually goes, it lays the common path out
# straight and inlines what is called often. Measured on the 2-core VM,
# benchmark text -> JSON at 50 KB, alternating with the same code built
# without a profile: seed +8-10 %, list +9-11 %, key-value +8-12 %, pipe
# +4-6 %, GB18030 +7 %, Big5 +7-10 %. Trained without the list and key-value
# documents, list gained 5-8 % and key-value nothing: the profile helps the
# layouts the corpus shows.
#
# How: before the library is compiled, a second tree of this project is built
# in BUILD/pgo/build with -fprofile-generate (the tool only: no tests, no
# benchmarks), that instrumented tool converts every document of corpus/ to
# JSON, XML, NDJSON and rows, and the counts it leaves in BUILD/pgo/profile are then
# read by this build's -fprofile-use. -fprofile-prefix-path makes the two
# trees' object names agree; -fprofile-partial-training keeps code the corpus
# never reaches (other layouts' paths, error paths) optimised as without a
# profile rather than for size. A change to any source or to corpus/ trains
# again. The output does not depend on it (the tests run on this build).
#
# Off with -DQINGDAN_PGO=OFF (an edit then recompiles one file, not the
# library twice), and always off for other build types, other compilers,
# sanitizers and cross builds.
option(QINGDAN_PGO "Optimise release builds of the library and tool with a profile trained on corpus/ (GCC)" ON)
set(QINGDAN_PGO_STAGE "" CACHE INTERNAL "generate: this tree is the instrumented training build")
set(QINGDAN_PGO_DATA "" CACHE INTERNAL "where the training build writes its profile")

set(_qingdan_pgo_targets qingdan_objects qingdan_cli)

if(QINGDAN_PGO_STAGE STREQUAL "generate")
  # Atomic updates: a batch with -j above 1 would count on several threads.
  foreach(_target ${_qingdan_pgo_targets})
    target_compile_options(${_target} PRIVATE -fprofile-generate=${QINGDAN_PGO_DATA}
                           -fprofile-prefix-path=${PROJECT_BINARY_DIR} -fprofile-update=prefer-atomic)
  endforeach()
  target_link_options(qingdan_cli PRIVATE -fprofile-generate=${QINGDAN_PGO_DATA})
  return()
endif()

set(_qingdan_pgo OFF)
if(QINGDAN_PGO)
  if(NOT CMAKE_BUILD_TYPE STREQUAL "Release")
    message(STATUS "qingdan: no profile-guided optimisation (build type ${CMAKE_BUILD_TYPE}, not Release)")
  elseif(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 11)
    message(STATUS "qingdan: no profile-guided optimisation (needs GCC 11 or later for -fprofile-prefix-path)")
  elseif(QINGDAN_SANITIZE OR CMAKE_CROSSCOMPILING)
    message(STATUS "qingdan: no profile-guided optimisation (sanitizers or a cross build)")
  else()
    set(_qingdan_pgo ON)
  endif()
endif()
if(NOT _qingdan_pgo)
  return()
endif()

set(_pgo_dir "${PROJECT_BINARY_DIR}/pgo")
set(_pgo_tree "${_pgo_dir}/build")
set(_pgo_data "${_pgo_dir}/profile")
set(_pgo_stamp "${_pgo_dir}/trained.stamp")
set(_pgo_out "${_pgo_dir}/out")

# What the profile depends on: every source of the two targets, the headers
# they include, the build files and the training documents.
set(_pgo_inputs)
foreach(_target ${_qingdan_pgo_targets})
  get_target_property(_sources ${_target} SOURCES)
  foreach(_source ${_sources})
    if(NOT _source MATCHES "^\\$<" AND NOT IS_ABSOLUTE "${_source}")
      list(APPEND _pgo_inputs "${PROJECT_SOURCE_DIR}/${_source}")
    endif()
  endforeach()
endforeach()
file(GLOB _pgo_headers "${PROJECT_SOURCE_DIR}/lib/*.hpp" "${PROJECT_SOURCE_DIR}/tools/*.hpp"
     "${PROJECT_SOURCE_DIR}/include/qingdan/*.hpp")
file(GLOB _pgo_corpus "${PROJECT_SOURCE_DIR}/corpus/*.txt")
list(APPEND _pgo_inputs ${_pgo_headers} ${_pgo_corpus} "${PROJECT_SOURCE_DIR}/CMakeLists.txt"
     "${PROJECT_SOURCE_DIR}/cmake/pgo.cmake")

# The training tree is configured like this one (same compiler and flags: the
# profile is only read back for code compiled the same way).
cmake_host_system_information(RESULT _pgo_jobs QUERY NUMBER_OF_LOGICAL_CORES)
set(_pgo_tool "${_pgo_tree}/qingdan")
add_custom_command(OUTPUT "${_pgo_stamp}"
  COMMAND ${CMAKE_COMMAND} -E rm -rf "${_pgo_data}" "${_pgo_out}"
  COMMAND ${CMAKE_COMMAND} -S "${PROJECT_SOURCE_DIR}" -B "${_pgo_tree}" -G "${CMAKE_GENERATOR}"
          "-DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}" "-DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}"
          "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}" "-DCMAKE_CXX_FLAGS_RELEASE=${CMAKE_CXX_FLAGS_RELEASE}"
          "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
          -DQINGDAN_PGO_STAGE=generate "-DQINGDAN_PGO_DATA=${_pgo_data}"
          -DQINGDAN_BUILD_TESTS=OFF -DQINGDAN_BUILD_BENCH=OFF -DQINGDAN_INSTALL=OFF
          "-DQINGDAN_JEMALLOC=${QINGDAN_JEMALLOC}" "-DQINGDAN_STATIC_TOOL=${QINGDAN_STATIC_TOOL}"
          "-DBUILD_SHARED_LIBS=${BUILD_SHARED_LIBS}"
  COMMAND ${CMAKE_COMMAND} --build "${_pgo_tree}" --target qingdan_cli --parallel ${_pgo_jobs}
  # The training run: every corpus document into each output the tool writes
  # (the instrumented tool adds its counts to the profile at each exit).
  COMMAND "${_pgo_tool}" convert -j1 -q --format json --out "${_pgo_out}" "${PROJECT_SOURCE_DIR}/corpus"
  COMMAND "${_pgo_tool}" convert -j1 -q --format xml --out "${_pgo_out}" "${PROJECT_SOURCE_DIR}/corpus"
  COMMAND "${_pgo_tool}" convert -j1 -q --format ndjson -o "${_pgo_out}/all.ndjson" "${PROJECT_SOURCE_DIR}/corpus"
  COMMAND "${_pgo_tool}" convert -j1 -q --format rows -o "${_pgo_out}/rows.ndjson" "${PROJECT_SOURCE_DIR}/corpus"
  COMMAND ${CMAKE_COMMAND} -E touch "${_pgo_stamp}"
  DEPENDS ${_pgo_inputs}
  COMMENT "Training the optimisation profile: an instrumented qingdan over corpus/ (-DQINGDAN_PGO=OFF skips this)"
  VERBATIM)
add_custom_target(qingdan_pgo_profile DEPENDS "${_pgo_stamp}")

foreach(_target ${_qingdan_pgo_targets})
  add_dependencies(${_target} qingdan_pgo_profile)
  target_compile_options(${_target} PRIVATE -fprofile-use=${_pgo_data} -fprofile-prefix-path=${PROJECT_BINARY_DIR}
                         -fprofile-partial-training)
  # Recompiled whenever the profile is trained again.
  get_target_property(_sources ${_target} SOURCES)
  foreach(_source ${_sources})
    if(_source MATCHES "\\.cpp$")
      set_property(SOURCE "${_source}" TARGET_DIRECTORY ${_target} APPEND PROPERTY OBJECT_DEPENDS "${_pgo_stamp}")
    endif()
  endforeach()
endforeach()
message(STATUS "qingdan: profile-guided optimisation on (trained on corpus/ in ${_pgo_dir}; -DQINGDAN_PGO=OFF to skip)")
