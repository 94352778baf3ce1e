## tests/local.mk -- make check: bats-core suites and C unit tests, all TAP.

TEST_EXTENSIONS = .bats .sh
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
BATS_LOG_DRIVER = $(LOG_DRIVER)
BATS_LOG_COMPILER = $(BATS)
AM_BATS_LOG_FLAGS = --tap
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)

# The bats suites, run as the invoking user.  tests/unprivileged.sh runs
# all of them again as an unprivileged user when make check runs as root.
sw_bats = tests/bats/usage.bats
sw_bats += tests/bats/man.bats
sw_bats += tests/bats/sw-exec.bats
sw_bats += tests/bats/stowaway.bats
sw_bats += tests/bats/sw-mkhome.bats
sw_bats += tests/bats/sw-pidns.bats
sw_bats += tests/bats/sw-fsview.bats
sw_bats += tests/bats/profiles.bats
sw_bats += tests/bats/check.bats

TESTS += $(sw_bats) tests/unprivileged.sh
EXTRA_DIST += $(sw_bats) tests/unprivileged.sh tests/helpers/common.bash

# Small C programs the tests use; plain C, no gnulib.
sw_helper_cppflags = -I$(top_builddir)
tests_helpers_sw_test_tiocsti_CPPFLAGS = $(sw_helper_cppflags)
tests_helpers_sw_test_caps_CPPFLAGS = $(sw_helper_cppflags)

# Small C programs the tests use to attack the sandbox from inside.
check_PROGRAMS += tests/helpers/sw-test-tiocsti tests/helpers/sw-test-caps
tests_helpers_sw_test_tiocsti_SOURCES = tests/helpers/sw-test-tiocsti.c
tests_helpers_sw_test_caps_SOURCES = tests/helpers/sw-test-caps.c
# sw-test-nons links libseccomp, so it is built with the build machine's
# compiler (CC may be musl-gcc in the fast build), by hand.
EXTRA_DIST += tests/helpers/sw-test-nons.c tests/unit/tap.h
CLEANFILES += tests/helpers/sw-test-nons
if HAVE_LIBSECCOMP
check_SCRIPTS = tests/helpers/sw-test-nons
tests/helpers/sw-test-nons: tests/helpers/sw-test-nons.c
	$(AM_V_CCLD)$(MKDIR_P) tests/helpers && $(SW_BUILD_CC) -o $@ \
	  $(srcdir)/tests/helpers/sw-test-nons.c $(LIBSECCOMP)
endif

AM_TESTS_ENVIRONMENT = \
	LC_ALL=C; export LC_ALL; \
	SW_BUILDDIR='$(abs_top_builddir)'; export SW_BUILDDIR; \
	SW_SRCDIR='$(abs_top_srcdir)'; export SW_SRCDIR; \
	SW_BATS='$(BATS)'; export SW_BATS; \
	SW_MANDOC='$(MANDOC)'; export SW_MANDOC; \
	PATH='$(abs_top_builddir)/src$(PATH_SEPARATOR)$(abs_top_builddir)/tests/helpers'$(PATH_SEPARATOR)"$$PATH"; \
	export PATH;

# sw-netdeny: its suite, its probe, the sandbox-exec profile unit test.
sw_bats += tests/bats/sw-netdeny.bats
check_PROGRAMS += tests/helpers/sw-test-net
tests_helpers_sw_test_net_SOURCES = tests/helpers/sw-test-net.c
tests_helpers_sw_test_net_CPPFLAGS = $(sw_helper_cppflags)
check_PROGRAMS += tests/unit/test-sbprofile
TESTS += tests/unit/test-sbprofile
tests_unit_test_sbprofile_LDADD = $(sw_ldadd)
$(tests_unit_test_sbprofile_OBJECTS): $(BUILT_SOURCES)
# C unit tests of libsw, printing TAP.
check_PROGRAMS += tests/unit/test-rmtree
tests_unit_test_rmtree_SOURCES = tests/unit/test-rmtree.c
tests_unit_test_rmtree_LDADD = $(sw_ldadd)
$(tests_unit_test_rmtree_OBJECTS): $(BUILT_SOURCES)
TESTS += tests/unit/test-rmtree
