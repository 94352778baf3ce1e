/* sw-seccomp.h -- seccomp filters, built with libseccomp.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_SECCOMP_H
#define SW_SECCOMP_H

#include <stdbool.h>

/* True if this build has libseccomp (the filters below can be made).  */
bool sw_seccomp_available (void);

/* Load a filter that makes ioctl(TIOCSTI) and ioctl(TIOCLINUX) fail with
   EPERM on every ABI of this machine, comparing only the low 32 bits of
   the request number, as the kernel does (CVE-2019-10063).
   no_new_privs must be set already.  Returns 0, or -1 with errno set and
   *WHAT naming the step.  */
int sw_seccomp_block_tty_injection (char const **what);

#endif
