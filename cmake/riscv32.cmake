# SPDX-License-Identifier: Apache-2.0
# Toolchain file: bare-metal RISC-V rv32imac (riscv64-unknown-elf-gcc with
# Debian's picolibc).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(MOTE_CPU_FLAGS "-march=rv32imac -mabi=ilp32 -mcmodel=medany --specs=picolibc.specs"
    CACHE STRING "CPU flags for the target")
set(CMAKE_C_FLAGS_INIT "${MOTE_CPU_FLAGS}")
set(MOTE_HOST_TOOLS OFF CACHE BOOL "" FORCE)
set(CMAKE_C_FLAGS_RELEASE_INIT "-O2 -DNDEBUG")
