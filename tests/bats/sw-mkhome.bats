#!/usr/bin/env bats
# sw-mkhome.bats -- the disposable home (SPEC section 5).
#
# Runs as root and as the unprivileged user.  The tmpfs method needs a
# mount namespace (root, or unprivileged user namespaces); the dir method
# works everywhere.  Each claim is attacked from inside: the real home
# read by its absolute path, leftovers searched for on disk by a marker
# written inside, planted symbolic links for the cleanup to follow.
#
# The real home of the running user is touched only to create and remove
# this suite's own files, named .sw-mkhome-test-*.

load ../helpers/common

setup () {
  setup_common
  # Homes go here; the test's own files next to it.
  export TMPDIR=$BATS_TEST_TMPDIR/tmp
  mkdir "$TMPDIR"
  H=$(getent passwd "$(id -u)" | cut -d: -f6)
  [ -n "$H" ] && [ "$H" != / ] && [ -d "$H" ] && [ -w "$H" ] ||
    skip "the running user has no writable home directory ($H)"
  H=$(cd "$H" && pwd -P)
  tag=sw-mkhome-test-$BATS_TEST_NUMBER-$$-$RANDOM
  marker=.$tag-marker
  ready=$BATS_TEST_TMPDIR/ready
  secret=$H/.$tag-secret
  bg_pid=
}

teardown () {
  [ -n "$bg_pid" ] && kill -KILL "$bg_pid" 2>/dev/null
  # A mount a failed test made in the host's table must not outlive it.
  [ -n "${mounted:-}" ] && umount -l "$mounted" 2>/dev/null
  [ -n "${secret:-}" ] && rm -rf "$secret" "$H/.$tag-"* 2>/dev/null
  return 0
}

# The tmpfs method needs a mount namespace.
require_mountns () {
  require_userns
}

# leftovers: every file named $marker under TMPDIR, /tmp and the real
# home, and every tmpfs of ours still in this mount namespace's table.
leftovers () {
  find "$TMPDIR" /tmp "$H" -name "$marker" 2>/dev/null || true
  grep stowaway-home /proc/self/mountinfo || true
}

# wait_until CMD...: poll CMD for up to 10 s.
wait_until () {
  local i
  for ((i = 0; i < 100; i++)); do
    "$@" && return 0
    sleep 0.1
  done
  echo "timed out waiting for: $*" >&2
  return 1
}

no_leftovers () {
  local left
  left=$(leftovers)
  [ -z "$left" ] || { echo "left over: $left" >&2; return 1; }
}
# PROGRAM touches $ready once it has written its marker.
ready_written () { [ -s "$ready" ]; }

# check_fresh METHOD: HOME is empty but .run, 0700, ours; XDG inside.
check_fresh () {
  run -0 sw-mkhome --method "$1" -- sh -c '
    ls -A "$HOME"; echo ---
    stat -c "%a %u" "$HOME" "$XDG_RUNTIME_DIR"
    echo "$XDG_CONFIG_HOME $XDG_CACHE_HOME $XDG_DATA_HOME $XDG_STATE_HOME"
    echo "home=$HOME"'
  [ "${lines[0]}" = .run ]
  [ "${lines[1]}" = --- ]
  [ "${lines[2]}" = "700 $(id -u)" ]
  [ "${lines[3]}" = "700 $(id -u)" ]
  local home=${lines[5]#home=}
  [ "${lines[4]}" = "$home/.config $home/.cache $home/.local/share $home/.local/state" ]
  [ "${#lines[@]}" = 6 ]
}

# check_gone METHOD: nothing left after a normal exit.
check_gone () {
  run -0 sw-mkhome --method "$1" -- sh -c 'echo x > "$HOME/$1"; mkdir -p "$HOME/a/b"; echo y > "$HOME/a/b/$1"' sh "$marker"
  no_leftovers
}

# check_killed METHOD: nothing left after PROGRAM is killed; its death
# signal is passed on.
check_killed () {
  run -137 sw-mkhome --method "$1" -- sh -c 'echo x > "$HOME/$1"; kill -KILL $$' sh "$marker"
  no_leftovers
}

# check_front_killed METHOD: SIGKILL the front process mid-run.
check_front_killed () {
  sw-mkhome --method "$1" -- sh -c 'echo x > "$HOME/$1"; echo $$ > "$2.t"
    mv "$2.t" "$2"; exec sleep 30' sh "$marker" "$ready" >/dev/null 2>&1 3>&- &
  bg_pid=$!
  wait_until ready_written
  local prog
  prog=$(cat "$ready")
  kill -KILL "$bg_pid"
  wait "$bg_pid" || true
  bg_pid=
  wait_until no_leftovers
  # PROGRAM died with its front process.
  wait_until eval "! kill -0 $prog 2>/dev/null"
}

# --- tmpfs method -------------------------------------------------------

@test "tmpfs: HOME is empty but .run, 0700, ours, with the XDG directories inside" {
  require_mountns
  check_fresh tmpfs
  # It is the real home's path: HOME, ~ and the passwd entry agree.
  run -0 sw-mkhome --method tmpfs -- sh -c 'echo "$HOME"; cd ~ && pwd -P'
  [ "${lines[0]}" = "$(getent passwd "$(id -u)" | cut -d: -f6)" ]
  [ "${lines[1]}" = "$H" ]
}

@test "tmpfs: a secret in the real home cannot be read by its absolute path" {
  require_mountns
  echo the-secret > "$secret"
  run -1 sw-mkhome -- cat "$secret"
  [[ $output != *the-secret* ]]
  run -0 sw-mkhome -- ls -A "$H"
  [ "$output" = .run ]
  # Nor through the chain the front end builds.
  run -1 sw-mkhome -- sw-exec -- cat "$secret"
  [[ $output != *the-secret* ]]
  [ "$(cat "$secret")" = the-secret ]
}

@test "tmpfs: PROGRAM cannot unmount the tmpfs to reach the real home" {
  require_mountns
  echo the-secret > "$secret"
  run -0 sw-mkhome -- sh -c 'umount "$1" 2>/dev/null; umount -l "$1" 2>/dev/null
    cat "$2" 2>/dev/null || echo unreadable' sh "$H" "$secret"
  [ "$output" = unreadable ]
  # Nor from a user namespace of its own: the mount is locked there.
  if command -v unshare >/dev/null && have_userns; then
    # (As root without capabilities, unshare -U itself fails: fine.)
    run -0 sw-mkhome -- sh -c 'unshare -Urm sh -c "umount \"\$1\" 2>/dev/null
      umount -l \"\$1\" 2>/dev/null; cat \"\$2\"" sh "$1" "$2" 2>/dev/null ||
      echo unreadable' sh "$H" "$secret"
    [ "$output" = unreadable ]
  fi
}

@test "tmpfs: the real home stays hidden from a working directory inside it" {
  require_mountns
  mkdir -p "$H/.$tag-proj/sub"
  echo work > "$H/.$tag-proj/sub/file"
  echo the-secret > "$secret"
  cd "$H/.$tag-proj/sub"
  run -0 sw-mkhome -- sh -c 'pwd; cat file; echo new > out; ls -A "$HOME";
    cat ../../"$1" 2>/dev/null || echo unreadable' sh "$(basename "$secret")"
  [ "${lines[4]}" = unreadable ]
  [ "${lines[0]}" = "$H/.$tag-proj/sub" ]
  [ "${lines[1]}" = work ]
  [ "${lines[2]}" = .run ]
  [ "${lines[3]}" = ".$tag-proj" ]
  # The working directory itself is the real one.
  [ "$(cat out)" = new ]
  # From the home itself: a fresh home.
  cd "$H"
  run -0 sw-mkhome -- sh -c 'pwd; ls -A'
  [ "${lines[0]}" = "$H" ]
  [ "${lines[1]}" = .run ]
}

@test "tmpfs: nothing is left after a normal exit, on disk or in the mount table" {
  require_mountns
  check_gone tmpfs
}

@test "tmpfs: nothing is left after PROGRAM is killed" {
  require_mountns
  check_killed tmpfs
}

@test "tmpfs: nothing is left after the front process is SIGKILLed mid-run" {
  require_mountns
  check_front_killed tmpfs
}

@test "tmpfs: no mount propagates back, even from a shared mount tree" {
  require_mountns
  command -v unshare >/dev/null || skip "unshare(1) is missing"
  if is_root; then ns=(unshare -m --propagation shared)
  else ns=(unshare -Urm --propagation shared); fi
  # Home of uid 0 in a user namespace is /root: mounted over, not touched.
  run -0 "${ns[@]}" sh -c 'sw-mkhome -- sh -c "grep -c stowaway-home /proc/self/mountinfo"
    grep -c stowaway-home /proc/self/mountinfo || true'
  [ "${lines[0]}" = 1 ]
  [ "${lines[1]}" = 0 ]
  no_leftovers
}

@test "tmpfs: --size caps the home" {
  require_mountns
  run -0 sw-mkhome --size 1M -- sh -c \
    'dd if=/dev/zero of="$HOME/big" bs=64k count=64 2>/dev/null && echo fits || echo full'
  [ "$output" = full ]
  run -0 sw-mkhome --size 4M -- sh -c \
    'dd if=/dev/zero of="$HOME/big" bs=64k count=32 2>/dev/null && echo fits || echo full'
  [ "$output" = fits ]
  run -0 sw-mkhome --size 1% -- true
  run -0 sw-mkhome -v -- true
  [[ $output == *"tmpfs size="* ]]
}

@test "tmpfs: forced but no mount namespace: exits 125, PROGRAM never ran" {
  command -v sw-test-nons >/dev/null || skip "built without libseccomp: no sw-test-nons"
  run -125 sw-test-nons user,mount -- sw-mkhome --method tmpfs -- touch "$TMPDIR/ran"
  [[ $output == *"mount namespace"* ]]
  [ ! -e "$TMPDIR/ran" ]
}

# --- dir method ---------------------------------------------------------

@test "dir: HOME is empty but .run, 0700, ours, with the XDG directories inside" {
  check_fresh dir
  run -0 sw-mkhome --method dir -- sh -c 'echo "$HOME"'
  [[ $output == "$TMPDIR"/stowaway-home.* ]]
}

@test "dir: nothing is left after a normal exit" {
  check_gone dir
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "dir: nothing is left after PROGRAM is killed; its signal is re-raised" {
  check_killed dir
  run -143 sw-mkhome --method dir -- sh -c 'kill -TERM $$'
  [ -z "$(ls -A "$TMPDIR")" ]
  # Killed by the signal itself, not exit status 143.
  command -v perl >/dev/null || skip "perl is missing: cannot tell a signal from 128+N"
  run -0 perl -e 'system @ARGV; print $? & 127, " ", $? >> 8, "\n"' \
    sw-mkhome --method dir -- sh -c 'kill -TERM $$'
  [ "$output" = "15 0" ]
}

@test "dir: nothing is left after the front process is SIGKILLed mid-run" {
  check_front_killed dir
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "dir: SIGTERM is forwarded to PROGRAM, then the home is removed" {
  sw-mkhome --method dir -- sh -c 'trap "exit 7" TERM; echo x > "$HOME/$1"
    echo $$ > "$2.t"; mv "$2.t" "$2"; while :; do sleep 0.1; done' \
    sh "$marker" "$ready" >/dev/null 2>&1 3>&- &
  bg_pid=$!
  wait_until ready_written
  prog=$(cat "$ready")
  kill -TERM "$bg_pid"
  wait_until eval "! kill -0 $prog 2>/dev/null" || kill -KILL "$prog"
  status=0
  wait "$bg_pid" || status=$?
  bg_pid=
  [ "$status" = 7 ]
  no_leftovers
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "dir: cleanup never follows a planted symbolic link" {
  mkdir "$BATS_TEST_TMPDIR/outside"
  echo keep > "$BATS_TEST_TMPDIR/outside/inner"
  echo precious > "$BATS_TEST_TMPDIR/precious"
  run -0 sw-mkhome --method dir -- sh -c '
    ln -s "$1/precious" "$HOME/x"
    ln -s "$1/outside" "$HOME/d"
    mkdir -p "$HOME/sub/deeper"
    ln -s "$1/outside" "$HOME/sub/deeper/d2"
    ln -s "$1/outside/inner" "$HOME/sub/f"
    chmod 0 "$HOME/sub/deeper"' sh "$BATS_TEST_TMPDIR"
  [ "$(cat "$BATS_TEST_TMPDIR/precious")" = precious ]
  [ "$(cat "$BATS_TEST_TMPDIR/outside/inner")" = keep ]
  [ -z "$(find "$TMPDIR" -name 'stowaway-home.*')" ]
}

@test "dir: chosen without a mount namespace; the home is then a directory" {
  command -v sw-test-nons >/dev/null || skip "built without libseccomp: no sw-test-nons"
  if is_root; then
    # uid 0 would keep writable sysctls, and without a mount namespace
    # they cannot be made read-only: refused (see the next test's peer
    # in stowaway.bats), after the fallback was chosen.
    run -125 sw-test-nons user,mount -- sw-mkhome -v -- sh -c 'echo ran'
    [[ $output == *"sysctls read-only for a uid-0 PROGRAM"* ]]
    [[ $output != *ran* ]]
  else
    run -0 sw-test-nons user,mount -- sw-mkhome -v -- sh -c 'echo "$HOME"; ls -A "$HOME"'
    [[ ${lines[*]} == *"$TMPDIR"/stowaway-home.*" .run"* ]]
  fi
  [[ $output == *"real home stays visible"* ]]
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "dir: cleanup failure is reported with what is left and where" {
  require_root
  # A mount inside the home (made by root from outside) must stop the
  # cleanup, not be crossed.
  mkdir "$BATS_TEST_TMPDIR/outside"
  echo keep > "$BATS_TEST_TMPDIR/outside/inner"
  # PROGRAM runs as nobody: a uid-0 PROGRAM would get a mount namespace
  # of its own (read-only sysctls), where the mount made below from
  # outside would not show.
  # nobody must reach its home and the ready file: a directory of ours.
  export TMPDIR=$(mktemp -d /tmp/sw-mkhome-test.XXXXXX)
  chmod 755 "$TMPDIR"
  ready=$TMPDIR/ready
  : > "$ready"
  chmod 666 "$ready"
  sw-mkhome --user nobody --method dir -- sw-exec --user nobody -- sh -c 'mkdir "$HOME/m"; echo "$HOME" > "$2"
    while [ ! -e "$HOME/m/inner" ]; do sleep 0.05; done' sh "$marker" "$ready" \
    >"$BATS_TEST_TMPDIR/out" 2>&1 3>&- &
  bg_pid=$!
  wait_until ready_written
  home=$(cat "$ready")
  mount --bind "$BATS_TEST_TMPDIR/outside" "$home/m"
  mounted=$home/m
  wait "$bg_pid" || true
  bg_pid=
  cat "$BATS_TEST_TMPDIR/out"
  umount "$home/m"
  mounted=
  [ "$(cat "$BATS_TEST_TMPDIR/outside/inner")" = keep ]
  grep -q "cannot remove the home '$home'" "$BATS_TEST_TMPDIR/out"
  grep -q "left there" "$BATS_TEST_TMPDIR/out"
  rm -rf "$TMPDIR"
}

# --- --keep, --home, --template -----------------------------------------

@test "--keep prints an existing path holding what PROGRAM wrote" {
  for m in auto dir; do
    [ $m = auto ] && ! is_root && ! have_userns && continue
    run --separate-stderr -0 sw-mkhome --keep --method $m -- sh -c 'echo x > "$HOME/$1"' sh "$marker"
    [[ $stderr == "sw-mkhome: kept home: "* ]]
    kept=${stderr#sw-mkhome: kept home: }
    [ -f "$kept/$marker" ]
    [ "$(stat -c %a "$kept")" = 700 ]
    rm -rf "$kept"
  done
}

@test "--keep still hides the real home where a mount namespace can be had" {
  require_mountns
  echo the-secret > "$secret"
  run --separate-stderr -1 sw-mkhome --keep -- sh -c 'ls -A "$HOME"; cat "$1"' sh "$secret"
  [ "$output" = .run ]
  kept=${stderr#*kept home: }
  [ -d "$kept/.run" ]
  rm -rf "$kept"
}

@test "--home DIR keeps state across two runs" {
  for m in auto dir; do
    [ $m = auto ] && ! is_root && ! have_userns && continue
    d=$BATS_TEST_TMPDIR/persist-$m
    run -0 sw-mkhome --method $m --home "$d" -- sh -c 'echo state > "$HOME/s"'
    [ "$(stat -c %a "$d")" = 700 ]
    run -0 sw-mkhome --method $m --home "$d" -- sh -c 'cat "$HOME/s"'
    [ "$output" = state ]
    [ -f "$d/s" ]
  done
}

@test "--home DIR hides the real home where a mount namespace can be had" {
  require_mountns
  echo the-secret > "$secret"
  run -1 sw-mkhome --home "$BATS_TEST_TMPDIR/p" -- sh -c 'echo "$HOME"; cat "$1"' sh "$secret"
  [ "${lines[0]}" = "$(getent passwd "$(id -u)" | cut -d: -f6)" ]
  [[ $output != *the-secret* ]]
}

@test "--template copies files, directories, links and modes, following no link" {
  t=$BATS_TEST_TMPDIR/skel
  mkdir -p "$t/.config/app"
  echo rc > "$t/.shrc"
  chmod 640 "$t/.shrc"
  echo conf > "$t/.config/app/conf"
  echo precious > "$BATS_TEST_TMPDIR/precious"
  ln -s "$BATS_TEST_TMPDIR/precious" "$t/link"
  for m in auto dir; do
    [ $m = auto ] && ! is_root && ! have_userns && continue
    run -0 sw-mkhome --method $m --template "$t" -- sh -c '
      cd "$HOME" && ls -A | sort | tr "\n" " "; echo
      stat -c %a .shrc; cat .shrc .config/app/conf; readlink link
      echo changed > .shrc'
    [ "${lines[0]}" = ".config .run .shrc link " ]
    [ "${lines[1]}" = 640 ]
    [ "${lines[2]}" = rc ]
    [ "${lines[3]}" = conf ]
    [ "${lines[4]}" = "$BATS_TEST_TMPDIR/precious" ]
    [ "$(cat "$t/.shrc")" = rc ]
    [ "$(cat "$BATS_TEST_TMPDIR/precious")" = precious ]
  done
}

@test "--template may lie inside the home it hides" {
  require_mountns
  mkdir "$H/.$tag-skel"
  echo rc > "$H/.$tag-skel/.rc"
  run -0 sw-mkhome --template "$H/.$tag-skel" -- cat "$H/.rc"
  [ "$output" = rc ]
}

# --- as root: the home of another user ----------------------------------

@test "as root, --user: the home belongs to that user, hides root's" {
  require_root
  echo the-secret > "$secret"
  # nobody must be able to reach the home: not in this test's own TMPDIR.
  export TMPDIR=/tmp
  for m in auto dir; do
    run -0 sw-mkhome --method $m --user nobody -- sw-exec --user nobody -- sh -c '
      stat -c "%u %a" "$HOME" "$XDG_RUNTIME_DIR"; touch "$HOME/x" && echo wrote
      id -u; cat "$1" 2>/dev/null || echo unreadable; echo "$HOME"' sh "$secret"
    [ "${lines[0]}" = "$(id -u nobody) 700" ]
    [ "${lines[1]}" = "$(id -u nobody) 700" ]
    [ "${lines[2]}" = wrote ]
    [ "${lines[3]}" = "$(id -u nobody)" ]
    [ "${lines[4]}" = unreadable ]
    [ $m = auto ] || [[ ${lines[5]} == /tmp/stowaway-home.* && ! -e ${lines[5]} ]]
  done
  [ ! -e "$H/x" ]
}

# --- failure paths: 125, PROGRAM never ran ------------------------------

@test "failure: unwritable TMPDIR for the dir method exits 125" {
  TMPDIR=$BATS_TEST_TMPDIR/no-such-dir run -125 sw-mkhome --method dir -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"cannot create the home directory in"*"no-such-dir"* ]]
  if ! is_root; then
    mkdir -m 500 "$BATS_TEST_TMPDIR/ro"
    TMPDIR=$BATS_TEST_TMPDIR/ro run -125 sw-mkhome --method dir -- touch "$BATS_TEST_TMPDIR/ran"
    [[ $output == *"Permission denied"* ]]
  fi
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

@test "failure: --home on a file, bad --size, unknown --user exit 125" {
  touch "$BATS_TEST_TMPDIR/file"
  run -125 sw-mkhome --home "$BATS_TEST_TMPDIR/file" -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"Not a directory"* ]]
  for s in 0 -1 abc 10X 1.5G 101% 0% '' 99999999999999999999999G; do
    run -125 sw-mkhome --size "$s" -- touch "$BATS_TEST_TMPDIR/ran"
    [[ $output == *"invalid size"* ]]
  done
  run -125 sw-mkhome --method dir --size 1M -- touch "$BATS_TEST_TMPDIR/ran"
  run -125 sw-mkhome --user no-such-user-xyz -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"no such user"* ]]
  run -125 sw-mkhome --method bogus -- touch "$BATS_TEST_TMPDIR/ran"
  run -125 sw-mkhome --template "$BATS_TEST_TMPDIR/no-such" -- touch "$BATS_TEST_TMPDIR/ran"
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
  [ -z "$(ls -A "$TMPDIR")" ]
}

@test "failure: an unprivileged caller may not name another user" {
  require_user
  run -125 sw-mkhome --user root -- touch "$BATS_TEST_TMPDIR/ran"
  [[ $output == *"only root"* ]]
  run -0 sw-mkhome --user "$(id -un)" -- true
  run -0 sw-mkhome --user "$(id -u)" -- true
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
}

# --- composition ----------------------------------------------------------

@test "composition: sw-mkhome -- sw-exec -- touch \"\$HOME/x\" works, leaves nothing" {
  for m in auto dir; do
    [ $m = auto ] && ! is_root && ! have_userns && continue
    run -0 sw-mkhome --method $m -- sw-exec -- sh -c 'touch "$HOME/$1" && ls -A "$HOME"' sh "$marker"
    [[ $output == *"$marker"* ]]
    no_leftovers
  done
  if is_root || have_userns; then
    run -0 sw-mkhome -- sw-exec -- touch "$H/$marker"
    [ ! -e "$H/$marker" ]
  fi
}

@test "composition: whatever follows holds no capabilities" {
  for m in auto dir; do
    [ $m = auto ] && ! is_root && ! have_userns && continue
    run -0 sw-mkhome --method $m -- grep Cap /proc/self/status
    assert_no_caps "$output"
  done
}

@test "composition: in either order with sw-netdeny" {
  [ -x "$SW_BIN/sw-netdeny" ] || skip "sw-netdeny is not built in this tree"
  require_userns
  run -0 sw-netdeny -- sw-mkhome -- sw-exec -- sh -c 'touch "$HOME/x" && ls -A "$HOME"'
  [[ $output == *x* ]]
  run -0 sw-mkhome -- sw-netdeny -- sw-exec -- sh -c 'touch "$HOME/x" && ls -A "$HOME"'
  [[ $output == *x* ]]
}

@test "as root, --home for another user never follows that user's symbolic link" {
  require_root
  # A directory the target user owns, holding a link it planted to a
  # root-owned directory: root must neither chown it nor mount it.
  d=$BATS_TEST_TMPDIR/userdir
  mkdir "$d" "$BATS_TEST_TMPDIR/victim"
  chown nobody "$d"
  ln -s "$BATS_TEST_TMPDIR/victim" "$d/home"
  run -125 sw-mkhome --user nobody --home "$d/home" -- touch "$BATS_TEST_TMPDIR/ran"
  [ ! -e "$BATS_TEST_TMPDIR/ran" ]
  [ "$(stat -c %u "$BATS_TEST_TMPDIR/victim")" = 0 ]
  [ ! -e "$BATS_TEST_TMPDIR/victim/.run" ]
  # Nor a directory of someone else's given as that user's home.
  run -125 sw-mkhome --user nobody --home "$BATS_TEST_TMPDIR/victim" -- true
  [ "$(stat -c %u "$BATS_TEST_TMPDIR/victim")" = 0 ]
}

@test "as root, --template for another user is read with that user's rights only" {
  require_root
  t=$(mktemp -d /tmp/sw-mkhome-tmpl.XXXXXX)
  chmod 755 "$t"
  echo public > "$t/pub"
  chmod 644 "$t/pub"
  run -0 sw-mkhome --user nobody --template "$t" -- sw-exec --user nobody -- sh -c 'cat "$HOME/pub"'
  [ "$output" = public ]
  # A file that user could not read is not copied by root for it.
  echo secret > "$t/priv"
  chmod 600 "$t/priv"
  run -125 sw-mkhome --user nobody --template "$t" -- sh -c 'cat "$HOME/priv"'
  [[ $output == *"cannot copy the template"* ]]
  [[ $output != *secret* ]]
  rm -rf "$t"
}
