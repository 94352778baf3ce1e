#!/usr/bin/env bats
# check.bats -- 'stowaway check' tells the truth about this host, and
# about a host that refuses namespaces (simulated with sw-test-nons).

load ../helpers/common

setup () { setup_common; }

mechanisms=("user namespaces" "mount namespaces" "network namespaces"
            "PID namespaces" "seccomp" "Landlock" "cgroup v2 delegation"
            "sandbox-exec")

# The line for mechanism $1 in $output.
line_of () { printf '%s\n' "$output" | grep "^$1: "; }
available () { line_of "$1" | grep -q ': *available: '; }
unavailable () { line_of "$1" | grep -q ': *unavailable: '; }

require_nons () {
  command -v sw-test-nons >/dev/null ||
    skip "sw-test-nons not built (no libseccomp)"
}

@test "check: exit 0, one line per mechanism, nothing on stderr" {
  run --separate-stderr -0 stowaway check
  [ -z "$stderr" ]
  for m in "${mechanisms[@]}"; do
    [ "$(printf '%s\n' "$output" | grep -c "^$m: ")" = 1 ] ||
      { echo "no single line for $m"; false; }
    available "$m" || unavailable "$m"
  done
  for o in "block-net (sw-netdeny)" "home (sw-mkhome)" "pid (sw-pidns)" \
           "fs (sw-fsview)"; do
    [[ $output == *"$o: "* ]] || { echo "no line for $o"; false; }
  done
}

@test "check: user namespaces as 'unshare -U' finds them" {
  run -0 stowaway check
  if have_userns; then available "user namespaces"
  else unavailable "user namespaces"; fi
}

@test "check: namespaces as unshare(1) finds them" {
  run -0 stowaway check
  # As root no user namespace is needed; as a user one is, as for unshare -r.
  if is_root; then flags=; else flags=-r; fi
  for pair in "network namespaces:-n" "mount namespaces:-m"; do
    m=${pair%%:*}
    if unshare $flags ${pair##*:} true 2>/dev/null; then available "$m"
    else unavailable "$m"; fi
  done
}

@test "check: seccomp and Landlock as the kernel reports them" {
  run -0 stowaway check
  if grep -q '^Seccomp:' /proc/self/status && command -v sw-test-nons >/dev/null
  then available seccomp; fi
  if [ -r /sys/kernel/security/lsm ]; then
    if grep -qw landlock /sys/kernel/security/lsm; then
      line_of Landlock | grep -Eq 'available: ABI [1-9]'
    else
      unavailable Landlock
    fi
  fi
  unavailable sandbox-exec   # this suite runs on Linux
}

@test "check: the methods follow the mechanisms" {
  run -0 stowaway check
  if available "network namespaces"; then
    [[ $output == *"block-net (sw-netdeny): netns "* ]]
  fi
  if available "mount namespaces"; then
    [[ $output == *"home (sw-mkhome): tmpfs "* ]]
    [[ $output == *"fs (sw-fsview): mount "* ]]
  fi
  if available "PID namespaces"; then
    [[ $output == *"pid (sw-pidns): pidns "* ]]
  fi
}

@test "check --json: the same facts as one JSON object" {
  command -v python3 >/dev/null || skip "python3 not found (JSON parser)"
  run -0 stowaway check
  text=$output
  run -0 sh -c 'stowaway check --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
for k, v in d[\"mechanisms\"].items():
    print(k, v[\"available\"])
for k, v in d[\"options\"].items():
    print(k, v[\"method\"])
"'
  output_json=$output
  output=$text
  for pair in "user-namespaces:user namespaces" "network-namespaces:network namespaces" \
              "landlock:Landlock" "seccomp:seccomp"; do
    if available "${pair#*:}"; then want=True; else want=False; fi
    grep -qx "${pair%%:*} $want" <<<"$output_json" ||
      { echo "$pair: $output_json"; false; }
  done
  net=$(printf '%s\n' "$text" | sed -n 's/^block-net (sw-netdeny): \([a-z-]*\).*/\1/p')
  grep -qx "block-net $net" <<<"$output_json"
}

@test "check: without user namespaces, says so and names the fallbacks" {
  require_nons
  run --separate-stderr -0 sw_nouserns stowaway check
  unavailable "user namespaces"
  line_of "user namespaces" | grep -q "seccomp filter"
  if is_root; then
    # Root needs no user namespace for the others.
    available "network namespaces"
  else
    unavailable "network namespaces"
    unavailable "mount namespaces"
    unavailable "PID namespaces"
    line_of "network namespaces" | grep -q "needs a user namespace"
    if available seccomp; then
      [[ $output == *"block-net (sw-netdeny): seccomp "* ]]
    fi
    [[ $output == *"home (sw-mkhome): dir "* ]]
    [[ $output == *"pid (sw-pidns): subreaper "* ]]
    [[ $output == *"netns: no"* ]]
  fi
}

@test "check: without any namespace, root falls back too" {
  require_nons
  run -0 sw-test-nons user,net,mount,pid -- stowaway check
  unavailable "network namespaces"
  unavailable "mount namespaces"
  unavailable "PID namespaces"
  [[ $output == *"block-net (sw-netdeny): seccomp "* ]]
  [[ $output == *"home (sw-mkhome): dir "* ]]
  [[ $output == *"pid (sw-pidns): subreaper "* ]]
  [[ $output == *"[netns: no, seccomp: yes, sandbox-exec: no]"* ]]
}

@test "check --require: 0 when enforceable, 1 when not, 125 when unknown" {
  run -0 stowaway check
  if available "network namespaces" || available seccomp; then
    run -0 stowaway check --require block-net ro env
  fi
  run --separate-stderr -1 stowaway check --require net-method=sandbox-exec
  [[ $stderr == *"'net-method=sandbox-exec' cannot be enforced here"* ]]
  run --separate-stderr -125 stowaway check --require no-such-thing
  [[ $stderr == *"unknown option 'no-such-thing'"* ]]
  [ -z "$output" ]
  run -125 stowaway check --require
  run -125 stowaway check block-net
  run -125 stowaway check --bogus
}

@test "check --require: a host without namespaces cannot bind or cap the home" {
  require_nons
  run --separate-stderr -1 sw-test-nons user,net,mount,pid -- \
    stowaway check --require ro bind
  [[ $stderr == *"'bind' cannot be enforced here"* ]]
  run -1 sw-test-nons user,net,mount,pid -- stowaway check --require home-size
  run -1 sw-test-nons user,net,mount,pid -- stowaway check --require net-method=netns
  run -0 sw-test-nons user,net,mount,pid -- stowaway check --require home pid
}
