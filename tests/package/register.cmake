# CTest tests for the installed package, included from tests/CMakeLists.txt:
#
#   include(package/register.cmake)
#
#   package_install    cmake --install of this build into a temporary prefix
#   package_cmake      consumer built with find_package(qingdan CONFIG REQUIRED)
#   package_pkgconfig  consumer built with pkg-config --cflags --libs --static
#
# The consumers are the tiny project in tests/package/consumer and the README
# example (examples/read_records.cpp). Needs pkg-config (Debian: pkg-config).
# The top-level CMakeLists.txt includes cmake/install.cmake after the tests,
# so target properties set there are read through generator expressions.
if(DEFINED QINGDAN_INSTALL AND NOT QINGDAN_INSTALL)
  return()  # no install rules, nothing to test
endif()
include(GNUInstallDirs)
find_program(QINGDAN_PKG_CONFIG NAMES pkg-config pkgconf DOC "pkg-config for the package_pkgconfig test")
if(NOT QINGDAN_PKG_CONFIG)
  message(WARNING "pkg-config not found: test package_pkgconfig will fail (apt-get install pkg-config)")
endif()

# The consumers link the installed (possibly instrumented) library: give them
# the flags of this build, including the directory-wide sanitizer options.
get_directory_property(_qingdan_dir_compile_options DIRECTORY "${PROJECT_SOURCE_DIR}" COMPILE_OPTIONS)
get_directory_property(_qingdan_dir_link_options DIRECTORY "${PROJECT_SOURCE_DIR}" LINK_OPTIONS)
string(JOIN " " _qingdan_consumer_cxx_flags ${CMAKE_CXX_FLAGS} ${_qingdan_dir_compile_options})
string(JOIN " " _qingdan_consumer_link_flags ${CMAKE_EXE_LINKER_FLAGS} ${_qingdan_dir_link_options})

set(_qingdan_package_args
  "-DBUILD_DIR=${PROJECT_BINARY_DIR}"
  "-DWORK=${CMAKE_CURRENT_BINARY_DIR}/package-work"
  "-DSOURCE_DIR=${PROJECT_SOURCE_DIR}"
  "-DCORPUS=${PROJECT_SOURCE_DIR}/corpus"
  "-DCONFIG=$<CONFIG>"
  "-DVERSION=${PROJECT_VERSION}"
  "-DSOVERSION=$<TARGET_PROPERTY:qingdan,SOVERSION>"
  "-DLIBRARY_TYPE=$<TARGET_PROPERTY:qingdan,TYPE>"
  "-DLIBDIR=${CMAKE_INSTALL_LIBDIR}"
  "-DINCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR}"
  "-DBINDIR=${CMAKE_INSTALL_BINDIR}"
  "-DDATADIR=${CMAKE_INSTALL_DATADIR}"
  "-DGENERATOR=${CMAKE_GENERATOR}"
  "-DCXX=${CMAKE_CXX_COMPILER}"
  "-DCXX_FLAGS=${_qingdan_consumer_cxx_flags}"
  "-DLINK_FLAGS=${_qingdan_consumer_link_flags}"
  "-DPKG_CONFIG=${QINGDAN_PKG_CONFIG}")

foreach(_qingdan_step IN ITEMS install cmake pkgconfig)
  add_test(NAME package_${_qingdan_step}
    COMMAND "${CMAKE_COMMAND}" ${_qingdan_package_args} "-DSTEP=${_qingdan_step}"
            -P "${CMAKE_CURRENT_LIST_DIR}/run.cmake")
  set_tests_properties(package_${_qingdan_step} PROPERTIES TIMEOUT 600 LABELS package)
endforeach()
set_tests_properties(package_install PROPERTIES FIXTURES_SETUP qingdan_installed)
set_tests_properties(package_cmake package_pkgconfig PROPERTIES FIXTURES_REQUIRED qingdan_installed)
