# Install rules, the CMake package (find_package(sigbench CONFIG)), the
# pkg-config file and the Debian package (cpack -G DEB).  Installed: the
# binary, the variants (sigbench::variants, <sigbench/variants.h>) and the
# measuring library (sigbench::measure, <sigbench/measure.h>), both static.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(sigbench_variants PROPERTIES EXPORT_NAME variants)
set_target_properties(sigbench_measure PROPERTIES EXPORT_NAME measure)
foreach(lib sigbench_variants sigbench_measure)
  target_include_directories(${lib} INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()

install(TARGETS sigbench sigbench_variants sigbench_measure EXPORT sigbenchTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_SOURCE_DIR}/generated/sigbench_variants.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sigbench RENAME variants.h)
install(FILES ${CMAKE_SOURCE_DIR}/include/sigbench/measure.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sigbench)
# the JSON Schemas of results.json and the --json outputs, for users' validators
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/ DESTINATION ${CMAKE_INSTALL_DATADIR}/sigbench/schemas
  FILES_MATCHING PATTERN "*.schema.json")

set(SIGBENCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sigbench)
install(EXPORT sigbenchTargets NAMESPACE sigbench:: DESTINATION ${SIGBENCH_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/sigbenchConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/sigbenchConfig.cmake INSTALL_DESTINATION ${SIGBENCH_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/sigbenchConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/sigbenchConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/sigbenchConfigVersion.cmake
  ${CMAKE_SOURCE_DIR}/cmake/SigbenchAccuracyTest.cmake
  DESTINATION ${SIGBENCH_CMAKE_DIR})

# sigbench.pc finds its prefix from where it lies, so a tree installed with
# `cmake --install --prefix P` (or moved) still points at itself.
file(RELATIVE_PATH SIGBENCH_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" SIGBENCH_PC_TO_PREFIX "${SIGBENCH_PC_TO_PREFIX}")
configure_file(${CMAKE_SOURCE_DIR}/cmake/sigbench.pc.in ${CMAKE_BINARY_DIR}/cmake/sigbench.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cmake/sigbench.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# ---- the Debian package ----------------------------------------------------
# dpkg-shlibdeps derives the shared libraries the binary needs (libmpfr6,
# libgmp10, and the peers found at build time: XNNPACK, SLEEF, oneDNN, ...).
# --impl compiles the user's C at run time, so a C compiler and libc headers
# are dependencies too; the -dev packages only matter for linking the static
# libraries, hence recommended.
set(CPACK_PACKAGE_NAME sigbench)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "sigbench maintainers <sigbench@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "sigmoid implementations measured against an MPFR-certified reference")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "gcc | c-compiler, libc6-dev | libc-dev")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libmpfr-dev, libgmp-dev, pkg-config")
set(CPACK_GENERATOR DEB)
include(CPack)
