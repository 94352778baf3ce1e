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
    # gnulib's own sources get a milder set.
    gl_WARN_ADD([-Wno-unused-parameter], [GNULIB_WARN_CFLAGS])
    gl_WARN_ADD([-Wno-missing-field-initializers], [GNULIB_WARN_CFLAGS])
    AC_SUBST([GNULIB_WARN_CFLAGS])
  ])
])

# SW_LIBSECCOMP: optional; without it the seccomp-based methods are
# reported unavailable (they fail closed, never silently).
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
    sw_save_LIBS=$LIBS
    AC_SEARCH_LIBS([seccomp_init], [seccomp],
      [AC_CHECK_HEADER([seccomp.h], [sw_have_seccomp=yes])])
    LIBS=$sw_save_LIBS
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

