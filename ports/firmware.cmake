# SPDX-License-Identifier: Apache-2.0
# Firmware for one board (MOTE_BOARD): the port, the conformance runner and
# the benchmark, linked with libmote for that target.
set(PORT_DIR ${CMAKE_SOURCE_DIR}/ports)
if(MOTE_BOARD STREQUAL "riscv-virt")
  set(PORT_ARCH riscv)
else()
  set(PORT_ARCH cortex-m)
endif()
file(GLOB PORT_SOURCES ${PORT_DIR}/${PORT_ARCH}/*.c)
add_library(mote_port STATIC ${PORT_SOURCES})
target_link_libraries(mote INTERFACE m)
target_include_directories(mote_port PUBLIC ${PORT_DIR})
target_compile_options(mote_port PRIVATE ${MOTE_WARNINGS} -Wno-missing-prototypes)
if(PORT_ARCH STREQUAL "riscv")
  target_compile_options(mote_port PRIVATE -Wno-missing-prototypes)
endif()

# Host helpers (file I/O, error text) build for the target too: the port
# maps stdio files onto semihosting.
add_library(mote_fwhost STATIC ${CMAKE_SOURCE_DIR}/tools/host/host.c)
target_include_directories(mote_fwhost PUBLIC ${CMAKE_SOURCE_DIR}/tools/host
                           ${CMAKE_SOURCE_DIR}/src)
target_link_libraries(mote_fwhost PUBLIC mote)
target_compile_options(mote_fwhost PRIVATE ${MOTE_WARNINGS} -Wno-format-truncation)

if(PORT_ARCH STREQUAL "cortex-m")
  set(FW_LINK_FLAGS -T${PORT_DIR}/${MOTE_BOARD}/link.ld -L${PORT_DIR}/${PORT_ARCH}
      -nostartfiles -Wl,--gc-sections -Wl,--no-warn-rwx-segments
      --specs=nano.specs -u _printf_float)
else()
  # QEMU virt: 128 MiB of RAM at 0x80000000; picolibc's crt0 and linker
  # script, with stdio and files over semihosting.
  set(FW_LINK_FLAGS --oslib=semihost --crt0=semihost
      -Wl,--defsym=__flash=0x80000000 -Wl,--defsym=__flash_size=0x00400000
      -Wl,--defsym=__ram=0x80400000 -Wl,--defsym=__ram_size=0x07c00000
      -Wl,--defsym=__stack_size=0x40000 -Wl,--gc-sections)
endif()

# add_firmware(name program.c [more sources]): a host-style program (with
# main(argc, argv)) as firmware; its main is renamed and called by fw_main.c.
function(add_firmware name program)
  set(obj ${name}_program)
  add_library(${obj} OBJECT ${program})
  target_link_libraries(${obj} PRIVATE mote_fwhost mote_port)
  target_compile_definitions(${obj} PRIVATE main=fw_program_main)
  target_compile_options(${obj} PRIVATE -Wall -Wextra -Werror -Wno-format-truncation)
  add_executable(${name} $<TARGET_OBJECTS:${obj}> ${ARGN}
                 ${CMAKE_SOURCE_DIR}/tests/firmware/fw_main.c)
  set_target_properties(${name} PROPERTIES SUFFIX ".elf"
                        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fw)
  target_link_libraries(${name} PRIVATE mote_fwhost mote_port m)
  target_link_options(${name} PRIVATE ${FW_LINK_FLAGS})
  target_compile_options(${name} PRIVATE -Wall -Wextra -Werror -Wno-format-truncation)
endfunction()

add_firmware(conformance_fw ${CMAKE_SOURCE_DIR}/tests/conformance/conformance.c)
target_compile_definitions(conformance_fw_program PRIVATE
                           CONFORMANCE_ARENA=4194304)

# The kernel-variant test (tests/unit/test_kernel_variants.c) on the target.
add_firmware(test_kernel_variants_fw
             ${CMAKE_SOURCE_DIR}/tests/unit/test_kernel_variants.c)

# The Helium kernels against the reference kernels (M55 builds only).
if(MOTE_KERNELS_USED STREQUAL "arm_mve")
  add_firmware(test_mve_kernels_fw ${CMAKE_SOURCE_DIR}/tests/unit/test_mve_kernels.c)
endif()
