#!/usr/bin/env bats
# sw-pidns.bats -- containment: nothing PROGRAM starts outlives it, nor
# the caller; status and signals pass through the init; /proc shows only
# the sandbox; a shell inside keeps job control.
#
# Leftover processes are found by a unique argument: each test sleeps
# for 300.<random> seconds and looks for exactly that command line.

load ../helpers/common

setup () {
  setup_common
  M=300.$((RANDOM * 32768 + RANDOM))
  T=$BATS_TEST_TMPDIR
  # A program that leaves a plain background child and a daemon (new
  # session, double fork), then says it is ready ($0 appears) and waits.
  leaver="sleep $M >/dev/null 2>&1 & setsid sh -c 'sleep $M >/dev/null 2>&1 &' </dev/null >/dev/null 2>&1; touch \"\$0\"; wait"
}

teardown () {
  # Whatever a failed test left running, by the pids we find for our
  # own unique argument.
  local pids
  pids=$(pgrep -f "^sleep $M\$") && kill -9 $pids 2>/dev/null
  [ -z "${TMUX_SOCKET-}" ] || tmux -S "$TMUX_SOCKET" kill-server 2>/dev/null
  return 0
}

# The PID namespace needs root or unprivileged user namespaces.
require_pidns () { require_userns; }

# A host without PID namespaces for this caller: user and PID namespaces
# refused (root could otherwise make a PID namespace without a user one).
no_pidns () { sw-test-nons user,pid -- "$@"; }

alive () { pgrep -f "^sleep $M\$" >/dev/null; }
# (A bare "! alive" would not fail a bats test: set -e ignores it.)
none_alive () {
  if alive; then echo "still alive: $(pgrep -af "^sleep $M\$")" >&2; return 1; fi
}

# wait_alive: a leftover sleep is running within 5 s (it may still be
# between fork and exec when the program says it is ready).
wait_alive () {
  local i
  for i in $(seq 50); do
    alive && return 0
    sleep 0.1
  done
  echo "sleep $M never started" >&2
  return 1
}

# wait_gone: the leftover sleep is gone within 5 s.
wait_gone () {
  local i
  for i in $(seq 50); do
    alive || return 0
    sleep 0.1
  done
  echo "still alive: $(pgrep -af "^sleep $M\$")" >&2
  return 1
}

# wait_file FILE: FILE appears within 10 s.
wait_file () {
  local i
  for i in $(seq 100); do
    [ -e "$1" ] && return 0
    sleep 0.1
  done
  echo "$1 never appeared" >&2
  return 1
}

# How a command ended, as its parent sees it: "exit N" or "signal N".
ended () {
  perl -e 'system @ARGV; print $? & 127 ? "signal " . ($? & 127) : "exit " . ($? >> 8), "\n"' -- "$@"
}


# --- nothing outlives PROGRAM ---------------------------------------------

@test "pidns: a background process returns at once and does not outlive PROGRAM" {
  require_pidns
  SECONDS=0
  run -0 sw-pidns --method pidns -- sh -c "sleep $M >/dev/null 2>&1 & echo \$!"
  [ "$SECONDS" -lt 10 ]
  [[ $output =~ ^[0-9]+$ ]]
  none_alive
}

@test "pidns: a daemon (setsid, double fork) does not outlive PROGRAM" {
  require_pidns
  run -0 sw-pidns --method pidns -- sh -c \
    "setsid sh -c 'sleep $M >/dev/null 2>&1 &' </dev/null >/dev/null 2>&1; sleep 0.2"
  none_alive
}

@test "subreaper: background processes and daemons do not outlive PROGRAM" {
  SECONDS=0
  run -0 sw-pidns --method subreaper -- sh -c \
    "sleep $M >/dev/null 2>&1 & setsid sh -c 'sleep $M >/dev/null 2>&1 &' </dev/null >/dev/null 2>&1; sleep 0.2; echo \$!"
  [ "$SECONDS" -lt 10 ]
  none_alive
}

# --- nothing outlives the front process or the caller ----------------------

@test "pidns: SIGKILL of the front process leaves no sandboxed process behind" {
  require_pidns
  sw-pidns --method pidns -- sh -c "$leaver" "$T/ready" >/dev/null 2>&1 3>&- &
  front=$!
  wait_file "$T/ready"
  wait_alive
  kill -9 "$front"
  wait_gone
}

@test "subreaper: SIGKILL of the front process leaves no sandboxed process behind" {
  sw-pidns --method subreaper -- sh -c "$leaver" "$T/ready" >/dev/null 2>&1 3>&- &
  front=$!
  wait_file "$T/ready"
  wait_alive
  kill -9 "$front"
  wait_gone
}

@test "the sandbox dies with the process that started it" {
  require_pidns
  sh -c 'sw-pidns -- sh -c "$1" "$2"; :' sh "$leaver" "$T/ready" \
    >/dev/null 2>&1 3>&- &
  caller=$!
  wait_file "$T/ready"
  wait_alive
  kill -9 "$caller"
  wait_gone
}

@test "--no-die-with-parent: the sandbox survives its caller" {
  require_pidns
  sh -c 'sw-pidns --no-die-with-parent -- sh -c "$1" "$2"; :' sh \
    "$leaver" "$T/ready" >/dev/null 2>&1 3>&- &
  caller=$!
  wait_file "$T/ready"
  front=$(pgrep -P "$caller" -x sw-pidns)
  kill -9 "$caller"
  sleep 0.5
  wait_alive
  kill -9 "$front"
  wait_gone
}

# --- status and signals through the init -----------------------------------

@test "exit status and death by signal pass through the init" {
  for m in pidns subreaper; do
    [ $m = subreaper ] || have_userns || is_root || continue
    run -0 ended sw-pidns --method $m -- sh -c 'exit 7'
    [ "$output" = "exit 7" ]
    run -0 ended sw-pidns --method $m -- sh -c 'kill -TERM $$'
    [ "$output" = "signal 15" ]
    run -0 ended sw-pidns --method $m -- sh -c 'kill -KILL $$'
    [ "$output" = "signal 9" ]
    run -143 sw-pidns --method $m -- sh -c 'kill -TERM $$'
  done
}

@test "SIGTERM sent to the front process reaches PROGRAM, whose trap runs" {
  for m in pidns subreaper; do
    [ $m = subreaper ] || have_userns || is_root || continue
    rm -f "$T/ready" "$T/trapped"
    sw-pidns --method $m -- sh -c \
      "trap 'echo \$\$ > $T/trapped; exit 3' TERM; touch $T/ready; for i in \$(seq 100); do sleep 0.1; done; exit 9" \
      >/dev/null 2>&1 3>&- &
    front=$!
    wait_file "$T/ready"
    kill -TERM "$front"
    st=0
    wait "$front" || st=$?
    [ "$st" = 3 ]
    [ -s "$T/trapped" ]
    if [ $m = pidns ]; then
      [ "$(cat "$T/trapped")" = 2 ]  # never a bare pid 1
    fi
  done
}

@test "every forwarded signal reaches PROGRAM" {
  require_pidns
  # A background job of a script starts with SIGINT and SIGQUIT ignored,
  # which a shell cannot trap: start from the default dispositions.
  perl -e '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec @ARGV' -- sw-pidns -- sh -c "
    for s in INT HUP QUIT USR1 USR2 WINCH; do trap \"echo \$s >> $T/got\" \$s; done
    trap 'exit 0' TERM
    touch $T/ready; for i in \$(seq 100); do sleep 0.1; done; exit 9" \
    >/dev/null 2>&1 3>&- &
  front=$!
  wait_file "$T/ready"
  for s in INT HUP QUIT USR1 USR2 WINCH; do
    kill -$s "$front"
    sleep 0.3
  done
  kill -TERM "$front"
  wait "$front"
  run -0 cat "$T/got"
  [ "$output" = "$(printf '%s\n' INT HUP QUIT USR1 USR2 WINCH)" ]
}

# --- what PROGRAM sees ----------------------------------------------------

@test "pidns: /proc lists only the sandbox's processes; PROGRAM is pid 2" {
  require_pidns
  run -0 sw-pidns --method pidns -- sh -c \
    "echo \$\$; ls /proc | grep -c '^[0-9]'; test -e /proc/$$ && echo visible || echo hidden; cat /proc/1/cmdline | tr '\\0' ' '"
  [ "${lines[0]}" = 2 ]
  [ "${lines[1]}" -le 4 ]
  [ "${lines[2]}" = hidden ]
  [[ ${lines[3]} == *sw-pidns* ]]
}

@test "pidns: PROGRAM cannot kill its init from inside" {
  require_pidns
  run -0 sw-pidns --method pidns -- sh -c \
    "kill -KILL 1; sleep 0.2; echo alive; sleep $M >/dev/null 2>&1 &"
  [ "$output" = alive ]
  none_alive
}

@test "pidns: the new /proc does not reach the host's mount table" {
  require_pidns
  before=$(grep -c ' /proc ' /proc/self/mountinfo)
  run -0 sw-pidns --method pidns -- sh -c "grep -c ' /proc ' /proc/self/mountinfo"
  [ "$output" -gt "$before" ]
  [ "$(grep -c ' /proc ' /proc/self/mountinfo)" = "$before" ]
}

@test "pidns as root: no mount propagates back, even from a shared tree" {
  require_root
  # A mount namespace whose tree is shared, as on systemd hosts: without
  # making it private first, the new /proc would appear out here.
  run -0 unshare -m --propagation shared sh -c "
    n () { grep -c ' /proc ' /proc/self/mountinfo; }
    before=\$(n); sw-pidns --method pidns -- true; echo \$before \$(n)"
  set -- $output
  [ "$1" = "$2" ]
}

@test "capabilities do not pass to PROGRAM, alone or through sw-exec" {
  require_pidns
  run -0 sw-pidns -- grep Cap /proc/self/status
  assert_no_caps "$output"
  run -0 sw-pidns -- sw-exec -- sh -c 'echo $$; grep Cap /proc/self/status'
  [ "${lines[0]}" = 2 ]
  assert_no_caps "$output"
  run -0 sw-pidns --method subreaper -- grep Cap /proc/self/status
  assert_no_caps "$output"
}

# --- auto and the subreaper fallback --------------------------------------

@test "auto falls back to subreaper without PID namespaces; pidns then fails" {
  run --separate-stderr -0 no_pidns sw-pidns -v -- sh -c \
    "sleep $M >/dev/null 2>&1 & echo \$\$"
  [[ $stderr == *"subreaper method"*"host's"* ]]
  [ "$output" != 2 ]
  none_alive
  run -5 no_pidns sw-pidns -- sh -c 'exit 5'
  run -0 ended sw-test-nons user,pid -- sw-pidns -- sh -c 'kill -TERM $$'
  [ "$output" = "signal 15" ]
  run --separate-stderr -125 no_pidns sw-pidns --method pidns -- \
    touch "$T/ran"
  [[ $stderr == *"cannot create a PID namespace"* ]]
  [ ! -e "$T/ran" ]
}

@test "user namespaces refused: auto still contains (subreaper as a user)" {
  run --separate-stderr -0 sw_nouserns sw-pidns -v -- sh -c \
    "sleep $M >/dev/null 2>&1 & echo \$!"
  if is_root; then
    [[ $stderr == *"new PID namespace"* ]]
  else
    [[ $stderr == *"subreaper method"* ]]
  fi
  none_alive
}

@test "root without capabilities: auto uses subreaper, pidns fails with 125" {
  require_root
  # sw-exec drops every capability; uid 0 cannot then map itself in a
  # user namespace (Linux 5.12 and later).
  ! sw-exec -- unshare -U -r true 2>/dev/null ||
    skip "this kernel lets uid 0 without CAP_SETFCAP map itself (before 5.12)"
  run --separate-stderr -0 sw-exec -- sw-pidns -v -- sh -c \
    "sleep $M >/dev/null 2>&1 & echo \$!"
  [[ $stderr == *"subreaper method"* ]]
  none_alive
  run -125 sw-exec -- sw-pidns --method pidns -- touch "$T/ran"
  [ ! -e "$T/ran" ]
}

@test "verbose says what was set up, and nothing else is printed" {
  require_pidns
  run --separate-stderr -0 sw-pidns -v -- true
  [[ $stderr == "sw-pidns: new PID namespace"*"fresh /proc"* ]]
  run --separate-stderr -0 sw-pidns -- true
  [ -z "$stderr" ]
  [ -z "$output" ]
  run -125 sw-pidns --method bogus -- true
  [[ $output == *"invalid method"* ]]
}

# --- a shell inside keeps its terminal --------------------------------------

# tmux_start CMD: a detached tmux session running CMD in a pty.
tmux_start () {
  command -v tmux >/dev/null || skip "tmux is not installed"
  TMUX_SOCKET=$T/tmux.sock
  tmux -S "$TMUX_SOCKET" -f /dev/null new-session -d -x 120 -y 40 "$1"
}
not_on_screen () {
  if screen | grep -E -- "$1" >&2; then return 1; fi
}
send () { tmux -S "$TMUX_SOCKET" send-keys "$@"; }
screen () { tmux -S "$TMUX_SOCKET" capture-pane -p; }
# wait_screen REGEX: the pane shows a line matching REGEX within 10 s.
wait_screen () {
  local i
  for i in $(seq 100); do
    screen | grep -qE -- "$1" && return 0
    sleep 0.1
  done
  echo "no '$1' on the screen:" >&2
  screen >&2
  return 1
}

@test "job control and Ctrl-C work in an interactive shell inside" {
  for m in pidns subreaper; do
    [ $m = subreaper ] || have_userns || is_root || continue
    rm -f "$T/status"
    tmux_start "sw-pidns --method $m -- env PS1='P> ' bash --norc --noprofile -i; echo \$? > $T/status; sleep 30"
    wait_screen '^P>'
    send 'sleep 100 &' Enter
    wait_screen '^\[1\] [0-9]+'
    send 'fg' Enter
    wait_screen '^sleep 100$'
    sleep 0.3
    send C-c
    send 'echo ok-$?' Enter
    wait_screen '^ok-130$'
    send 'sleep 100' Enter
    sleep 0.3
    send C-z
    wait_screen 'Stopped'
    send 'bg; kill %1; wait %1; echo bg-$?' Enter
    wait_screen '^bg-143$'
    not_on_screen 'cannot set terminal|no job control'
    send 'exit 7' Enter
    wait_file "$T/status"
    [ "$(cat "$T/status")" = 7 ]
    tmux -S "$TMUX_SOCKET" kill-server
  done
}

@test "Ctrl-C interrupts a foreground PROGRAM once, the caller sees SIGINT; Ctrl-Z, fg" {
  for m in pidns subreaper; do
    [ $m = subreaper ] || have_userns || is_root || continue
    rm -f "$T/ints" "$T/ready"
    tmux_start "env PS1='P> ' bash --norc --noprofile -i"
    wait_screen '^P>'
    send "sw-pidns --method $m -- sh -c 'trap \"echo int >> $T/ints\" INT; touch $T/ready; for i in 1 2 3 4 5 6 7 8 9 10; do sleep 0.1; done'; echo first-\$?" Enter
    wait_file "$T/ready"
    send C-c
    wait_screen 'first-[0-9]+$'
    [ "$(cat "$T/ints")" = int ]
    # Interactive bash abandons the rest of a command line whose job
    # died of SIGINT (not one that exited 130): so "; echo" must not run.
    send "sw-pidns --method $m -- sleep $M; echo second-\$?" Enter
    wait_alive
    send C-c
    wait_screen '^P>.*\^C$|^P> *$'
    send 'echo third-$?' Enter
    wait_screen '^third-130$'
    not_on_screen 'second-[0-9]'
    none_alive
    # Ctrl-Z stops it, as any job; fg resumes it.
    send "sw-pidns --method $m -- sleep $M" Enter
    wait_alive
    send C-z
    wait_screen 'Stopped.*sleep'
    send 'fg' Enter
    sleep 0.3
    send C-c
    send 'echo fourth-$?' Enter
    wait_screen '^fourth-130$'
    none_alive
    tmux -S "$TMUX_SOCKET" kill-server
  done
}
