#!/bin/sh
# cli_test.sh NUMSC SRCDIR WORKDIR: the numsc command line (options, exit
# statuses, atomic outputs) and warning-free generated C for every .nir.
numsc=$1 src=$2 work=$3
rtinc=$(dirname "$src")/../runtime
fails=0
mkdir -p "$work" && cd "$work" || exit 1
rm -rf ./*

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect RC CMD...: run CMD, check its exit status; output in out/err.
expect() {
    want=$1; shift
    "$@" >out 2>err
    got=$?
    [ "$got" = "$want" ] || fail "'$*' exited $got, expected $want: $(cat err)"
}
contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }

expect 0 "$numsc" --version
contains out "numsc "
expect 0 "$numsc" --help
contains out "--emit=ir|c|exe"
expect 1 "$numsc" --bogus "$src/hello.nir"
contains err "numsc: error: unknown option '--bogus'"
expect 1 "$numsc"
contains err "numsc: error: no input file"
expect 1 "$numsc" missing.nir
contains err "numsc: error: cannot read missing.nir"
expect 1 "$numsc" --emit=asm "$src/hello.nir"
expect 1 "$numsc" --passes=nope "$src/hello.nir"
contains err "unknown pass 'nope'"

# --emit=ir after an explicit pipeline; dumps go to stderr.
expect 0 "$numsc" --emit=ir --passes=lower-elementwise --print-after-all "$src/map.nir"
contains out "= map %A, %b ("
contains err "// -----// IR Dump After lower-elementwise //----- //"
expect 0 "$numsc" --emit=ir -O0 "$src/map.nir"
grep -qF "= map %A, %b (" out && fail "-O0 should not lower elementwise ops"

# A syntax error in .nir: a diagnostic, exit 1, no output file.
printf 'func @main() {\n  %%a:f64 = 1.0\n}\n' > bad.nir
expect 1 "$numsc" bad.nir -o bad
contains err "bad.nir:2:12: error:"
[ -e bad ] && fail "bad: output written after an error"

# IR that parses but does not verify: internal error, exit 3.
printf 'func @main() {\n  break\n  return\n}\n' > unverified.nir
expect 3 "$numsc" unverified.nir -o unverified
contains err "IR verifier"
[ -e unverified ] && fail "unverified: output written"

# A failing C compiler: exit 3, no output, no temporaries left.
expect 3 "$numsc" --cc=false "$src/hello.nir" -o hello
contains err "numsc: error: C compiler failed"
ls hello* >/dev/null 2>&1 && fail "C compiler failure left $(ls hello*)"

# -o with --emit=c writes the file; default exe name a.out.
expect 0 "$numsc" --emit=c "$src/hello.nir" -o hello.c
contains hello.c '#include "numsrt.h"'
expect 0 "$numsc" "$src/hello.nir"
[ -x a.out ] || fail "no a.out"
./a.out > hello.out && cmp -s hello.out "$src/hello.expected" || fail "a.out output"

# Every test program's C compiles without warnings at -O0 and -O2.
for f in "$src"/*.nir; do
    for o in -O0 -O2; do
        "$numsc" --emit=c $o "$f" -o w.c 2>err || { fail "$f $o: $(cat err)"; continue; }
        cc -std=gnu11 -O2 -Wall -Wextra -Wno-unused-parameter -Werror -fopenmp -fsyntax-only \
            -I"$rtinc" w.c 2>err || fail "$f $o: warnings: $(cat err)"
    done
done

[ $fails = 0 ] && echo "all CLI checks passed"
exit $fails
