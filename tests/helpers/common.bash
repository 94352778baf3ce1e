# common.bash -- loaded by every bats suite: load ../helpers/common
# Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.
#
# The suites run twice under 'make check' as root: once as root, once as
# the unprivileged user that tests/unprivileged.sh creates.  A test that
# only makes sense at one level says so with require_root/require_user.

bats_require_minimum_version 1.5.0

export LC_ALL=C
: "${SW_BUILDDIR:?run the tests through make check}"
: "${SW_SRCDIR:=$SW_BUILDDIR}"
SW_BIN=$SW_BUILDDIR/src
SW_HELPERS=$SW_BUILDDIR/tests/helpers
PATH=$SW_BIN:$SW_HELPERS:$PATH

# Every test gets its own TMPDIR, so leftovers are searched for in a
# place no other test writes to.
setup_common () {
  export TMPDIR=$BATS_TEST_TMPDIR
  # Secrets the sandbox must not pass on unless asked.
  export SW_TEST_TOKEN=s3cr3t-token-$$
}

is_root () { [ "$(id -u)" = 0 ]; }

require_root () {
  is_root || skip "needs root (this run is as uid $(id -u))"
}

require_user () {
  is_root && skip "needs an unprivileged user (tests/unprivileged.sh runs it)"
  return 0
}

# Unprivileged user namespaces: what netns/tmpfs methods need when not
# root.  Root needs none.
have_userns () { unshare -U true 2>/dev/null; }
require_userns () {
  is_root || have_userns ||
    skip "unprivileged user namespaces are not available on this host"
}

# sw_nouserns CMD...: run CMD with user namespaces refused, as on a host
# that forbids them (sysctl, AppArmor, a container's seccomp profile).
# The helper installs a seccomp filter refusing CLONE_NEWUSER, then execs.
sw_nouserns () { sw-test-nons user -- "$@"; }

# assert_no_caps OUTPUT: the /proc/self/status lines show no capability.
assert_no_caps () {
  local line
  for f in CapInh CapPrm CapEff CapAmb; do
    line=$(printf '%s\n' "$1" | grep "^$f:") || {
      echo "no $f line in: $1" >&2; return 1; }
    [[ $line =~ :[[:space:]]+0+$ ]] || { echo "$line" >&2; return 1; }
  done
}
