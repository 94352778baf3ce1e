#!/usr/bin/env bats
# sw-exec.bats -- the last link: environment, hardening, PATH search.
# Every hardening claim is tried from inside, with a control run that
# shows the attack works without sw-exec (so the test can fail).

load ../helpers/common

setup () { setup_common; }

# in_pty CMD...: run CMD with a pseudo-terminal as its controlling
# terminal (util-linux script).
in_pty () {
  script -qec "$(printf '%q ' "$@")" /dev/null </dev/null
}

@test "the environment is an allow-list: a token does not pass" {
  run -0 sw-exec -- env
  [[ $output != *SW_TEST_TOKEN* ]]
  [[ $output == *PATH=* ]]
}

@test "--env NAME passes one variable through, --env NAME=VALUE sets it" {
  run -0 sw-exec --env SW_TEST_TOKEN --env FOO=bar=baz -- env
  [[ $output == *"SW_TEST_TOKEN=$SW_TEST_TOKEN"* ]]
  [[ $output == *"FOO=bar=baz"* ]]
  run -0 sw-exec -e 'EMPTY=' -- sh -c 'echo "[${EMPTY-unset}]"'
  [ "$output" = "[]" ]
}

@test "--inherit-env passes everything; a bad --env name is refused" {
  run -0 sw-exec --inherit-env -- env
  [[ $output == *"SW_TEST_TOKEN=$SW_TEST_TOKEN"* ]]
  run -125 sw-exec --env '1BAD=x' -- true
  run -125 sw-exec --env 'A-B=x' -- true
}

@test "HOME, USER, LOGNAME and SHELL tell who PROGRAM runs as" {
  run -0 sw-exec -- sh -c 'echo "$USER $LOGNAME $SHELL"; [ -n "$HOME" ]'
  me=$(id -un)
  shell=$(getent passwd "$me" | cut -d: -f7)
  [ "$output" = "$me $me ${shell:-/bin/sh}" ]
}

@test "XDG base directories pass only when they lie inside HOME" {
  export XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=/elsewhere/cache
  run -0 sw-exec -- env
  [[ $output == *"XDG_CONFIG_HOME=$HOME/.config"* ]]
  [[ $output != *XDG_CACHE_HOME* ]]
}

@test "no capabilities and no_new_privs inside" {
  run -0 sw-exec -- cat /proc/self/status
  assert_no_caps "$output"
  [[ $output == *$'NoNewPrivs:\t1'* ]]
}

@test "as root, the bounding set is empty too" {
  require_root
  run -0 sw-exec -- grep CapBnd /proc/self/status
  [[ $output =~ CapBnd:[[:space:]]+0+$ ]]
  # Control: without sw-exec root holds a full bounding set.
  run -0 grep CapBnd /proc/self/status
  ! [[ $output =~ CapBnd:[[:space:]]+0+$ ]]
}

@test "as root, uid 0 without capabilities cannot ptrace a host root process" {
  require_root
  sleep 30 & victim=$!
  # Control: root with its capabilities can.
  run -0 sw-test-caps ptrace $victim
  run -1 sw-exec -- sw-test-caps ptrace $victim
  [[ $output == *"Operation not permitted"* ]]
  kill $victim
}

@test "file descriptors above 2 are closed unless --keep-fd names them" {
  exec 9</etc/passwd 8</etc/hostname
  run -0 sw-test-caps fds          # control: the helper sees them
  [[ $output == *9* ]]
  run -0 sw-exec -- sw-test-caps fds
  [ -z "$output" ]
  run -0 sw-exec --keep-fd 9 -- sw-test-caps fds
  [ "$output" = 9 ]
  run -125 sw-exec --keep-fd 57 -- true      # not open
  run -125 sw-exec --keep-fd x -- true
  exec 9<&- 8<&-
}

@test "signal dispositions and mask are reset" {
  sigs () { grep -E '^Sig(Ign|Blk):' | awk '{print $2}' | tr -d '0\n'; }
  # The caller ignores SIGINT and blocks SIGUSR1; PROGRAM sees neither.
  run -0 sw-test-caps sigmess -- sw-exec -- cat /proc/self/status
  [ -z "$(sigs <<<"$output")" ] || { grep Sig <<<"$output"; false; }
  # Control: without sw-exec both show.
  run -0 sw-test-caps sigmess -- cat /proc/self/status
  [ -n "$(sigs <<<"$output")" ]
}

@test "--chdir runs PROGRAM in DIR; a missing DIR is our failure" {
  run -0 sw-exec --chdir / -- pwd
  [ "$output" = / ]
  run -125 sw-exec --chdir /no/such/dir -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"cannot change directory"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "TIOCSTI and TIOCLINUX are refused, also with high bits set (CVE-2019-10063)" {
  command -v script >/dev/null || skip "script (util-linux) is missing"
  # Control: the attack works here without sw-exec.
  run in_pty sw-test-tiocsti
  if [ "$status" -ne 0 ]; then
    skip "TIOCSTI is refused on this host anyway (dev.tty.legacy_tiocsti=0?)"
  fi
  run in_pty sw-exec -- sw-test-tiocsti
  [ "$status" -eq 1 ]
  [[ $output == *"tiocsti 0x5412: Operation not permitted"* ]]
  [[ $output == *"tiocsti 0xdead00005412: Operation not permitted"* ]]
  [[ $output == *"tioclinux: Operation not permitted"* ]]
}

@test "arguments reach PROGRAM byte for byte" {
  args=("" "two words" $'new\nline' $'\xff\xfe' "-x" "--" "'q'" '$HOME')
  printf '%s\0' "${args[@]}" > "$BATS_TEST_TMPDIR/want"
  sw-exec -- printf '%s\0' "${args[@]}" > "$BATS_TEST_TMPDIR/got"
  cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "options after PROGRAM belong to PROGRAM; -- makes an option-like name literal" {
  run -0 sw-exec echo -v --env X
  [ "$output" = "-v --env X" ]
  run -127 sw-exec -- --env
}

@test "PATH search: 127 when missing, 126 when not executable, scripts without #! run" {
  mkdir "$BATS_TEST_TMPDIR/bin"
  printf 'echo script-ran\n' > "$BATS_TEST_TMPDIR/bin/noshebang"
  chmod 755 "$BATS_TEST_TMPDIR/bin/noshebang"
  printf '#!/bin/sh\n' > "$BATS_TEST_TMPDIR/bin/noexec"
  chmod 644 "$BATS_TEST_TMPDIR/bin/noexec"
  PATH=$BATS_TEST_TMPDIR/bin:$PATH
  run -0 sw-exec --env PATH="$PATH" -- noshebang
  [ "$output" = script-ran ]
  run -126 sw-exec --env PATH="$PATH" -- noexec
  run -127 sw-exec -- no-such-program-xyz
  run -126 sw-exec -- /
  # A PATH directory we may not search hides nothing: still not found.
  mkdir -m 000 "$BATS_TEST_TMPDIR/locked"
  run -127 sw-exec --env PATH="$BATS_TEST_TMPDIR/locked:$PATH" -- no-such-program-xyz
}

@test "--user: root switches to nobody; an ordinary user cannot switch" {
  if is_root; then
    run -0 sw-exec --user nobody -- id -u
    [ "$output" = "$(id -u nobody)" ]
    run -0 sw-exec --user nobody -- id -G
    [ "$output" = "$(id -g nobody)" ]     # primary group only
    run -0 sw-exec --user nobody -- cat /proc/self/status
    assert_no_caps "$output"
  else
    run -125 sw-exec --user root -- touch "$BATS_TEST_TMPDIR/ran"
    [ ! -e "$BATS_TEST_TMPDIR/ran" ]
  fi
  run -125 sw-exec --user no-such-user-xyz -- true
}

@test "--verbose reports on stderr, one line" {
  run --separate-stderr -0 sw-exec -v -- true
  [ -z "$output" ]
  [ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
  [[ $stderr == "sw-exec: "*no_new_privs* ]]
}

@test "--keep-fd 0, 1 or 2 is accepted and closes nothing" {
  exec 5</etc/passwd
  run --separate-stderr -0 sw-exec --keep-fd 1 --keep-fd 0 --keep-fd 5 -- sh -c 'echo out; echo err >&2; ls /proc/self/fd'
  [ "${lines[0]}" = out ]
  [ "$stderr" = err ]
  [[ " ${lines[*]} " == *" 5 "* ]]
  exec 5<&-
}
