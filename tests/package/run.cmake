# Installs the current build into a temporary prefix and builds consumers
# against it. Run by CTest (tests/package/register.cmake), one STEP per test:
#
#   install    cmake --install BUILD_DIR --prefix WORK/prefix; check the files
#              and run the installed tool
#   cmake      configure + build + run tests/package/consumer with
#              find_package(qingdan CONFIG REQUIRED), and the README example
#   pkgconfig  compile + run consumer/main.cpp with the flags of
#              `pkg-config --cflags --libs --static qingdan`
#
# Variables: STEP BUILD_DIR WORK SOURCE_DIR CONFIG VERSION SOVERSION LIBDIR
# INCLUDEDIR BINDIR DATADIR LIBRARY_TYPE CXX CXX_FLAGS LINK_FLAGS GENERATOR
# PKG_CONFIG CORPUS.
cmake_minimum_required(VERSION 3.18)

set(prefix "${WORK}/prefix")
set(consumer_src "${SOURCE_DIR}/tests/package/consumer")
set(example "${SOURCE_DIR}/examples/read_records.cpp")
# Sanitizer/user flags of the build, so an instrumented libqingdan.a links.
separate_arguments(cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
separate_arguments(link_flags UNIX_COMMAND "${LINK_FLAGS}")

function(run)  # run(<what> COMMAND ...) -> fails the test unless exit 0; output in run_output
  cmake_parse_arguments(PARSE_ARGV 1 R "" "" "COMMAND")
  execute_process(COMMAND ${R_COMMAND} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${R_COMMAND}")
    message(FATAL_ERROR "${ARGV0} failed (exit ${rc}):\n  ${cmd}\n--- stdout\n${out}\n--- stderr\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
  set(run_error "${err}" PARENT_SCOPE)
endfunction()

function(expect what text regex)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected output matching\n  ${regex}\ngot:\n${text}")
  endif()
endfunction()

function(expect_contains what text literal)
  string(FIND "${text}" "${literal}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "${what}: expected output containing\n  ${literal}\ngot:\n${text}")
  endif()
endfunction()

# The consumer's parse of its built-in document, and the example on the corpus.
function(check_consumer_output what out)
  expect("${what}" "${out}" "domains: 1\ntasks: 2\ntitle: 测试清单\n")
endfunction()
function(check_example_output what out)
  expect("${what}" "${out}" "^楚雄州[^\n]*任务分解清单\n1 幼有所育\n  1\\. 加大标准化儿童保健设施建设力度 \\(lines 8-36\\)\n     lead: 州卫生健康委\n")
endfunction()

if(STEP STREQUAL "install")
  file(REMOVE_RECURSE "${prefix}")
  set(config_args)
  if(CONFIG)
    set(config_args --config "${CONFIG}")
  endif()
  run("cmake --install" COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" ${config_args})

  set(expected
    "${INCLUDEDIR}/qingdan/qingdan.hpp" "${INCLUDEDIR}/qingdan/document.hpp" "${INCLUDEDIR}/qingdan/json.hpp"
    "${LIBDIR}/cmake/qingdan/qingdanConfig.cmake" "${LIBDIR}/cmake/qingdan/qingdanConfigVersion.cmake"
    "${LIBDIR}/cmake/qingdan/qingdanTargets.cmake" "${LIBDIR}/pkgconfig/qingdan.pc"
    "${BINDIR}/qingdan" "${DATADIR}/qingdan/qingdan.schema.json" "${DATADIR}/qingdan/qingdan.xsd")
  if(LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
    list(APPEND expected "${LIBDIR}/libqingdan.so" "${LIBDIR}/libqingdan.so.${SOVERSION}"
         "${LIBDIR}/libqingdan.so.${VERSION}")
  else()
    list(APPEND expected "${LIBDIR}/libqingdan.a")
  endif()
  foreach(f IN LISTS expected)
    if(NOT EXISTS "${prefix}/${f}")
      message(FATAL_ERROR "not installed: ${prefix}/${f}")
    endif()
  endforeach()
  if(LIBRARY_TYPE STREQUAL "SHARED_LIBRARY")
    # The SONAME carries SOVERSION; the tool finds the library through its RPATH.
    file(READ_SYMLINK "${prefix}/${LIBDIR}/libqingdan.so" link)
    if(NOT link STREQUAL "libqingdan.so.${SOVERSION}")
      message(FATAL_ERROR "libqingdan.so -> ${link}, expected libqingdan.so.${SOVERSION}")
    endif()
    find_program(OBJDUMP objdump)
    if(OBJDUMP)
      run("objdump" COMMAND "${OBJDUMP}" -p "${prefix}/${LIBDIR}/libqingdan.so.${VERSION}")
      expect("SONAME of libqingdan.so.${VERSION}" "${run_output}" "SONAME +libqingdan\\.so\\.${SOVERSION}\n")
    endif()
  endif()
  # Headers only: nothing from lib/ (the internal stage headers) is installed.
  file(GLOB headers RELATIVE "${prefix}/${INCLUDEDIR}/qingdan" "${prefix}/${INCLUDEDIR}/qingdan/*")
  if(NOT headers STREQUAL "document.hpp;json.hpp;qingdan.hpp")
    message(FATAL_ERROR "installed headers: ${headers}")
  endif()

  run("installed qingdan" COMMAND "${prefix}/${BINDIR}/qingdan" --format xml "${CORPUS}/chuxiong-2023.txt")
  expect("installed qingdan" "${run_output}" "<task seq=\"1\" lines=\"8-36\">")
  message(STATUS "installed into ${prefix}")

elseif(STEP STREQUAL "cmake")
  set(bin "${WORK}/consumer-cmake")
  file(REMOVE_RECURSE "${bin}")
  set(build_type_arg)
  if(CONFIG)
    set(build_type_arg "-DCMAKE_BUILD_TYPE=${CONFIG}")
  endif()
  run("configuring the find_package consumer" COMMAND "${CMAKE_COMMAND}" -S "${consumer_src}" -B "${bin}"
      -G "${GENERATOR}" "-DCMAKE_CXX_COMPILER=${CXX}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
      "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}" ${build_type_arg} "-DCMAKE_PREFIX_PATH=${prefix}"
      -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "-DQINGDAN_VERSION=${VERSION}" "-DQINGDAN_EXAMPLE=${example}")
  # Make sure the package came from the temporary prefix, not from the system.
  expect_contains("find_package(qingdan)" "${run_output}" "qingdan_DIR=${prefix}/${LIBDIR}/cmake/qingdan\n")
  expect_contains("find_package(qingdan)" "${run_output}" "qingdan_VERSION=${VERSION}\n")
  run("building the find_package consumer" COMMAND "${CMAKE_COMMAND}" --build "${bin}")
  run("consumer (find_package)" COMMAND "${bin}/consumer")
  check_consumer_output("consumer (find_package)" "${run_output}")
  run("read_records (find_package)" COMMAND "${bin}/read_records" "${CORPUS}/chuxiong-2023.txt")
  check_example_output("read_records (find_package)" "${run_output}")
  message(STATUS "find_package consumer:\n${run_output}")

elseif(STEP STREQUAL "pkgconfig")
  if(NOT PKG_CONFIG)
    message(FATAL_ERROR "pkg-config not found (apt-get install pkg-config)")
  endif()
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  run("pkg-config --modversion" COMMAND "${PKG_CONFIG}" --modversion qingdan)
  string(STRIP "${run_output}" modversion)
  if(NOT modversion STREQUAL VERSION)
    message(FATAL_ERROR "pkg-config --modversion qingdan: ${modversion}, expected ${VERSION}")
  endif()
  run("pkg-config --variable=libdir" COMMAND "${PKG_CONFIG}" --variable=libdir qingdan)
  string(STRIP "${run_output}" pc_libdir)
  get_filename_component(pc_libdir "${pc_libdir}" REALPATH)
  get_filename_component(want_libdir "${prefix}/${LIBDIR}" REALPATH)
  if(NOT pc_libdir STREQUAL want_libdir)
    message(FATAL_ERROR "qingdan.pc: libdir ${pc_libdir}, expected ${want_libdir}")
  endif()
  run("pkg-config --cflags --libs --static" COMMAND "${PKG_CONFIG}" --cflags --libs --static qingdan)
  string(STRIP "${run_output}" flags)
  message(STATUS "pkg-config --cflags --libs --static qingdan: ${flags}")
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(bin "${WORK}/consumer-pkgconfig")
  file(REMOVE_RECURSE "${bin}")
  file(MAKE_DIRECTORY "${bin}")
  # -Wl,-rpath: a shared libqingdan.so is found at run time.
  foreach(program IN ITEMS consumer read_records)
    if(program STREQUAL "consumer")
      set(src "${consumer_src}/main.cpp")
    else()
      set(src "${example}")
    endif()
    run("compiling ${program} with pkg-config flags" COMMAND "${CXX}" -std=c++17 ${cxx_flags} "${src}" -o
        "${bin}/${program}" ${flags} ${link_flags} "-Wl,-rpath,${pc_libdir}")
  endforeach()
  run("consumer (pkg-config)" COMMAND "${bin}/consumer")
  check_consumer_output("consumer (pkg-config)" "${run_output}")
  run("read_records (pkg-config)" COMMAND "${bin}/read_records" "${CORPUS}/chuxiong-2023.txt")
  check_example_output("read_records (pkg-config)" "${run_output}")
  message(STATUS "pkg-config consumer:\n${run_output}")

else()
  message(FATAL_ERROR "STEP must be install, cmake or pkgconfig, not '${STEP}'")
endif()
