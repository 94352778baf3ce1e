/* sw-seccomp.h -- load the seccomp filters compiled at build time.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_SECCOMP_H
#define SW_SECCOMP_H

#include <stdbool.h>
#include <stddef.h>

/* The filters (see src/sw-seccomp-rules.c), for sw_seccomp_load().  */
enum sw_filter
{
  SW_FILTER_TTY_INJECTION,      /* ioctl TIOCSTI, TIOCLINUX → EPERM */
  SW_FILTER_NET_DENY            /* socket(!AF_UNIX) → EACCES, io_uring → ENOSYS */
};

/* True if this build has seccomp filters (libseccomp was found at build
   time and the platform is Linux).  */
bool sw_seccomp_available (void);

/* Install FILTER on the calling thread.  no_new_privs must be set (or
   CAP_SYS_ADMIN held).  Returns 0, or -1 with errno set (ENOSYS when
   this build has no filters).  */
int sw_seccomp_load (enum sw_filter filter);

#endif
