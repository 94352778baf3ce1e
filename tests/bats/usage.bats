#!/usr/bin/env bats
# usage.bats -- the coreutils exit-status matrix, for every binary
# (util-linux tools/checkusage.sh): --help, --version, a bad option, no
# PROGRAM, a missing and a non-executable PROGRAM, status pass-through,
# and a write error on --help.

load ../helpers/common

setup () { setup_common; }

# The binaries the suite builds, each with the argv prefix that makes it
# run PROGRAM ("stowaway run", the stages as they are).
stages () {
  local b
  for b in sw-netdeny sw-mkhome sw-pidns sw-fsview sw-exec; do
    [ -x "$SW_BIN/$b" ] && echo "$b"
  done
  echo "stowaway run"
}

@test "every binary: --help goes to stdout only and exits 0" {
  while read -r b; do
    run --separate-stderr -0 $b --help
    [[ $output == Usage:* ]] || { echo "$b: $output"; false; }
    [ -z "$stderr" ]
  done < <(stages; echo stowaway)
}

@test "every binary: --version exits 0 and names the package" {
  while read -r b; do
    run --separate-stderr -0 ${b%% *} --version
    [[ $output == *stowaway* ]]
    [ -z "$stderr" ]
  done < <(stages)
}

@test "every binary: --help on a full disk exits 125 with a write error" {
  [ -w /dev/full ] || skip "/dev/full is missing"
  while read -r b; do
    run -125 sh -c "$b --help >/dev/full"
    [[ $output == *"write error"* ]]
  done < <(stages; echo stowaway)
}

@test "every binary: an unknown option exits 125 with Try, PROGRAM never runs" {
  while read -r b; do
    run --separate-stderr -125 $b --bogus-option -- touch "$BATS_TEST_TMPDIR/ran"
    [[ $stderr == *"Try '"*" --help'"* ]]
    [ -z "$output" ]
    [ ! -e "$BATS_TEST_TMPDIR/ran" ]
  done < <(stages)
}

@test "every binary: no PROGRAM exits 125" {
  while read -r b; do
    run -125 $b
    [[ $output == *"missing"* ]]
  done < <(stages)
}

@test "every binary: a missing PROGRAM exits 127, a non-executable one 126" {
  # A non-executable file outside /tmp, which sw-fsview hides.
  plain=$SW_SRCDIR/tests/helpers/common.bash
  [ ! -x "$plain" ]
  while read -r b; do
    run -127 $b -- no-such-program-xyz
    [[ $output == *no-such-program-xyz* ]]
    run -126 $b -- "$plain"
  done < <(stages)
}

@test "every binary: PROGRAM's exit status passes through" {
  while read -r b; do
    run -0 $b -- true
    run -1 $b -- false
    run -3 $b -- sh -c 'exit 3'
    run -125 $b -- sh -c 'exit 125'
  done < <(stages)
}

@test "every binary: writes nothing on stdout or stderr of its own" {
  while read -r b; do
    run --separate-stderr -0 $b -- sh -c 'echo out; echo err >&2'
    [ "$output" = out ]
    [ "$stderr" = err ]
  done < <(stages)
}
