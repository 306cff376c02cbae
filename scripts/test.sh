#!/usr/bin/env bash
# test.sh: build and test numsc twice: ./build (Release unless already
# configured otherwise) and ./build-asan (Debug, ASan + UBSan); ctest in each.
# Prints one summary line and exits non-zero if a build or any test failed.
# Extra arguments go to ctest, e.g.  scripts/test.sh -L program
set -uo pipefail

cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
summary=()
failed=0

# run_one DIR CMAKE_ARGS...: configure, build, ctest; records a summary entry.
run_one() {
    local dir=$1 log rc
    shift
    local -a cfg=("$@")
    [[ -f $dir/CMakeCache.txt ]] && cfg=()   # keep the existing configuration
    if ! cmake -S . -B "$dir" "${cfg[@]}" >/dev/null || ! cmake --build "$dir" -j"$JOBS"; then
        summary+=("$dir: BUILD FAILED")
        failed=1
        return
    fi
    log=$(mktemp)
    (cd "$dir" && ctest --output-on-failure -j"$JOBS" "${CTEST_ARGS[@]}") 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    local line
    line=$(grep -E '[0-9]+% tests passed|No tests were found' "$log" | tail -1)
    rm -f "$log"
    summary+=("$dir: ${line:-ctest exit $rc}")
    ((rc == 0)) || failed=1
}

CTEST_ARGS=("$@")
run_one build -DCMAKE_BUILD_TYPE=Release
run_one build-asan -DCMAKE_BUILD_TYPE=Debug -DNUMSC_SANITIZE=ON

echo
printf 'test.sh: %s\n' "${summary[@]}"
if ((failed)); then
    echo "test.sh: FAILED"
    exit 1
fi
echo "test.sh: all passed"
