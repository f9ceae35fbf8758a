# API documentation: target `doc` (not part of `all`), only when Doxygen is
# installed (Debian package doxygen; graphviz adds diagrams if present).
#
#   cmake --build build --target doc      # -> build/docs/html/index.html
find_package(Doxygen OPTIONAL_COMPONENTS dot)
if(DOXYGEN_FOUND)
  set(QINGDAN_DOC_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/docs")
  if(DOXYGEN_DOT_FOUND)
    set(QINGDAN_DOXYGEN_HAVE_DOT YES)
  else()
    set(QINGDAN_DOXYGEN_HAVE_DOT NO)
  endif()
  configure_file("${PROJECT_SOURCE_DIR}/docs/Doxyfile.in" "${CMAKE_CURRENT_BINARY_DIR}/Doxyfile" @ONLY)
  add_custom_target(doc
    COMMAND Doxygen::doxygen "${CMAKE_CURRENT_BINARY_DIR}/Doxyfile"
    WORKING_DIRECTORY "${PROJECT_SOURCE_DIR}"
    COMMENT "API documentation -> ${QINGDAN_DOC_OUTPUT_DIR}/html/index.html"
    VERBATIM)
else()
  message(STATUS "Doxygen not found: no `doc` target (apt-get install doxygen)")
endif()
