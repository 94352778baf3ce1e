#!/usr/bin/env bats
# stowaway.bats -- the front end and the whole default chain.
# not tested here: each stage's own isolation (see its own .bats file).

load ../helpers/common

setup () {
  setup_common
  require_userns
}

teardown () {
  tmux -L "sw$$" kill-server 2>/dev/null || true
}

@test "run: PROGRAM's exit status passes through" {
  run -7 stowaway run sh -c 'exit 7'
  run -0 stowaway run true
}

@test "run: PROGRAM killed by SIGTERM kills the caller the same way" {
  run -143 stowaway run sh -c 'kill -TERM $$'
  run bash -c 'stowaway run sh -c "kill -TERM \$\$"; echo "status=$?"'
  [[ $output == *status=143* ]]
}

@test "run: 127 for a missing PROGRAM, 126 for a non-executable one" {
  run -127 stowaway run no-such-program-xyz
  run -126 stowaway run /etc/passwd
}

@test "run: an unknown option exits 125 and PROGRAM never runs" {
  run -125 stowaway run --bogus --bind "$BATS_TEST_TMPDIR" touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"Try 'stowaway --help'"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
  run -125 stowaway
  run -125 stowaway frobnicate
}

@test "run: PROGRAM holds no capabilities and has no_new_privs" {
  run -0 stowaway run cat /proc/self/status
  assert_no_caps "$output"
  [[ $output == *$'NoNewPrivs:\t1'* ]]
  [[ $output =~ CapBnd:[[:space:]]+0+ ]] || ! is_root
}

@test "run: a descriptor the caller opened does not reach PROGRAM" {
  exec 9</etc/passwd
  run -0 stowaway run sw-test-caps fds
  [ -z "$output" ]
  run -0 stowaway run --keep-fd 9 sw-test-caps fds
  [ "$output" = 9 ]
  exec 9<&-
}

@test "run: a token in the caller's environment does not reach PROGRAM unless asked" {
  run -0 stowaway run env
  [[ $output != *SW_TEST_TOKEN* ]]
  run -0 stowaway run --env SW_TEST_TOKEN env
  [[ $output == *"SW_TEST_TOKEN=$SW_TEST_TOKEN"* ]]
}

@test "run: arguments reach PROGRAM byte for byte" {
  args=("" "two words" $'new\nline' $'\xff\xfe' "-x" "--" "'q'" '$HOME')
  printf '%s\0' "${args[@]}" > "$BATS_TEST_TMPDIR/want"
  stowaway run printf '%s\0' "${args[@]}" > "$BATS_TEST_TMPDIR/got"
  cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}

@test "run: as root, PROGRAM runs as nobody by default, or as the sudo caller" {
  require_root
  run -0 stowaway run id -u
  [ "$output" = "$(id -u nobody)" ]
  run -0 env SUDO_UID="$(id -u sw-test 2>/dev/null || id -u nobody)" stowaway run id -u
  [ "$output" != 0 ]
  run -0 stowaway run --user root id -u
  [ "$output" = 0 ]
  run -125 stowaway run --user no-such-user-xyz true
}

@test "run: HOME is fresh and empty, owned by the user PROGRAM runs as" {
  run -0 stowaway run sh -c 'cd && ls -A; stat -c "%a %u" "$HOME"; id -u'
  [ "${lines[0]}" = .run ]
  read -r mode owner <<<"${lines[1]}"
  [ "$mode" = 700 ]
  [ "$owner" = "${lines[2]}" ]
}

@test "--dry-run prints one line that runs the same chain when pasted" {
  run --separate-stderr -0 stowaway run --dry-run -n printf '%s|' a 'b c' ''
  [ "${#lines[@]}" -eq 1 ]
  [[ $output == *sw-netdeny*sw-mkhome*sw-pidns*sw-fsview*sw-exec*printf* ]]
  [ -z "$stderr" ]
  run -0 sh -c "$output"
  [ "$output" = "a|b c||" ]
}

@test "--verbose: every link reports on stderr, one line each; stdout untouched" {
  run --separate-stderr -0 stowaway run -v -n echo out
  [ "$output" = out ]
  for s in stowaway sw-netdeny sw-mkhome sw-pidns sw-fsview sw-exec; do
    [ "$(grep -c "^$s: " <<<"$stderr")" -eq 1 ] || { echo "$s: $stderr"; false; }
  done
}

@test "the prototype's command lines keep working" {
  run -0 stowaway run echo hello
  [ "$output" = hello ]
  run -0 stowaway run --block-net sh -c 'echo inside'
  [ "$output" = inside ]
  run -3 sh -c 'echo "exit 3" | SHELL=/bin/sh stowaway shell --block-net'
  run -125 stowaway shell extra-operand
}

@test "shell: runs \$SHELL, and 'exit N' returns N" {
  run -5 sh -c 'echo "echo \$0; exit 5" | SHELL=/bin/sh stowaway shell'
  [ "$output" = /bin/sh ]
}

# in_tmux NAME CMD: start CMD in a detached tmux session of 100 columns.
in_tmux () {
  local name=$1; shift
  tmux -L "sw$$" new-session -d -s "$name" -x 100 -y 30 "$@"
}
tmux_wait () {     # tmux_wait NAME TEXT: until the pane shows TEXT (10 s)
  local i
  for i in $(seq 100); do
    tmux -L "sw$$" capture-pane -p -t "$1" | grep -qF -- "$2" && return 0
    sleep 0.1
  done
  tmux -L "sw$$" capture-pane -p -t "$1" >&2
  return 1
}

@test "shell: TIOCSTI from inside fails, and job control and Ctrl-C still work" {
  command -v tmux >/dev/null || skip "tmux is missing"
  # Control: outside the sandbox the injection works on this host.
  run script -qec sw-test-tiocsti /dev/null </dev/null
  [ "$status" -eq 0 ] || skip "TIOCSTI is refused on this host anyway"
  in_tmux s env SHELL=/bin/bash PATH="$PATH" TERM=xterm \
    stowaway shell
  tmux_wait s '$'
  tmux -L "sw$$" send-keys -t s 'sw-test-tiocsti X; echo "tiocsti=$?"' Enter
  tmux_wait s 'tiocsti=1'
  tmux -L "sw$$" send-keys -t s 'sleep 100 &' Enter
  tmux_wait s '[1]'
  tmux -L "sw$$" send-keys -t s 'fg' Enter
  tmux_wait s 'sleep 100'
  sleep 0.3
  tmux -L "sw$$" send-keys -t s C-c
  tmux -L "sw$$" send-keys -t s 'echo "fg=$?"; jobs | wc -l' Enter
  tmux_wait s 'fg=130'
  tmux -L "sw$$" send-keys -t s 'exit 4' Enter
  for i in $(seq 50); do
    tmux -L "sw$$" has-session -t s 2>/dev/null || break
    sleep 0.1
  done
  ! tmux -L "sw$$" has-session -t s 2>/dev/null
}

@test "stages installed in a directory the sandbox hides still run; only that directory shows" {
  bin=$BATS_TEST_TMPDIR/bin
  mkdir "$bin"
  cp "$SW_BIN"/stowaway "$SW_BIN"/sw-* "$bin/"
  touch "$BATS_TEST_TMPDIR/secret"
  run -0 "$bin/stowaway" run -n sh -c "ls -A '$bin' | wc -l; ls '$BATS_TEST_TMPDIR'; touch '$bin/x' 2>/dev/null || echo read-only"
  [ "${lines[0]}" -ge 5 ]
  [ "${lines[1]}" = bin ]          # no secret beside it
  [ "${lines[2]}" = read-only ]
}

@test "stages installed in the home it hides still run (as a user)" {
  require_user
  home=$(getent passwd "$(id -un)" | cut -d: -f6)
  [ -d "$home" ] && [ -w "$home" ] || skip "no writable passwd home for $(id -un)"
  bin=$(mktemp -d "$home/.sw-test-bin.XXXXXX")
  cp "$SW_BIN"/stowaway "$SW_BIN"/sw-* "$bin/"
  run -0 "$bin/stowaway" run sh -c 'ls -A "$HOME"'
  rm -rf "$bin"
  [ "$output" = ".run
${bin##*/}" ] || [ "$output" = "${bin##*/}
.run" ]
}

@test "as root, --user root: uid 0 without capabilities cannot write sysctls (/proc/sys)" {
  require_root
  # Control: outside, root can open core_pattern for writing (nothing is
  # written: the redirection opens and closes it).
  run -0 sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  run -2 stowaway run --user root -- sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  [[ $output == *"Read-only file system"* ]]
  run -2 stowaway run --user root --ro -- sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  run -2 sw-pidns -- sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  run -2 sw-fsview -- sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  run -2 stowaway run --user root -- sh -c '(exec 3>/proc/sysrq-trigger)'
  # Any stage run alone by root: PROGRAM keeps uid 0, not the sysctls.
  for s in sw-exec sw-netdeny sw-mkhome; do
    run -2 $s -- sh -c '(exec 3>/proc/sys/kernel/core_pattern)'
  done
}
