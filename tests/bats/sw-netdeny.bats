#!/usr/bin/env bats
# sw-netdeny.bats -- no network outside the sandbox (SPEC §6), for each
# Linux method, as root and (tests/unprivileged.sh) as a user.
#
# Every attack is made from inside with tests/helpers/sw-test-net against
# a listener the test starts on the host's 127.0.0.1, ::1 or an abstract
# unix socket, and every one has its control: the same client, without
# sw-netdeny, does reach the listener.  No traffic ever goes anywhere but
# loopback and sockets the test made.
#
# not tested: the sandbox-exec method (macOS; only its profile text is,
# by tests/unit/test-sbprofile), and x32 where the kernel lacks it.

load ../helpers/common

setup () { setup_common; }

# Only jobs this shell still has: a pid already reaped may be reused.
teardown () {
  local p
  for p in $(jobs -p); do
    kill "$p" 2>/dev/null || true
  done
}

# use_method M: skip unless method M can exist on this host and build.
use_method () {
  case $1 in
    netns)
      [ -e /proc/self/ns/net ] ||
        skip "the kernel has no network namespaces"
      require_userns ;;
    seccomp)
      have_seccomp_build ||
        skip "this build has no seccomp filters (configured without libseccomp)" ;;
  esac
}

# The test helper that needs libseccomp is built exactly when sw-netdeny's
# filters are.
have_seccomp_build () { [ -x "$SW_HELPERS/sw-test-nons" ]; }

# no_ns CMD...: run CMD on a "host" where no user or network namespace
# can be made (root could make a network namespace without a user one).
no_ns () {
  if is_root; then sw-test-nons user,net -- "$@"; else sw_nouserns "$@"; fi
}

# bg CMD...: start CMD in the background (killed by teardown).
bg () {
  "$@" 3>&- &
}

wait_file () {
  local i
  for ((i = 0; i < 100; i++)); do
    [ -s "$1" ] && return 0
    sleep 0.05
  done
  echo "timed out waiting for $1" >&2
  return 1
}

# serve_tcp ADDR: a greeting TCP server on ADDR; its port in PORT.
serve_tcp () {
  local pf=$BATS_TEST_TMPDIR/tcp.port
  rm -f "$pf"
  bg sw-test-net tcp-serve "$1" "$pf" 30
  wait_file "$pf" || return 1
  PORT=$(cat "$pf")
}

# timed ARGS...: 'run ARGS...', its duration in milliseconds in ELAPSED.
timed () {
  local t0 t1
  t0=$(date +%s%N)
  run "$@"
  t1=$(date +%s%N)
  ELAPSED=$(( (t1 - t0) / 1000000 ))
}

fast () {
  (( ELAPSED < 2000 )) || { echo "took $ELAPSED ms" >&2; return 1; }
}

have_ipv6_loopback () {
  [ -e /proc/net/if_inet6 ] && grep -q '^0\{31\}1 ' /proc/net/if_inet6
}

# The kernel's Landlock ABI, asked by the test itself (never by the
# program under test, whose claims are what is being checked).
landlock_abi () { sw-test-net landlock-abi; }

# --- the attacks, one function each, run per method below ------------

tcp_unreachable () {
  local m=$1 addr=$2
  use_method "$m"
  if [ "$addr" = ::1 ]; then
    have_ipv6_loopback || skip "the host has no IPv6 loopback (::1)"
  fi
  serve_tcp "$addr"
  # Control: the client reaches the server without sw-netdeny.
  run -0 sw-test-net tcp-connect "$addr" "$PORT" 2000
  [[ $output == *"hello from the server"* ]]
  timed -1 sw-netdeny --method "$m" -- sw-test-net tcp-connect "$addr" "$PORT" 5000
  [[ $output != *hello* ]]
  fast
}

udp_never_arrives () {
  local m=$1 pf=$BATS_TEST_TMPDIR/udp.port out=$BATS_TEST_TMPDIR/udp.out
  use_method "$m"
  bg sw-test-net udp-recv 127.0.0.1 "$pf" 10 >"$out"
  wait_file "$pf"
  local port
  port=$(cat "$pf")
  # In a network namespace the datagram leaves (to that namespace's own
  # lo) and is lost; with seccomp no socket can even be made.
  local want=0
  [ "$m" = seccomp ] && want=1
  run -$want sw-netdeny --method "$m" -- sw-test-net udp-send 127.0.0.1 "$port" from-inside
  # Control, sent after it: loopback keeps order, so the receiver, which
  # prints only the first datagram, shows this one if the first was lost.
  run -0 sw-test-net udp-send 127.0.0.1 "$port" control
  wait_file "$out"
  run -0 cat "$out"
  [ "$output" = "received: control" ]
}

abstract_unreachable () {
  local m=$1 ready=$BATS_TEST_TMPDIR/unix.ready name=sw-test-net-$$-$RANDOM
  use_method "$m"
  if [ "$m" = seccomp ]; then
    (( $(landlock_abi) >= 6 )) || skip "Landlock ABI < 6 here: the host's abstract unix sockets stay reachable with seccomp (documented)"
  fi
  bg sw-test-net unix-serve "$name" "$ready" 30
  wait_file "$ready"
  run -0 sw-test-net unix-connect "$name"
  [[ $output == *"hello from the server"* ]]
  timed -1 sw-netdeny --method "$m" -- sw-test-net unix-connect "$name"
  [[ $output != *hello* ]]
  fast
}

abstract_inside_works () {
  local m=$1
  use_method "$m"
  run -0 sw-netdeny --method "$m" -- sh -c '
    sw-test-net unix-serve inside-$$ "$1" 10 &
    for i in $(seq 100); do [ -s "$1" ] && break; sleep 0.05; done
    sw-test-net unix-connect inside-$$; rc=$?; kill $!; exit $rc' sh \
    "$BATS_TEST_TMPDIR/ready"
  [[ $output == *"hello from the server"* ]]
}

dns_server_unreachable () {
  local m=$1 pf=$BATS_TEST_TMPDIR/dns.port
  use_method "$m"
  bg sw-test-net dns-serve 127.0.0.1 "$pf" 30
  wait_file "$pf"
  local port
  port=$(cat "$pf")
  run -0 sw-test-net dns-query 127.0.0.1 "$port" example.com 1500
  [[ $output == *answered* ]]
  timed sw-netdeny --method "$m" -- sw-test-net dns-query 127.0.0.1 "$port" example.com 1500
  [ "$status" -eq 1 ] || [ "$status" -eq 3 ]    # refused, or no answer
  [[ $output != *answered* ]]
  fast
}

resolve_fails_fast () {
  local m=$1
  use_method "$m"
  # A name only DNS could answer (RFC 2606: .invalid never resolves, so
  # this checks speed; dns_server_unreachable checks the blocking).  The
  # resolver is the system's (getent, glibc): a program linked with musl
  # (as the test helpers are in the fast build) waits for its resolver's
  # own timeout instead, which the manual says.
  timed -2 sw-netdeny --method "$m" -- getent hosts stowaway-test.example.invalid
  fast
}

no_way_back () {
  local m=$1
  use_method "$m"
  # The host's namespace, opened out here and handed in: even holding it,
  # PROGRAM lacks the capability to join it.
  run -1 sw-netdeny --method "$m" -- sw-test-net setns fd:5 5<"/proc/$$/ns/net"
  [[ $output == *"setns: Operation not permitted"* ]]
  run -0 sw-netdeny --method "$m" -- grep Cap /proc/self/status
  assert_no_caps "$output"
}

composes_with_sw_exec () {
  local m=$1
  use_method "$m"
  serve_tcp 127.0.0.1
  run -0 sw-netdeny --method "$m" -- sw-exec -- sh -c '
    sw-test-net tcp-connect 127.0.0.1 "$1" 2000; echo "rc=$?"
    grep Cap /proc/self/status' sh "$PORT"
  [[ $output == *rc=1* ]]
  [[ $output != *hello* ]]
  assert_no_caps "$output"
}

# --- netns ------------------------------------------------------------

@test "netns: a host TCP server on 127.0.0.1 is unreachable, fast" {
  tcp_unreachable netns 127.0.0.1
}
@test "netns: a host TCP server on ::1 is unreachable, fast" {
  tcp_unreachable netns ::1
}
@test "netns: a UDP datagram to a host listener is never received" {
  udp_never_arrives netns
}
@test "netns: the host's abstract unix sockets are unreachable" {
  abstract_unreachable netns
}
@test "netns: a DNS server on the host's 127.0.0.1 gets no query" {
  dns_server_unreachable netns
}
@test "netns: name resolution fails in under 2 s" {
  resolve_fails_fast netns
}
@test "netns: no setns back to the host's network, no capabilities" {
  no_way_back netns
}
@test "netns: a server and a client inside talk over 127.0.0.1 and ::1" {
  use_method netns
  run -0 sw-netdeny --method netns -- sw-test-net tcp-self 127.0.0.1
  [[ $output == *"hello from the server"* ]]
  have_ipv6_loopback || skip "the host has no IPv6: ::1 not checked"
  run -0 sw-netdeny --method netns -- sw-test-net tcp-self ::1
  [[ $output == *"hello from the server"* ]]
}
@test "netns: abstract unix sockets inside still work" {
  abstract_inside_works netns
}
@test "netns: composes with sw-exec" {
  composes_with_sw_exec netns
}
@test "netns: --verbose says netns; silent without it" {
  use_method netns
  run --separate-stderr -0 sw-netdeny -v --method netns -- true
  [[ $stderr == *"network denied by netns"* ]]
  run --separate-stderr -0 sw-netdeny --method netns -- true
  [ -z "$stderr" ]
}

# --- seccomp ----------------------------------------------------------

@test "seccomp: a host TCP server on 127.0.0.1 is unreachable, fast" {
  tcp_unreachable seccomp 127.0.0.1
}
@test "seccomp: a host TCP server on ::1 is unreachable, fast" {
  tcp_unreachable seccomp ::1
}
@test "seccomp: a UDP datagram to a host listener is never received" {
  udp_never_arrives seccomp
}
@test "seccomp: the host's abstract unix sockets are unreachable (Landlock ABI 6)" {
  abstract_unreachable seccomp
}
@test "seccomp: a DNS server on the host's 127.0.0.1 gets no query" {
  dns_server_unreachable seccomp
}
@test "seccomp: name resolution fails in under 2 s" {
  resolve_fails_fast seccomp
}
@test "seccomp: no setns to the host's network, no capabilities" {
  no_way_back seccomp
}
@test "seccomp: abstract unix sockets inside still work" {
  abstract_inside_works seccomp
}
@test "seccomp: composes with sw-exec" {
  composes_with_sw_exec seccomp
}
@test "seccomp: no socket but AF_UNIX, on every ABI (native, i386, socketcall, x32)" {
  use_method seccomp
  local fam abi
  for fam in inet inet6 netlink packet; do
    for abi in native i386 socketcall x32; do
      run sw-test-net socket $fam $abi
      [ "$status" -ne 4 ] || continue         # ABI not on this machine
      run -1 sw-netdeny --method seccomp -- sw-test-net socket $fam $abi
      [[ $output == *"Permission denied"* ]] || { echo "$fam $abi"; false; }
    done
  done
  run -0 sw-netdeny --method seccomp -- sw-test-net socket unix
}
@test "seccomp: io_uring is refused (it could open sockets without socket())" {
  use_method seccomp
  run sw-test-net io-uring
  [ "$status" -eq 0 ] || skip "io_uring is not available on this host"
  run -1 sw-netdeny --method seccomp -- sw-test-net io-uring
  [[ $output == *"io_uring_setup: Function not implemented"* ]]
}
@test "seccomp: Landlock refuses TCP connect on a socket passed in" {
  use_method seccomp
  (( $(landlock_abi) >= 4 )) ||
    skip "Landlock ABI < 4 here: no TCP rules (documented)"
  serve_tcp 127.0.0.1
  # fd 5: a TCP socket made outside; only sw-exec would close it.
  run -0 sw-test-net pass-socket inet 5 -- sw-test-net connect-fd 5 127.0.0.1 "$PORT"
  [[ $output == *"hello from the server"* ]]
  run -1 sw-test-net pass-socket inet 5 -- \
    sw-netdeny --method seccomp -- sw-test-net connect-fd 5 127.0.0.1 "$PORT"
  [[ $output == *"Permission denied"* ]]
}
@test "seccomp: --verbose says seccomp and what Landlock applied" {
  use_method seccomp
  run --separate-stderr -0 sw-netdeny -v --method seccomp -- true
  [[ $stderr == *"network denied by seccomp"* ]]
  local abi
  abi=$(landlock_abi)
  if (( abi >= 6 )); then
    [[ $stderr == *"Landlock ABI $abi: TCP bind and connect denied, the host's abstract unix sockets unreachable"* ]]
  elif (( abi >= 4 )); then
    [[ $stderr == *"Landlock ABI $abi: TCP bind and connect denied; abstract unix sockets of the host remain reachable"* ]]
  else
    [[ $stderr == *"no Landlock network rules"* ]]
  fi
}

# --- choosing a method ------------------------------------------------

@test "auto: without namespaces, falls back to seccomp and still blocks" {
  use_method seccomp
  serve_tcp 127.0.0.1
  run --separate-stderr -1 no_ns sw-netdeny -v -- sw-test-net tcp-connect 127.0.0.1 "$PORT" 2000
  # One line: the method, and why not netns.
  [ "$(printf '%s\n' "$stderr" | grep -c '^sw-netdeny:')" -eq 1 ]
  [[ $stderr == *"network denied by seccomp (fallen back to: no network namespace: cannot "*"Operation not permitted)"* ]]
  [[ $output != *hello* ]]
}
@test "forced netns without namespaces exits 125; PROGRAM never runs" {
  have_seccomp_build || skip "sw-test-nons needs libseccomp"
  run --separate-stderr -125 no_ns sw-netdeny --method netns -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $stderr == *"cannot set up a network namespace"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}
@test "auto: uses netns where it can" {
  use_method netns
  run --separate-stderr -0 sw-netdeny -v -- true
  [[ $stderr == *"network denied by netns"* ]]
}
@test "sandbox-exec on Linux exits 125; PROGRAM never runs" {
  [ "$(uname -s)" = Linux ] || skip "not Linux"
  run --separate-stderr -125 sw-netdeny --method sandbox-exec -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $stderr == *"only on macOS"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}
@test "an unknown method exits 125 with Try; PROGRAM never runs" {
  run --separate-stderr -125 sw-netdeny --method bogus -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $stderr == *"invalid method"* ]]
  [[ $stderr == *"Try '"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "seccomp: PROGRAM cannot borrow the network of a process outside (ptrace)" {
  sleep 30 & victim=$!
  # Control: without sw-netdeny the same user can attach to it.
  run -0 sw-test-caps ptrace $victim
  run -1 sw-netdeny --method seccomp -- sw-test-caps ptrace $victim
  [[ $output == *"Operation not permitted"* ]]
  kill $victim
}
