#!/usr/bin/env bats
# sw-fsview.bats -- the filesystem view: what the host has in /tmp and
# /run cannot be reached, /dev is minimal, --ro/--rw/--hide/--bind do what
# they say, paths are checked before PROGRAM runs, and the Landlock
# method enforces --ro and --hide where no mount namespace can be had.
#
# not tested: the resolver file kept when /etc/resolv.conf links into
# /run is tested only as root (it needs a mount namespace to fake such
# an /etc); kernels without open_tree or mount_setattr.

load ../helpers/common

setup () {
  setup_common
  listener=
  outside=
}

teardown () {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null
  [ -n "$outside" ] && rm -rf "$outside"
  [ -n "${run_dir:-}" ] && is_root && rm -rf "$run_dir"
  return 0
}

require_mountns () {
  is_root && return 0
  have_userns || skip "unprivileged user namespaces are not available on this host"
}

require_landlock () {
  # The forced method says why it cannot run; that is the probe.
  sw-fsview --method landlock true 2>/dev/null ||
    skip "Landlock is not available on this host"
}

# A directory the user may write to outside /tmp and outside the home
# the sandbox keeps: in the real home of whoever runs the tests.
make_outside () {
  outside=$(mktemp -d "${HOME:?}/.sw-fsview-test.XXXXXX")
}

# listen_unix PATH: a server on the unix socket PATH, in the background.
listen_unix () {
  perl -MIO::Socket::UNIX -e '
    my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => $ARGV[0],
                                  Listen => 5) or die "listen: $!\n";
    print "ready\n"; close STDOUT; sleep 60' "$1" > "$BATS_TEST_TMPDIR/ready" &
  listener=$!
  for _ in $(seq 50); do [ -s "$BATS_TEST_TMPDIR/ready" ] && return 0; sleep 0.1; done
  return 1
}

connect_unix='use IO::Socket::UNIX;
  IO::Socket::UNIX->new(Type => SOCK_STREAM(), Peer => $ARGV[0]) or exit 1'

@test "sw-fsview: a file in the host's /tmp is not visible, /tmp is empty and writable" {
  require_mountns
  f=$(mktemp /tmp/sw-fsview-host.XXXXXX)
  run -0 sw-fsview -- sh -c "test ! -e '$f' && ls -A /tmp && echo new > /tmp/x && cat /tmp/x"
  rm -f "$f"
  [ "$output" = new ]
  [ ! -e /tmp/x ] || [ "$(cat /tmp/x)" != new ]
}

@test "sw-fsview: a working directory in the host's /tmp does not reach it" {
  require_mountns
  d=$(mktemp -d /tmp/sw-fsview-cwd.XXXXXX)
  touch "$d/host-file"
  cd "$d"
  run -0 sw-fsview -- sh -c 'ls -A; ls -A ..'
  cd /
  rm -rf "$d"
  [[ $output != *host-file* ]]
  [[ $output != *sw-fsview-cwd* ]]
}

@test "sw-fsview: a listening unix socket under /run cannot be reached" {
  require_mountns
  command -v perl >/dev/null || skip "perl is missing"
  if is_root; then
    run_dir=$(mktemp -d /run/sw-fsview-test.XXXXXX)
  elif [ -d /run/lock ] && [ -w /run/lock ] && [ -k /run/lock ]; then
    run_dir=$(mktemp -d /run/lock/sw-fsview-test.XXXXXX)
    outside=$run_dir            # removed by teardown as this user
  else
    skip "no directory under /run that $(id -un) may write to"
  fi
  sock=$run_dir/sock
  listen_unix "$sock"
  run -0 perl -e "$connect_unix" "$sock"          # reachable from the host
  run -1 sw-fsview -- perl -e "$connect_unix" "$sock"
  run -0 sw-fsview -- sh -c "test ! -e '$sock' && test ! -e '$run_dir'"
}

@test "sw-fsview: the resolver config is the host's and /etc/hosts names resolve" {
  require_mountns
  run -0 sw-fsview -- cat /etc/resolv.conf
  [ "$output" = "$(cat /etc/resolv.conf)" ]
  run -0 sw-fsview -- getent hosts localhost
  [[ $output == *localhost* ]]
}

@test "sw-fsview: /etc/resolv.conf linking into /run keeps that one file" {
  require_root
  command -v unshare >/dev/null || skip "unshare is missing"
  # A private copy of /etc whose resolv.conf links into /run, as with
  # systemd-resolved, in a mount namespace of the test's own.
  t=$BATS_TEST_TMPDIR
  run -0 unshare -m --propagation private sh -c "
    set -e
    mkdir /run/sw-fsview-resolv.\$\$ && d=/run/sw-fsview-resolv.\$\$
    trap 'rm -rf \$d' EXIT
    echo 'nameserver 127.0.0.53 # sw-fsview test' > \$d/stub.conf
    echo secret > \$d/other
    cp -a /etc '$t/etc'
    rm -f '$t/etc/resolv.conf'
    ln -s ../run/\${d#/run/}/stub.conf '$t/etc/resolv.conf'
    mount --bind '$t/etc' /etc
    sw-fsview -- sh -c 'cat /etc/resolv.conf; ls -A /run; ls -A \$0' \$d"
  [ "${lines[0]}" = "nameserver 127.0.0.53 # sw-fsview test" ]
  [[ ${lines[1]} == sw-fsview-resolv.* ]]
  [ "${lines[2]}" = stub.conf ]
  [ "${#lines[@]}" = 3 ]
}

@test "sw-fsview: /dev has no disks, but null, zero, urandom, tty and ptmx work" {
  require_mountns
  run -0 sw-fsview -- bash -c '
    for d in /dev/vda /dev/sda /dev/nvme0n1 /dev/loop0 /dev/mem /dev/kmsg; do
      [ ! -e $d ] || { echo "$d visible"; exit 1; }
    done
    echo hi > /dev/null && [ "$(head -c 5 /dev/zero | wc -c)" = 5 ] &&
    [ "$(head -c 16 /dev/urandom | wc -c)" = 16 ] && [ -c /dev/tty ] &&
    exec 3<>/dev/ptmx && ls /dev/pts'
  [[ $output == *0* ]]
}

@test "sw-fsview --ro: writing outside the home fails and nothing reaches the host" {
  require_mountns
  make_outside
  run -1 sw-fsview --ro -- touch "$outside/f"
  [[ $output == *"Read-only file system"* || $output == *"Permission denied"* ]]
  [ ! -e "$outside/f" ]
  # The private /tmp and /dev stay writable.
  run -0 sw-fsview --ro -- sh -c 'echo x > /tmp/f && echo y > /dev/null'
}

@test "sw-fsview --ro --rw DIR: the write lands on the host" {
  require_mountns
  make_outside
  run -0 sw-fsview --ro --rw "$outside" -- sh -c "echo x > '$outside/f'"
  [ "$(cat "$outside/f")" = x ]
}

@test "sw-fsview --rw of a directory in the host's /tmp shows and writes it" {
  require_mountns
  d=$(mktemp -d /tmp/sw-fsview-rw.XXXXXX)
  echo old > "$d/old"
  run -0 sw-fsview --rw "$d" -- sh -c "cat '$d/old' && echo new > '$d/new'"
  [ "$output" = old ]
  [ "$(cat "$d/new")" = new ]
  rm -rf "$d"
}

@test "sw-fsview --keep-home: a home in /tmp stays visible and writable under --ro" {
  require_mountns
  mkdir "$BATS_TEST_TMPDIR/home"
  echo kept > "$BATS_TEST_TMPDIR/home/f"
  HOME=$BATS_TEST_TMPDIR/home run -0 sw-fsview --ro --keep-home -- \
    sh -c 'cat "$HOME/f" && echo w > "$HOME/w"'
  [ "$output" = kept ]
  [ "$(cat "$BATS_TEST_TMPDIR/home/w")" = w ]
}

@test "sw-fsview --hide: an empty read-only directory or file in its place" {
  require_mountns
  make_outside
  mkdir "$outside/secret"
  echo key > "$outside/secret/key"
  echo tok > "$outside/token"
  run -0 sw-fsview --hide "$outside/secret" --hide "$outside/token" -- \
    sh -c "ls -A '$outside/secret'; wc -c < '$outside/token';
           touch '$outside/secret/x' 2>/dev/null && echo wrote; true"
  [ "$output" = 0 ]
  [ ! -e "$outside/secret/x" ]
}

@test "sw-fsview --bind and --ro-bind show the host's SRC at DST" {
  require_mountns
  make_outside
  echo data > "$outside/f"
  run -0 sw-fsview --bind "$outside:/tmp/rw" --ro-bind "$outside:/tmp/ro" -- \
    sh -c 'cat /tmp/rw/f /tmp/ro/f && echo w > /tmp/rw/w &&
           { echo v > /tmp/ro/v; } 2>/dev/null; test ! -e /tmp/ro/v'
  [ "$output" = "data
data" ]
  [ "$(cat "$outside/w")" = w ]
  [ ! -e "$outside/v" ]
  # --ro-bind at the same path makes it read-only there.
  run -1 sw-fsview --ro-bind "$outside" -- touch "$outside/x"
  [ ! -e "$outside/x" ]
}

@test "sw-fsview: a missing or symlinked path exits 125, PROGRAM never runs" {
  require_mountns
  make_outside
  ran=$BATS_TEST_TMPDIR/ran
  for opt in --rw --hide --bind --ro-bind; do
    run -125 sw-fsview $opt "$outside/missing" -- touch "$ran"
    [[ $output == *missing* ]]
    [ ! -e "$ran" ]
  done
  ln -s "$outside" "$outside/link"
  run -125 sw-fsview --rw "$outside/link" -- touch "$ran"
  [[ $output == *"symbolic link"* ]]
  # DST missing outside a directory this program made.
  run -125 sw-fsview --bind "$outside:/etc/sw-fsview-nowhere" -- touch "$ran"
  [ ! -e "$ran" ]
  # The -try forms skip a missing SRC.
  run -0 sw-fsview --bind-try "$outside/missing" \
    --ro-bind-try "$outside/missing:/tmp/x" -- true
}

@test "sw-fsview as root: no mount leaks to the host's mount namespace" {
  require_root
  command -v unshare >/dev/null || skip "unshare is missing"
  # A namespace of the test's own where / is shared, as on systemd hosts.
  run -0 unshare -m --propagation shared sh -c '
    before=$(wc -l < /proc/$$/mountinfo)
    during=$(sw-fsview --ro --hide /etc -- sh -c "wc -l < /proc/$$/mountinfo")
    echo "$before $during"'
  set -- $output
  [ "$1" = "$2" ]
}

@test "sw-fsview: PROGRAM and what it execs hold no capabilities" {
  require_mountns
  run -0 sw-fsview -- grep ^Cap /proc/self/status
  assert_no_caps "$output"
  run -0 sw-fsview --ro -- sw-exec -- grep ^Cap /proc/self/status
  assert_no_caps "$output"
}

@test "sw-fsview --verbose says what was set up, in one line" {
  require_mountns
  run --separate-stderr -0 sw-fsview -v -- true
  [ "${#stderr_lines[@]}" = 1 ]
  [[ $stderr == *"mount namespace"*"/run hidden"* ]]
}

@test "sw-fsview --method landlock --ro: writes outside fail, /tmp is the host's" {
  require_landlock
  make_outside
  run -1 sw-fsview --method landlock --ro -- touch "$outside/f"
  [ ! -e "$outside/f" ]
  run -0 sw-fsview --method landlock --ro --rw "$outside" -- \
    sh -c "echo x > '$outside/f'"
  [ "$(cat "$outside/f")" = x ]
  run --separate-stderr -0 sw-fsview -v --method landlock --ro -- true
  [[ $stderr == *"NOT enforced"*"private /tmp"* ]]
  run -0 sw-fsview --method landlock --ro -- sw-exec -- grep ^Cap /proc/self/status
  assert_no_caps "$output"
}

@test "sw-fsview --method landlock --hide: nothing beneath can be read" {
  require_landlock
  make_outside
  mkdir "$outside/secret"
  echo key > "$outside/secret/key"
  echo ok > "$outside/other"
  run -0 sw-fsview --method landlock --hide "$outside/secret" -- sh -c "
    cat '$outside/other'
    cat '$outside/secret/key' 2>/dev/null && echo leaked
    ls '$outside/secret' 2>/dev/null && echo listed
    cat /run/* 2>/dev/null | head -c1 | grep -q . && echo run-leaked
    true"
  [ "$output" = ok ]
}

@test "sw-fsview --method landlock refuses what Landlock cannot do" {
  require_landlock
  make_outside
  run -125 sw-fsview --method landlock --bind "$outside:/tmp/x" -- \
    touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *Landlock* ]]
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "sw-fsview without user namespaces: falls back to Landlock as a user" {
  require_user
  require_landlock
  command -v sw-test-nons >/dev/null || skip "built without libseccomp: no sw-test-nons"
  make_outside
  mkdir "$outside/secret"
  echo key > "$outside/secret/key"
  run --separate-stderr -1 sw_nouserns sw-fsview -v --ro --hide "$outside/secret" -- \
    sh -c "cat '$outside/secret/key'; touch '$outside/f'"
  [[ $stderr == *Landlock* ]]
  [ "$output" = "" ]
  [ ! -e "$outside/f" ]
  # --bind to another path cannot be had without a mount namespace.
  run -125 sw_nouserns sw-fsview --bind "$outside:/tmp/x" -- true
}
