/* sw-seccomp-rules.c -- the seccomp filters, written with libseccomp.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Build time only: see sw-seccomp-rules.h.  To add a filter, write its
   rules function here, list it in sw_filter_defs, and load it by name
   with sw_seccomp_load (SW_FILTER_<NAME>) (src/sw-seccomp.h).  */

#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>

#include "sw-seccomp-rules.h"

/* TIOCSTI and TIOCLINUX fail with EPERM.  The kernel compares only the
   low 32 bits of the request, so must the filter (CVE-2019-10063).  */
static int
tty_injection (scmp_filter_ctx ctx)
{
  int r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                            SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu,
                                     TIOCSTI));
  if (r == 0)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                          SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu,
                                   TIOCLINUX));
  return r;
}

struct sw_filter_def const sw_filter_defs[] =
{
  { "tty_injection", tty_injection },
  { NULL, NULL }
};
