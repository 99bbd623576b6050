# SPDX-License-Identifier: Apache-2.0
# Toolchain file: bare-metal Arm (arm-none-eabi-gcc, newlib).
# MOTE_CPU_FLAGS picks the core; the default is Cortex-M4F.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(MOTE_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16"
    CACHE STRING "CPU flags for the target")
set(CMAKE_C_FLAGS_INIT "${MOTE_CPU_FLAGS}")
set(MOTE_HOST_TOOLS OFF CACHE BOOL "" FORCE)
set(CMAKE_C_FLAGS_RELEASE_INIT "-O2 -DNDEBUG")
