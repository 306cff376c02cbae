#!/usr/bin/env bash
# bootstrap.sh: set up a fresh Debian 12 machine for numsc and build it.
#   1. install the Debian packages numsc needs (only those missing; as root,
#      or through sudo when run as a normal user),
#   2. configure and build ./build (Release),
#   3. compile and run samples/hello.nps.
# Run from anywhere; it works in the repository that holds this script.
set -euo pipefail

PACKAGES=(flex bison cmake make gcc check pkg-config llvm-19-dev llvm-19-tools
          libzstd-dev libopenblas-openmp-dev liblapacke-dev python3-numpy valgrind)

cd "$(dirname "$0")/.."

missing_packages() {
    local p status
    for p in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        [[ $status == "install ok installed" ]] || echo "$p"
    done
}

install_packages() {
    local -a missing sudo=()
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        echo "bootstrap: all ${#PACKAGES[@]} packages present"
        return
    fi
    if ((EUID != 0)); then
        command -v sudo >/dev/null || { echo "bootstrap: need root to install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    echo "bootstrap: installing ${missing[*]}"
    "${sudo[@]}" apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

build() {
    cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
    cmake --build build -j"$(nproc)"
}

hello() {
    if [[ ! -x build/numsc ]]; then
        echo "bootstrap: build/numsc was not built (no driver yet): skipping samples/hello.nps"
        return
    fi
    build/numsc samples/hello.nps -o build/hello
    build/hello
}

install_packages
build
hello
echo "bootstrap: done"
