# sw-checks.m4 -- stowaway's own configure probes              -*- autoconf -*-
# Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

# SW_HOST: which platform methods can be built here.
AC_DEFUN([SW_HOST],
[
  sw_linux=no; sw_darwin=no
  case $host_os in
    linux*)  sw_linux=yes ;;
    darwin*) sw_darwin=yes ;;
  esac
  AS_IF([test "$sw_linux" = yes],
        [AC_DEFINE([SW_LINUX], [1], [Define to 1 when building for Linux.])])
  AS_IF([test "$sw_darwin" = yes],
        [AC_DEFINE([SW_DARWIN], [1], [Define to 1 when building for macOS.])])
  AM_CONDITIONAL([SW_LINUX], [test "$sw_linux" = yes])
  AM_CONDITIONAL([SW_DARWIN], [test "$sw_darwin" = yes])
])

# SW_WARNINGS: --enable-gcc-warnings, on by default in a git checkout.
AC_DEFUN([SW_WARNINGS],
[
  AC_ARG_ENABLE([gcc-warnings],
    [AS_HELP_STRING([--enable-gcc-warnings],
                    [turn on many GCC warnings, as errors (default: yes in a git checkout)])],
    [case $enableval in
       yes|no) ;;
       *) AC_MSG_ERROR([bad value $enableval for gcc-warnings option]) ;;
     esac
     sw_gcc_warnings=$enableval],
    [if test -d "$srcdir/.git" && ! test -f "$srcdir/.tarball-version"; then
       sw_gcc_warnings=yes
     else
       sw_gcc_warnings=no
     fi])
  AS_IF([test "$sw_gcc_warnings" = yes],
  [
    gl_WARN_ADD([-Werror], [WERROR_CFLAGS])
    AC_SUBST([WERROR_CFLAGS])
    gl_MANYWARN_ALL_GCC([sw_ws])
    sw_nw=
    sw_nw="$sw_nw -Wsystem-headers"        # not our headers
    sw_nw="$sw_nw -Wtraditional-conversion"
    sw_nw="$sw_nw -Wpadded"
    sw_nw="$sw_nw -Wc++-compat"
    sw_nw="$sw_nw -Wunused-macros"
    sw_nw="$sw_nw -Wvla"
    sw_nw="$sw_nw -Wswitch-default"
    sw_nw="$sw_nw -Wswitch-enum"
    sw_nw="$sw_nw -Wtraditional"
    sw_nw="$sw_nw -Wstack-protector"
    sw_nw="$sw_nw -Wsuggest-attribute=pure"
    sw_nw="$sw_nw -Wsuggest-attribute=const"
    sw_nw="$sw_nw -Wsuggest-attribute=malloc"
    sw_nw="$sw_nw -Wanalyzer-fd-leak"      # exec and fork paths confuse it
    sw_nw="$sw_nw -Wanalyzer-fd-use-without-check"
    sw_nw="$sw_nw -Wanalyzer-fd-double-close"
    sw_nw="$sw_nw -Wanalyzer-fd-use-after-close"
    sw_nw="$sw_nw -Wanalyzer-malloc-leak"
    sw_nw="$sw_nw -Wanalyzer-null-dereference"
    sw_nw="$sw_nw -Wanalyzer-use-of-uninitialized-value"
    sw_nw="$sw_nw -Wanalyzer-too-complex"
    gl_MANYWARN_COMPLEMENT([sw_ws], [$sw_ws], [$sw_nw])
    for sw_w in $sw_ws; do
      gl_WARN_ADD([$sw_w])
    done
    gl_WARN_ADD([-Wno-sign-compare])
    gl_WARN_ADD([-Wno-unused-parameter])
    gl_WARN_ADD([-Wno-missing-field-initializers])
    gl_WARN_ADD([-Wno-format-nonliteral])
    gl_WARN_ADD([-fno-analyzer])
    # gnulib replaces free() on musl (rpl_free), which GCC then takes
    # for a different deallocator than xmalloc's.
    gl_WARN_ADD([-Wno-mismatched-dealloc])
    # gnulib's own sources are not ours to fix: warnings there stay
    # warnings (the flags after AM_CFLAGS in lib/gnulib.mk win).
    GL_CFLAG_GNULIB_WARNINGS="$GL_CFLAG_GNULIB_WARNINGS -Wno-error"
  ])
])

# SW_LIBSECCOMP: optional; without it the seccomp-based methods are
# reported unavailable (they fail closed, never silently).  libseccomp is
# a build-time tool here: src/sw-mkfilters, built with the build
# machine's compiler ($SW_BUILD_CC), exports the filters as BPF, so the
# stages (perhaps built with musl-gcc) never link it.
AC_DEFUN([SW_LIBSECCOMP],
[
  AC_ARG_WITH([libseccomp],
    [AS_HELP_STRING([--without-libseccomp],
                    [build without libseccomp (disables the seccomp methods)])],
    [], [with_libseccomp=check])
  LIBSECCOMP=
  sw_have_seccomp=no
  AS_IF([test "$with_libseccomp" != no && test "$sw_linux" = yes],
  [
    AC_MSG_CHECKING([for libseccomp (with $SW_BUILD_CC)])
    cat > conftest-sw.c <<'SWEOF'
#include <seccomp.h>
int main (void) { scmp_filter_ctx c = seccomp_init (SCMP_ACT_ALLOW);
  seccomp_release (c); return 0; }
SWEOF
    AS_IF([$SW_BUILD_CC -o conftest-sw$ac_exeext conftest-sw.c -lseccomp \
             >&AS_MESSAGE_LOG_FD 2>&1],
      [sw_have_seccomp=yes])
    rm -f conftest-sw.c conftest-sw$ac_exeext
    AC_MSG_RESULT([$sw_have_seccomp])
    AS_IF([test "$sw_have_seccomp" = yes],
      [LIBSECCOMP=-lseccomp
       AC_DEFINE([HAVE_LIBSECCOMP], [1], [Define to 1 if libseccomp is usable.])],
      [AS_IF([test "$with_libseccomp" = yes],
             [AC_MSG_ERROR([--with-libseccomp given but libseccomp was not found])])])
  ])
  AC_SUBST([LIBSECCOMP])
  AM_CONDITIONAL([HAVE_LIBSECCOMP], [test "$sw_have_seccomp" = yes])
])

# SW_LINUX_FEATURES: headers and system calls the Linux methods use.
AC_DEFUN([SW_LINUX_FEATURES],
[
  AC_CHECK_HEADERS_ONCE([sys/prctl.h sys/capability.h linux/capability.h
                         linux/landlock.h linux/seccomp.h linux/mount.h
                         sys/mount.h sched.h linux/close_range.h])
  AC_CHECK_FUNCS_ONCE([unshare close_range setresuid setresgid pidfd_open])
  AC_CHECK_DECLS([SYS_landlock_create_ruleset, SYS_mount_setattr,
                  SYS_pidfd_open, SYS_close_range],
                 [], [], [[#include <sys/syscall.h>]])
])


# SW_FAST_BUILD_PRE: before AC_PROG_CC.  --enable-fast-build links every
# binary statically: with musl-gcc when it is there (a static musl process
# starts several times faster than a dynamic glibc one, and every link of
# the chain is a process start), else with static glibc.
AC_DEFUN([SW_FAST_BUILD_PRE],
[
  AC_ARG_ENABLE([fast-build],
    [AS_HELP_STRING([--enable-fast-build],
                    [link the binaries statically for the fastest launch:
                     musl-gcc if found (unless CC is set), else static glibc])],
    [], [enable_fast_build=no])
  sw_fast=no
  AS_IF([test "$enable_fast_build" = yes],
  [
    sw_fast=static-libc
    AS_IF([test -z "$CC"],
      [AC_CHECK_PROGS([SW_MUSL_GCC], [musl-gcc])
       AS_IF([test -n "$SW_MUSL_GCC"], [CC=$SW_MUSL_GCC; sw_fast=musl])])
  ])
  # The compiler for programs that run on the build machine during the
  # build (src/sw-mkfilters): the system compiler, never musl-gcc.
  AC_ARG_VAR([SW_BUILD_CC], [C compiler for build-time tools (default: cc)])
  : "${SW_BUILD_CC:=cc}"
])

# SW_FAST_BUILD_POST: after AC_PROG_CC.
AC_DEFUN([SW_FAST_BUILD_POST],
[
  AS_IF([test "$sw_fast" = musl],
  [
    # musl-gcc searches only musl's headers; give it the kernel's (and
    # nothing else of glibc's) through a directory of links.
    AC_MSG_CHECKING([for the kernel headers to give musl-gcc])
    sw_kh=`echo '#include <linux/capability.h>' | $SW_BUILD_CC -E -M - 2>/dev/null \
      | tr ' ' '\n' | grep '/linux/capability\.h$' | sed 's,/linux/capability\.h$,,'`
    sw_asm=`echo '#include <asm/unistd.h>' | $SW_BUILD_CC -E -M - 2>/dev/null \
      | tr ' ' '\n' | grep '/asm/unistd\.h$' | sed 's,/asm/unistd\.h$,,'`
    AS_IF([test -z "$sw_kh" || test -z "$sw_asm"],
      [AC_MSG_ERROR([kernel headers not found (install linux-libc-dev)])])
    AC_MSG_RESULT([$sw_kh])
    rm -rf sw-kernel-headers && mkdir sw-kernel-headers &&
    ln -s "$sw_kh/linux" sw-kernel-headers/linux &&
    ln -s "$sw_kh/asm-generic" sw-kernel-headers/asm-generic &&
    ln -s "$sw_asm/asm" sw-kernel-headers/asm ||
      AC_MSG_ERROR([cannot make sw-kernel-headers])
    CPPFLAGS="$CPPFLAGS -isystem `pwd`/sw-kernel-headers"
  ])
  AS_IF([test "$sw_fast" != no],
  [
    LDFLAGS="$LDFLAGS -static"
    AC_MSG_CHECKING([whether $CC links static programs])
    AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])],
      [AC_MSG_RESULT([yes])],
      [AC_MSG_RESULT([no])
       AC_MSG_ERROR([--enable-fast-build: $CC cannot link statically])])
  ])
  AC_MSG_CHECKING([which build this is])
  AC_MSG_RESULT([$sw_fast])
  AC_DEFINE_UNQUOTED([SW_BUILD_KIND], ["$sw_fast"],
    [no: ordinary dynamic build; musl or static-libc: --enable-fast-build])
  AM_CONDITIONAL([SW_FAST_BUILD], [test "$sw_fast" != no])
])

# SW_COMPLETION: where the bash completion goes.  bash-completion's own
# directory (from pkg-config, kept under our prefix so that a non-root
# install and 'make distcheck' work), else $(datadir)/bash-completion/
# completions; --with-bash-completion-dir=DIR overrides.  zsh's goes to
# $(datadir)/zsh/site-functions.
AC_DEFUN([SW_COMPLETION],
[
  AC_ARG_WITH([bash-completion-dir],
    [AS_HELP_STRING([--with-bash-completion-dir=DIR],
                    [install the bash completion in DIR])],
    [bashcompletiondir=$withval],
    [bashcompletiondir=
     AS_IF([test -n "$PKG_CONFIG" || PKG_CONFIG=`command -v pkg-config`],
       [bashcompletiondir=`$PKG_CONFIG --define-variable=prefix='${prefix}' \
          --define-variable=datadir='${datarootdir}' \
          --variable=completionsdir bash-completion 2>/dev/null`])
     AS_CASE([$bashcompletiondir],
       ['${prefix}'/*|'${datarootdir}'/*], [],
       [bashcompletiondir='${datarootdir}/bash-completion/completions'])])
  AC_SUBST([bashcompletiondir])
  AC_SUBST([zshcompletiondir], ['${datarootdir}/zsh/site-functions'])
])
