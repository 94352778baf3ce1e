#!/usr/bin/env bats
# profiles.bats -- profiles, the user config, their precedence, their
# errors, the shipped profiles, 'stowaway profiles', shell completion.
#
# The tests marked "runs:" start a real sandbox, so they need every
# stage of the chain (sw-netdeny, sw-mkhome, sw-pidns, sw-fsview,
# sw-exec); the others look at --dry-run and at error messages only.

load ../helpers/common

setup () {
  setup_common
  # Neither the tester's own config nor installed profiles get in.
  export XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/config
  export STOWAWAY_PROFILE_PATH=$SW_SRCDIR/profiles
  cfg=$XDG_CONFIG_HOME/stowaway
  mkdir -p "$cfg/profiles"
  mine=$cfg/profiles
  marker=$BATS_TEST_TMPDIR/ran
}

# Options to run as this user: root would otherwise run PROGRAM as
# nobody, who cannot enter the test's private directories.
as_me () { is_root && echo --user root; return 0; }

dry () { stowaway run "$@" --dry-run -- true; }

# The value following OPT in the dry-run line of stage STAGE.
stage_args () {
  local line=$1 stage=$2
  line=${line#*"/$stage "}
  printf '%s\n' "${line%% -- *}"
}

# --- precedence -------------------------------------------------------

@test "precedence: config < profile < command line, each visible in --dry-run" {
  printf 'home-size 1M\nnet-method seccomp\n' > "$cfg/config"
  printf 'home-size 2M\nnet-method netns\n' > "$mine/p"

  run -0 dry
  [[ $output == *"sw-mkhome --size 1M"* ]]
  [[ $output == *"sw-netdeny --method seccomp --"* ]]

  run -0 dry -p p
  [[ $output == *"sw-mkhome --size 2M"* ]]
  [[ $output == *"sw-netdeny --method netns --"* ]]

  run -0 dry -p p --home-size 3M --net-method auto
  [[ $output == *"sw-mkhome --size 3M"* ]]
  [[ $output == *"sw-netdeny --method auto --"* ]]
  [[ $output != *"--size 2M"* && $output != *"--size 1M"* ]]
}

@test "precedence: a flag wins over a profile given after it" {
  printf 'home-size 2M\n' > "$mine/p"
  run -0 dry --home-size 3M -p p
  [[ $output == *"--size 3M"* ]]
  [[ $output != *"--size 2M"* ]]
}

@test "precedence: booleans of an earlier layer can be undone" {
  printf 'block-net\nkeep\nro\ninherit-env\n' > "$cfg/config"
  run -0 dry
  [[ $output == *sw-netdeny* ]]
  [[ $output == *"sw-mkhome --keep"* ]]
  [[ $output == *" --ro "* ]]
  [[ $output == *"sw-exec --inherit-env"* ]]

  printf 'allow-net\nno-keep\n' > "$mine/loose"
  run -0 dry -p loose
  [[ $output != *sw-netdeny* ]]
  [[ $output != *--keep\ * ]]
  [[ $output == *" --ro "* ]]

  run -0 dry -p loose --no-ro --no-inherit-env --block-net
  [[ $output == *sw-netdeny* ]]
  [[ $output != *" --ro "* ]]
  [[ $output != *--inherit-env* ]]
}

@test "precedence: two profiles compose in command-line order" {
  printf 'home-size 1M\nenv A=1\n' > "$mine/a"
  printf 'home-size 2M\nenv B=2\n' > "$mine/b"
  run -0 dry -p a -p b
  [[ $output == *"--size 2M"* ]]
  [[ $output == *"--env A=1 --env B=2"* ]]
  run -0 dry -p b -p a
  [[ $output == *"--size 1M"* ]]
  [[ $output == *"--env B=2 --env A=1"* ]]
}

@test "profile syntax: comments, blanks, NAME=VALUE, values with spaces, include" {
  cat > "$mine/base" <<'EOF'
   # a comment, indented

env MSG=two words
EOF
  cat > "$mine/top" <<'EOF'
include base
home-size=5M
	block-net	
EOF
  run -0 dry -p top
  [[ $output == *"--env 'MSG=two words'"* ]]
  [[ $output == *"--size 5M"* ]]
  [[ $output == *sw-netdeny* ]]
}

@test "a profile given by path, and an include relative to its file" {
  mkdir "$BATS_TEST_TMPDIR/d"
  printf 'include sub/inner\n' > "$BATS_TEST_TMPDIR/d/outer"
  mkdir "$BATS_TEST_TMPDIR/d/sub"
  printf 'home-size 7M\n' > "$BATS_TEST_TMPDIR/d/sub/inner"
  run -0 dry -p "$BATS_TEST_TMPDIR/d/outer"
  [[ $output == *"--size 7M"* ]]
}

@test "relative paths in a profile are taken from the current directory" {
  mkdir -p "$BATS_TEST_TMPDIR/work/sub"
  printf 'rw .\nhide sub\nro-bind ./sub:/mnt\nchdir .\n' > "$mine/rel"
  cd "$BATS_TEST_TMPDIR/work"
  run -0 dry -p rel
  w=$BATS_TEST_TMPDIR/work
  [[ $output == *"--rw $w --hide $w/sub --ro-bind $w/sub:/mnt"* ]]
  [[ $output == *"--chdir $w"* ]]
}

@test "a user profile shadows a shipped one of the same name" {
  printf 'home-size 9M\n' > "$mine/offline"
  run -0 dry -p offline
  [[ $output == *"--size 9M"* ]]
  [[ $output != *sw-netdeny* ]]
  run -0 stowaway profiles
  [[ $output == *"offline: $mine/offline (shadows $SW_SRCDIR/profiles/offline): home-size 9M"* ]]
}

# --- errors ------------------------------------------------------------

# bad_profile TEXT MESSAGE: a profile whose third line is TEXT fails
# with 125 and FILE:3: MESSAGE, and the program never runs.
bad_profile () {
  printf '# line 1\n\n%s\n' "$1" > "$mine/bad"
  run --separate-stderr -125 stowaway run $(as_me) -p bad -- touch "$marker"
  [ -z "$output" ]
  [[ $stderr == *"stowaway: $mine/bad:3: $2"* ]] ||
    { echo "stderr: $stderr"; false; }
  [ ! -e "$marker" ]
}

@test "malformed: unknown option" { bad_profile 'no-such-option' "unknown option 'no-such-option'"; }
@test "malformed: missing value" { bad_profile 'home-size' "option 'home-size' needs a value"; }
@test "malformed: value given to a flag" { bad_profile 'block-net yes' "option 'block-net' takes no value"; }
@test "malformed: bad value" { bad_profile 'net-method carrier-pigeon' "bad value 'carrier-pigeon' for net-method"; }
@test "malformed: leading dashes" { bad_profile '--block-net' "write options without the leading dashes"; }
@test "malformed: an action is not a setting" { bad_profile 'dry-run' "'dry-run' is not allowed in a profile"; }
@test "malformed: missing include" { bad_profile 'include no-such-profile' "no profile named 'no-such-profile'"; }

@test "malformed: include loop" {
  printf 'include b\n' > "$mine/a"
  printf 'ro\ninclude a\n' > "$mine/b"
  run --separate-stderr -125 stowaway run $(as_me) -p a -- touch "$marker"
  [[ $stderr == *"$mine/b:2: include loop"* ]]
  [ ! -e "$marker" ]
  printf 'include self\n' > "$mine/self"
  run --separate-stderr -125 stowaway run -p self --dry-run true
  [[ $stderr == *"$mine/self:1: include loop"* ]]
}

@test "malformed: over-long line" {
  { echo ro; printf 'env X=%05000d\n' 0; } > "$mine/long"
  run --separate-stderr -125 stowaway run $(as_me) -p long -- touch "$marker"
  [[ $stderr == *"$mine/long:2: line too long"* ]]
  [ ! -e "$marker" ]
  # 4096 bytes exactly is fine.
  { printf 'env X='; printf '%04090d\n' 0; } > "$mine/edge"
  [ "$(head -1 "$mine/edge" | tr -d '\n' | wc -c)" = 4096 ]
  run -0 stowaway run -p edge --dry-run true
}

@test "malformed: NUL byte" {
  printf 'ro\nblock-net\0\n' > "$mine/nul"
  run --separate-stderr -125 stowaway run $(as_me) -p nul -- touch "$marker"
  [[ $stderr == *"$mine/nul:2: NUL byte"* ]]
  [ ! -e "$marker" ]
}

@test "malformed: unreadable profile or include" {
  mkdir "$mine/adir"
  run --separate-stderr -125 stowaway run -p "$mine/adir" --dry-run true
  [[ $stderr == *"cannot read '$mine/adir'"* ]]
  printf 'ro\ninclude %s\n' "$mine/adir" > "$mine/inc"
  run --separate-stderr -125 stowaway run -p inc --dry-run true
  [[ $stderr == *"$mine/inc:2: cannot read"* ]]
  if ! is_root; then
    printf 'ro\n' > "$mine/secret"
    chmod 000 "$mine/secret"
    run --separate-stderr -125 stowaway run -p "$mine/secret" --dry-run true
    [[ $stderr == *"Permission denied"* ]]
  fi
}

@test "malformed config file: 125 with file:line" {
  printf 'block-net\nbogus-setting\n' > "$cfg/config"
  run --separate-stderr -125 stowaway run $(as_me) -- touch "$marker"
  [[ $stderr == *"$cfg/config:2: unknown option 'bogus-setting'"* ]]
  [ ! -e "$marker" ]
}

@test "no such profile: 125 naming the places searched" {
  run --separate-stderr -125 stowaway run -p no-such --dry-run true
  [[ $stderr == *"no profile named 'no-such'"*"$mine"*"$SW_SRCDIR/profiles"* ]]
  run --separate-stderr -125 stowaway run -p .hidden --dry-run true
  [[ $stderr == *"bad profile name"* ]]
}

@test "bad values on the command line are caught up front too" {
  run --separate-stderr -125 stowaway run --fs-method nfs --dry-run true
  [[ $stderr == *"bad value 'nfs' for fs-method"* ]]
  run --separate-stderr -125 stowaway run --keep-fd x --dry-run true
  [[ $stderr == *"bad value 'x' for keep-fd"* ]]
}

# --- shipped profiles ---------------------------------------------------

@test "shipped profiles: each has a comment block and reads cleanly" {
  for p in default offline strict build; do
    f=$SW_SRCDIR/profiles/$p
    [ -f "$f" ]
    head -1 "$f" | grep -q "^# $p -- " || { echo "$p: no header"; false; }
    grep -q '^# For: ' "$f" || { echo "$p: does not say what it is for"; false; }
    grep -qi 'allow' "$f" || { echo "$p: does not say what it allows"; false; }
    run -0 dry -p "$p"
  done
  run -0 stowaway profiles
  [[ $output != *BROKEN* ]]
}

@test "shipped profiles: the chains they give" {
  run -0 dry -p default
  [[ $output != *sw-netdeny* && $output != *" --ro "* ]]
  run -0 dry -p offline
  [[ $output == *"/sw-netdeny -- "* ]]
  run -0 dry -p strict
  [[ $output == *"/sw-netdeny -- "* && $output == *"--size 256M"* && $output == *" --ro "* ]]
  mkdir "$BATS_TEST_TMPDIR/tree"
  cd "$BATS_TEST_TMPDIR/tree"
  run -0 dry -p build
  [[ $output == *"/sw-netdeny -- "* ]]
  [[ $output == *" --ro --rw $BATS_TEST_TMPDIR/tree "* ]]
  [[ $output == *"--chdir $BATS_TEST_TMPDIR/tree"* ]]
  run -0 dry -p build --allow-net
  [[ $output != *sw-netdeny* ]]
}

# A TCP listener on the host's loopback; sets $port.
start_listener () {
  command -v python3 >/dev/null || skip "python3 not found (needed for a listener)"
  python3 -c '
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
sys.stdout.close()
while True:
    c, _ = s.accept(); c.close()
' > "$BATS_TEST_TMPDIR/port" &
  listener=$!
  for _ in $(seq 50); do [ -s "$BATS_TEST_TMPDIR/port" ] && break; sleep 0.1; done
  port=$(cat "$BATS_TEST_TMPDIR/port")
  [ -n "$port" ]
}
teardown () { [ -z "${listener:-}" ] || kill "$listener" 2>/dev/null || true; }

@test "runs: each shipped profile runs true" {
  mkdir "$BATS_TEST_TMPDIR/tree"
  cd "$BATS_TEST_TMPDIR/tree"
  for p in default offline strict build; do
    run -0 stowaway run $(as_me) -p "$p" -- true
  done
}

@test "runs: offline cannot reach a host listener; default can" {
  start_listener
  probe="exec 3<>/dev/tcp/127.0.0.1/$port"
  run -0 stowaway run $(as_me) -p default -- bash -c "$probe"
  run -1 stowaway run $(as_me) -p offline -- bash -c "$probe"
  run -1 stowaway run $(as_me) -p strict -- bash -c "$probe"
  run -1 stowaway run $(as_me) -p build -- bash -c "$probe"
}

@test "runs: build writes in the current directory, not beside it" {
  mkdir -p "$BATS_TEST_TMPDIR/tree" "$BATS_TEST_TMPDIR/beside"
  echo source > "$BATS_TEST_TMPDIR/tree/in"
  cd "$BATS_TEST_TMPDIR/tree"
  run -0 stowaway run $(as_me) -p build -- sh -c '
    cat in && echo built > out &&
    ! touch ../beside/x 2>/dev/null && pwd'
  [[ $output == *source* ]]
  [[ $output == *"$BATS_TEST_TMPDIR/tree" ]]
  [ "$(cat out)" = built ]
  [ ! -e "$BATS_TEST_TMPDIR/beside/x" ]
}

@test "runs: build's directory is visible even under the hidden home" {
  [ -n "$HOME" ] && [ -d "$HOME" ] && [ -w "$HOME" ] || skip "no writable HOME"
  tree=$(mktemp -d "$HOME/.sw-build-test.XXXXXX")
  cd "$tree"
  echo source > in
  run stowaway run $(as_me) -p build -- sh -c 'cat in && echo built > out'
  st=$status; out=$(cat out 2>/dev/null || true)
  cd /; rm -rf "$tree"
  [ "$st" = 0 ] && [[ $output == *source* ]] && [ "$out" = built ]
}

@test "runs: strict writes nowhere on the host, and its home is capped" {
  d=$BATS_TEST_TMPDIR/open
  mkdir "$d"; chmod 777 "$d"
  run -0 stowaway run $(as_me) -p strict -- sh -c "
    ! touch '$d/x' 2>/dev/null &&
    echo ok > \"\$HOME/small\" &&
    ! fallocate -l 300M \"\$HOME/big\" 2>/dev/null"
  [ ! -e "$d/x" ]
}

# --- stowaway profiles ----------------------------------------------------

@test "profiles: lists each profile, where from, and what it sets" {
  printf '# mine\nenv LANG=C\ninclude offline\n' > "$mine/mine"
  printf 'keep\n' > "$cfg/config"
  run --separate-stderr -0 stowaway profiles
  [ -z "$stderr" ]
  [[ $output == *"search path: $mine, $SW_SRCDIR/profiles"* ]]
  [[ $output == *"config file $cfg/config: keep"* ]]
  [[ $output == *"mine: $mine/mine: env LANG=C, include offline"* ]]
  [[ $output == *"offline: $SW_SRCDIR/profiles/offline: block-net"* ]]
  [[ $output == *"default: $SW_SRCDIR/profiles/default: (sets nothing"* ]]
  [[ $output == *"build: $SW_SRCDIR/profiles/build: block-net, ro, rw ., chdir ."* ]]
}

@test "profiles: a broken profile is listed as such, not fatal" {
  printf 'ro\nbogus\n' > "$mine/broken"
  run -0 stowaway profiles
  [[ $output == *"broken: $mine/broken: BROKEN: $mine/broken:2: unknown option 'bogus'"* ]]
}

@test "profiles --names: one name per line, sorted, no duplicates" {
  printf 'ro\n' > "$mine/offline"
  printf 'ro\n' > "$mine/zz"
  run -0 stowaway profiles --names
  [ "$output" = "$(printf 'build\ndefault\noffline\nstrict\nzz')" ]
  run -125 stowaway profiles extra
}

# --- completion -----------------------------------------------------------

@test "completion: the scripts parse" {
  bash -n "$SW_SRCDIR/completion/stowaway.bash"
  command -v zsh >/dev/null || skip "zsh not installed: _stowaway not checked"
  zsh -n "$SW_SRCDIR/completion/_stowaway"
}

@test "completion: every option of --help is completed" {
  for opt in $(stowaway --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    case $opt in --json|--require|--names) continue ;; esac
    grep -qF -- "$opt" "$SW_SRCDIR/completion/stowaway.bash" ||
      { echo "bash: $opt"; false; }
    grep -qF -- "$opt" "$SW_SRCDIR/completion/_stowaway" ||
      { echo "zsh: $opt"; false; }
  done
}

@test "completion: bash completes commands, profile names and methods" {
  printf 'ro\n' > "$mine/mybox"
  run -0 bash -c '
    source "$1/completion/stowaway.bash"
    t () { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stowaway; echo "${COMPREPLY[*]}"; }
    t stowaway ch
    t stowaway run -p ""
    t stowaway run --profile = my
    t stowaway run --net-method se
    t stowaway check --require block' _ "$SW_SRCDIR"
  [ "${lines[0]}" = check ]
  [ "${lines[1]}" = "build default mybox offline strict" ]
  [ "${lines[2]}" = mybox ]
  [ "${lines[3]}" = seccomp ]
  [ "${lines[4]}" = block-net ]
}
