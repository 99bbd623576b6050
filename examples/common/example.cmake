# SPDX-License-Identifier: Apache-2.0
# Included by every examples/<name>/CMakeLists.txt: the helper library
# (model loading, WAV, BMP/PGM/PNG) and mote_example(), which builds one
# example for the host as build/examples/<name>/<name> and, when MOTE_BOARD
# is set, as firmware <build>/fw/<name>_fw.elf with the same command line
# (arguments through semihosting, files read from the host).
include_guard(GLOBAL)

set(MOTE_EXAMPLES_COMMON ${CMAKE_SOURCE_DIR}/examples/common)
add_library(mote_excommon STATIC
  ${MOTE_EXAMPLES_COMMON}/ex_net.c
  ${MOTE_EXAMPLES_COMMON}/ex_wav.c
  ${MOTE_EXAMPLES_COMMON}/ex_image.c
  ${MOTE_EXAMPLES_COMMON}/ex_inflate.c)
target_include_directories(mote_excommon PUBLIC ${MOTE_EXAMPLES_COMMON})
target_link_libraries(mote_excommon PUBLIC mote m)
set_target_properties(mote_excommon PROPERTIES ARCHIVE_OUTPUT_DIRECTORY
                      ${CMAKE_BINARY_DIR}/examples)
target_compile_options(mote_excommon PRIVATE ${MOTE_WARNINGS} ${MOTE_HOST_WARNINGS})

# Firmware part of mote_example(): add_firmware() comes from
# ports/firmware.cmake.
function(mote_example_firmware name dir program)
  add_firmware(${name}_fw ${program} ${ARGN})
  foreach(t ${name}_fw_program ${name}_fw)
    target_include_directories(${t} PRIVATE ${dir})
    target_link_libraries(${t} PRIVATE mote_excommon)
  endforeach()
endfunction()

# mote_example(name main.c [other.c ...]): main.c holds main(argc, argv).
function(mote_example name)
  set(sources)
  foreach(src ${ARGN})
    get_filename_component(abs ${src} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND sources ${abs})
  endforeach()
  if(MOTE_HOST_TOOLS)
    add_executable(${name} ${sources})
    set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                          ${CMAKE_BINARY_DIR}/examples/${name})
    target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${name} PRIVATE mote_excommon)
    target_compile_options(${name} PRIVATE ${MOTE_WARNINGS} ${MOTE_HOST_WARNINGS})
  endif()
  # Firmware: at once if ports/firmware.cmake was included before the
  # examples, else deferred to the end of the top directory.
  if(MOTE_BOARD AND COMMAND add_firmware)
    mote_example_firmware(${name} ${CMAKE_CURRENT_SOURCE_DIR} ${sources})
  elseif(MOTE_BOARD)
    cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL
                   mote_example_firmware ${name} ${CMAKE_CURRENT_SOURCE_DIR} ${sources})
  endif()
endfunction()

# Host tests of the helpers and of the examples' pure logic (ctest runs
# them; tests/examples/run_examples.sh runs the programs end to end).
if(MOTE_HOST_TOOLS)
  add_executable(test_examples ${CMAKE_SOURCE_DIR}/tests/examples/test_examples.c
                 ${CMAKE_SOURCE_DIR}/examples/micro_speech/recognize.c
                 ${CMAKE_SOURCE_DIR}/examples/magic_wand/stroke.c
                 ${CMAKE_SOURCE_DIR}/examples/magic_wand/synth.c)
  set_target_properties(test_examples PROPERTIES RUNTIME_OUTPUT_DIRECTORY
                        ${CMAKE_BINARY_DIR}/tests/examples)
  target_include_directories(test_examples PRIVATE
                             ${CMAKE_SOURCE_DIR}/examples/micro_speech
                             ${CMAKE_SOURCE_DIR}/examples/magic_wand)
  target_link_libraries(test_examples PRIVATE mote_excommon)
  target_compile_options(test_examples PRIVATE ${MOTE_WARNINGS} ${MOTE_HOST_WARNINGS})
  add_test(NAME test_examples COMMAND test_examples)
endif()
