## doc/local.mk -- documentation shipped in the tarball.
EXTRA_DIST += doc/design.md doc/performance.md
