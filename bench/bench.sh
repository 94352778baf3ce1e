#!/bin/sh
# bench/bench.sh -- stowaway's launch time against bubblewrap's, in one run.
# Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.
#
# Usage: bench/bench.sh [-n ROUNDS] [-p PARALLEL] [-N LAUNCHES] [-u USER]
#                       [-t] [BINDIR]
#
#   BINDIR   where stowaway and its stages are (default: src of the build
#            tree this script sits in, else the stowaway found in PATH)
#   -n       rounds of the interleaved latency test (default 300)
#   -N, -p   throughput test: N launches with P parallel launchers
#            (default 400 and 2); -N 0 skips it
#   -u USER  run everything as USER (through runuser; needs root)
#   -t       also print a per-link breakdown (STOWAWAY_TRACE)
#
# Times, interleaved round by round, from fork to reaped exit:
#   stowaway  stowaway run --block-net true      (every default layer on)
#   bwrap     bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp
#               --tmpfs $HOME --unshare-net --die-with-parent
#               --new-session true
#   true      true
# and prints medians; its last line is the ratio stowaway/bwrap.
# This is a benchmark, not a test: nothing here fails on a slow machine.
set -eu

rounds=300 total=400 par=2 as= trace=
while getopts n:N:p:u:t opt; do
  case $opt in
    n) rounds=$OPTARG ;;
    N) total=$OPTARG ;;
    p) par=$OPTARG ;;
    u) as=$OPTARG ;;
    t) trace=1 ;;
    *) sed -n '4,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

here=$(cd "$(dirname "$0")" && pwd)
bindir=${1:-}
if [ -z "$bindir" ]; then
  for d in "$here/../src" "$here/../_build/src"; do
    [ -x "$d/stowaway" ] && { bindir=$(cd "$d" && pwd); break; }
  done
fi
if [ -z "$bindir" ]; then
  s=$(command -v stowaway) || { echo "bench: no stowaway found" >&2; exit 2; }
  bindir=$(dirname "$s")
fi
command -v bwrap >/dev/null || { echo "bench: bwrap is not installed" >&2; exit 2; }
cc=${CC:-cc}

work=$(mktemp -d /tmp/sw-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
$cc -O2 -o "$work/swbench" "$here/swbench.c"

run () {
  if [ -n "$as" ]; then
    runuser -u "$as" -- env -i PATH=/usr/bin:/bin HOME="$(getent passwd "$as" | cut -d: -f6)" "$@"
  else
    "$@"
  fi
}

uhome=$HOME
[ -n "$as" ] && uhome=$(getent passwd "$as" | cut -d: -f6)
sw="stowaway=$bindir/stowaway run --block-net true"
bw="bwrap=$(command -v bwrap) --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs $uhome --unshare-net --die-with-parent --new-session true"
tr="true=$(command -v true)"

echo "# stowaway $("$bindir/stowaway" --version | head -n 1 | sed 's/.* //') ($bindir)"
echo "# $(bwrap --version); kernel $(uname -r); $(nproc) cpus; as ${as:-$(id -un)}"
file=$(command -v file || true)
[ -n "$file" ] && echo "# build: $($file -b "$bindir/sw-exec" | cut -d, -f1-2,4 | tr -s ' ')"

if [ -n "$trace" ]; then
  echo "# per-link breakdown (STOWAWAY_TRACE=1, one run, microseconds since the front end started):"
  run env STOWAWAY_TRACE=1 "$bindir/stowaway" run --block-net true 2>&1 >/dev/null |
    awk '/ trace: / { split($0, a, " trace: "); print "#   " a[1] ": " a[2] }'
fi

if [ "$total" -gt 0 ]; then
  run "$work/swbench" throughput "$total" "$par" "$sw" "$bw"
fi
run "$work/swbench" latency "$rounds" "$sw" "$bw" "$tr"
