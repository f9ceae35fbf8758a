# Install rules and package files, included at the end of the top-level
# CMakeLists.txt. `cmake --install build [--prefix P]` puts
#
#   include/qingdan/*.hpp                 public headers (qingdan.hpp, document.hpp, json.hpp)
#   lib/libqingdan.a                      static by default; -DBUILD_SHARED_LIBS=ON gives
#                                         libqingdan.so -> .so.SOVERSION -> .so.VERSION
#   lib/cmake/qingdan/                    qingdanConfig.cmake, qingdanConfigVersion.cmake,
#                                         qingdanTargets*.cmake: find_package(qingdan CONFIG),
#                                         target qingdan::qingdan
#   lib/pkgconfig/qingdan.pc              pkg-config (relocatable: paths relative to the .pc file)
#   bin/qingdan                           the command-line tool
#   share/qingdan/qingdan.schema.json     JSON Schema (2020-12) and XSD of the output
#   share/qingdan/qingdan.xsd
#
# (lib/ is CMAKE_INSTALL_LIBDIR, e.g. lib/x86_64-linux-gnu for a /usr prefix.)
# Components: Runtime (shared library, tool, schemas) and Development
# (headers, static library, shared-library namelink, CMake and pkg-config files).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

option(QINGDAN_INSTALL "Generate the install rules for qingdan" ON)
set(QINGDAN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/qingdan")

# The records in the public headers are the ABI. While the major version is 0
# a minor release may change them, so the SONAME and the find_package version
# check follow major.minor; from 1.0 on, the major version alone.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(QINGDAN_SOVERSION "${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}")
  set(_qingdan_compatibility SameMinorVersion)
else()
  set(QINGDAN_SOVERSION "${PROJECT_VERSION_MAJOR}")
  set(_qingdan_compatibility SameMajorVersion)
endif()
set_target_properties(qingdan PROPERTIES
  VERSION "${PROJECT_VERSION}"
  SOVERSION "${QINGDAN_SOVERSION}"
  EXPORT_NAME qingdan)
# The public headers need C++17 (std::optional, std::string_view): a usage
# requirement, so that qingdan::qingdan consumers compile with at least C++17.
target_compile_features(qingdan PUBLIC cxx_std_17)

get_target_property(_qingdan_type qingdan TYPE)
if(_qingdan_type STREQUAL "STATIC_LIBRARY")
  set(QINGDAN_STATIC_LIBRARY ON)
else()
  set(QINGDAN_STATIC_LIBRARY OFF)
endif()

if(QINGDAN_INSTALL)
  # The installed tool finds an installed shared libqingdan next to it.
  if(NOT QINGDAN_STATIC_LIBRARY AND UNIX)
    file(RELATIVE_PATH _qingdan_bin_to_lib "/prefix/${CMAKE_INSTALL_BINDIR}" "/prefix/${CMAKE_INSTALL_LIBDIR}")
    if(APPLE)
      set_property(TARGET qingdan_cli APPEND PROPERTY INSTALL_RPATH "@loader_path/${_qingdan_bin_to_lib}")
    else()
      set_property(TARGET qingdan_cli APPEND PROPERTY INSTALL_RPATH "$ORIGIN/${_qingdan_bin_to_lib}")
    endif()
  endif()

  # Library and tool. For a static library, CMake exports the PRIVATE
  # dependencies (ICU, pugixml) as $<LINK_ONLY:...> entries of
  # INTERFACE_LINK_LIBRARIES, so consumers link them without seeing their
  # headers; qingdanConfig.cmake finds them first.
  set(_qingdan_includes)
  if(NOT CMAKE_INSTALL_INCLUDEDIR STREQUAL "include")  # the target already has $<INSTALL_INTERFACE:include>
    set(_qingdan_includes INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
  endif()
  install(TARGETS qingdan EXPORT qingdanTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Development
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT Runtime NAMELINK_COMPONENT Development
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime
    ${_qingdan_includes})
  install(TARGETS qingdan_cli RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT Runtime)

  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/qingdan" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
    COMPONENT Development FILES_MATCHING PATTERN "*.hpp")

  install(FILES "${PROJECT_SOURCE_DIR}/schema/qingdan.schema.json" "${PROJECT_SOURCE_DIR}/schema/qingdan.xsd"
    "${PROJECT_SOURCE_DIR}/schema/qingdan-sqlite.sql" "${PROJECT_SOURCE_DIR}/schema/qingdan-postgres.sql"
    DESTINATION "${CMAKE_INSTALL_DATADIR}/qingdan" COMPONENT Runtime)

  # CMake package: find_package(qingdan CONFIG) -> qingdan::qingdan.
  install(EXPORT qingdanTargets NAMESPACE qingdan:: FILE qingdanTargets.cmake
    DESTINATION "${QINGDAN_INSTALL_CMAKEDIR}" COMPONENT Development)
  configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/qingdanConfig.cmake.in"
    "${CMAKE_CURRENT_BINARY_DIR}/qingdanConfig.cmake"
    INSTALL_DESTINATION "${QINGDAN_INSTALL_CMAKEDIR}"
    NO_SET_AND_CHECK_MACRO)
  write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/qingdanConfigVersion.cmake"
    VERSION "${PROJECT_VERSION}" COMPATIBILITY ${_qingdan_compatibility})
  install(FILES "${CMAKE_CURRENT_BINARY_DIR}/qingdanConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/qingdanConfigVersion.cmake"
    DESTINATION "${QINGDAN_INSTALL_CMAKEDIR}" COMPONENT Development)

  # pkg-config. The prefix is derived from the .pc file's own location
  # (${pcfiledir}), so the file stays right for `cmake --install --prefix`,
  # DESTDIR and relocated packages; absolute install dirs are kept as given.
  if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
    set(QINGDAN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
    set(QINGDAN_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
  else()
    file(RELATIVE_PATH _qingdan_pc_to_prefix "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
    string(REGEX REPLACE "/$" "" _qingdan_pc_to_prefix "${_qingdan_pc_to_prefix}")
    set(QINGDAN_PC_PREFIX "\${pcfiledir}/${_qingdan_pc_to_prefix}")
    set(QINGDAN_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
  endif()
  if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
    set(QINGDAN_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
  else()
    set(QINGDAN_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
  endif()
  configure_file("${CMAKE_CURRENT_LIST_DIR}/qingdan.pc.in" "${CMAKE_CURRENT_BINARY_DIR}/qingdan.pc" @ONLY)
  install(FILES "${CMAKE_CURRENT_BINARY_DIR}/qingdan.pc" DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig"
    COMPONENT Development)
endif()
