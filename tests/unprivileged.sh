#!/bin/sh
# unprivileged.sh -- run every bats suite again as an unprivileged user.
# Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.
#
# Under 'make check' as root the suites first run as root; this runs
# them all once more as the user 'sw-test' (created here if missing), so
# both privilege levels are covered in one run.  The build products and
# tests are staged into a fresh directory that user can read (under
# /var/lib, which the sandbox does not hide), laid out like the build
# tree.  Output is one TAP stream, a line per test.

: "${SW_BUILDDIR:?run the tests through make check}"
: "${SW_SRCDIR:?}"
user=sw-test

if [ "$(id -u)" != 0 ]; then
  echo "1..0 # SKIP already unprivileged: the suites above ran as uid $(id -u)"
  exit 0
fi
for tool in runuser useradd; do
  command -v $tool >/dev/null 2>&1 || {
    echo "Bail out! $tool is missing: cannot run the suites as an unprivileged user"
    exit 1
  }
done
case $SW_BATS in
  *no-bats) "$SW_BATS"; exit 0 ;;
esac

if ! id -u $user >/dev/null 2>&1; then
  useradd --create-home --shell /bin/sh $user >/dev/null 2>&1 || {
    echo "Bail out! cannot create the test user $user"
    exit 1
  }
fi
home=$(getent passwd $user | cut -d: -f6)
[ -d "$home" ] || { mkdir -p "$home" && chown $user: "$home"; }

# Not under /tmp, /var/tmp, /run or a home: the sandbox hides those, and
# the suites run their helper programs inside it.
stage=$(mktemp -d /var/lib/sw-unpriv.XXXXXX) || exit 1
trap 'rm -rf "$stage"' EXIT
chmod 755 "$stage"
mkdir -p "$stage/src" "$stage/tests/bats" "$stage/tests/helpers" \
  "$stage/tests/unit" "$stage/man" "$stage/profiles" "$stage/completion"
for f in "$SW_BUILDDIR"/src/stowaway "$SW_BUILDDIR"/src/sw-*; do
  [ -f "$f" ] && [ -x "$f" ] && cp "$f" "$stage/src/"
done
for f in "$SW_BUILDDIR"/tests/helpers/sw-test-* "$SW_BUILDDIR"/tests/unit/test-*; do
  case $f in *.c|*.o|*.log|*.trs) continue ;; esac
  [ -f "$f" ] && [ -x "$f" ] && cp "$f" "$stage/${f#"$SW_BUILDDIR"/}"
done
cp "$SW_SRCDIR"/tests/bats/*.bats "$stage/tests/bats/"
cp "$SW_SRCDIR"/tests/helpers/*.bash "$stage/tests/helpers/"
for d in "$SW_SRCDIR" "$SW_BUILDDIR"; do
  cp "$d"/man/*.1 "$stage/man/" 2>/dev/null
  cp "$d"/profiles/* "$stage/profiles/" 2>/dev/null
  cp "$d"/completion/* "$stage/completion/" 2>/dev/null
done
chmod -R a+rX "$stage"

cd "$stage" || exit 1
runuser -u $user -- env -i \
  PATH="/usr/local/bin:/usr/bin:/bin" HOME="$home" USER=$user \
  LOGNAME=$user SHELL=/bin/sh LANG=C LC_ALL=C TERM="${TERM:-dumb}" \
  SW_BUILDDIR="$stage" SW_SRCDIR="$stage" SW_BATS="$SW_BATS" \
  SW_MANDOC="$SW_MANDOC" SW_UNPRIVILEGED_RUN=1 \
  "$SW_BATS" --tap "$stage"/tests/bats/*.bats
exit $?
