#!/usr/bin/env bats
# man.bats -- every binary has a man page, it lints clean, and it says
# what --help says (help2man makes it from --help, so a stale page shows).

load ../helpers/common

setup () { setup_common; }

pages () {
  local b
  for b in stowaway sw-netdeny sw-mkhome sw-pidns sw-fsview sw-exec; do
    [ -x "$SW_BIN/$b" ] && echo "$b"
  done
}

page_of () {
  local p
  for p in "$SW_BUILDDIR/man/$1.1" "$SW_SRCDIR/man/$1.1"; do
    [ -f "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

@test "every binary has a man page" {
  while read -r b; do
    page_of "$b" >/dev/null || { echo "no man page for $b"; false; }
  done < <(pages)
}

@test "man pages lint clean (mandoc -Tlint)" {
  [ -n "$SW_MANDOC" ] && [ -x "$SW_MANDOC" ] || skip "mandoc not found by configure"
  while read -r b; do
    p=$(page_of "$b")
    # Fail on any WARNING or ERROR but help2man's "Month Year" date,
    # which mandoc cannot parse and prints verbatim.
    run "$SW_MANDOC" -Tlint -W warning "$p"
    bad=$(printf '%s\n' "$output" | grep -v 'cannot parse date' | grep . || true)
    [ -z "$bad" ] || { echo "$bad"; false; }
  done < <(pages)
}

@test "every option in --help appears in the man page" {
  while read -r b; do
    p=$(page_of "$b")
    text=$(MANWIDTH=200 man -l "$p" 2>/dev/null | col -b 2>/dev/null || cat "$p")
    for opt in $("$b" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
      grep -qF -- "$opt" <<<"$text" || grep -qF -- "${opt//-/\\-}" "$p" ||
        { echo "$b: $opt missing from $p"; false; }
    done
  done < <(pages)
}
