#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages `make test` needs, when missing (needs root
# or sudo; a no-op when everything is there).
set -eu
need=()
have() { command -v "$1" >/dev/null 2>&1; }
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
have cmake || need+=(cmake)
have gcc || need+=(gcc)
have make || need+=(make)
have clang || need+=(clang)
have python3 || need+=(python3)
have arm-none-eabi-gcc || need+=(gcc-arm-none-eabi)
pkg_installed libnewlib-arm-none-eabi || need+=(libnewlib-arm-none-eabi)
pkg_installed libclang-rt-14-dev || need+=(libclang-rt-14-dev)
have qemu-system-arm || need+=(qemu-system-arm)
have qemu-system-riscv32 || need+=(qemu-system-misc)
have riscv64-unknown-elf-gcc || need+=(gcc-riscv64-unknown-elf)
pkg_installed picolibc-riscv64-unknown-elf || need+=(picolibc-riscv64-unknown-elf)
have valgrind || need+=(valgrind)
have sox || need+=(sox)
have espeak-ng || need+=(espeak-ng)
if [ ${#need[@]} -gt 0 ]; then
	echo "deps: installing ${need[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
