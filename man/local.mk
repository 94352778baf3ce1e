## man/local.mk -- man pages, made by help2man from --help and man/*.x.
## The pages are distributed, so a tarball build needs no help2man.

# One block per binary: the page, and the binary whose --help it is made
# from.  (help2man runs the binary, so a stale page cannot survive.)
sw_man_pages = man/stowaway.1
man/stowaway.1: src/stowaway$(EXEEXT)
sw_man_pages += man/sw-exec.1
man/sw-exec.1: src/sw-exec$(EXEEXT)
sw_man_pages += man/sw-netdeny.1
man/sw-netdeny.1: src/sw-netdeny$(EXEEXT)
sw_man_pages += man/sw-mkhome.1
man/sw-mkhome.1: src/sw-mkhome$(EXEEXT)
sw_man_pages += man/sw-pidns.1
man/sw-pidns.1: src/sw-pidns$(EXEEXT)
sw_man_pages += man/sw-fsview.1
man/sw-fsview.1: src/sw-fsview$(EXEEXT)

dist_man_MANS += $(sw_man_pages)
EXTRA_DIST += $(sw_man_pages:.1=.x)
MAINTAINERCLEANFILES += $(sw_man_pages)

# Every page also shows the shared frame's part of --help.
$(sw_man_pages): $(top_srcdir)/src/sw-frame.c $(top_srcdir)/configure.ac

SUFFIXES += .x .1
.x.1:
	$(AM_V_GEN)name=`basename $@ .1`; \
	test -x src/$$name$(EXEEXT) || exit 0; \
	$(MKDIR_P) man && \
	$(HELP2MAN) --no-info --no-discard-stderr --section=1 \
	  --include=$< --output=$@-t src/$$name$(EXEEXT) && \
	mv $@-t $@

# In a VPATH build the generated pages live in the build tree.
distclean-local:
	test x'$(srcdir)' = x. || rm -f $(sw_man_pages)
