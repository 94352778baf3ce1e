/* sw-seccomp.c -- load the seccomp filters compiled at build time.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-seccomp.h"

#if defined HAVE_LIBSECCOMP && defined SW_LINUX
# include <linux/filter.h>
# include <linux/seccomp.h>
# include <sys/prctl.h>
# include "sw-filters.h"
#endif

#ifdef SW_HAVE_FILTERS

bool
sw_seccomp_available (void)
{
  return true;
}

int
sw_seccomp_load (enum sw_filter filter)
{
  struct sock_filter const *bpf;
  size_t size;
  switch (filter)
    {
    case SW_FILTER_TTY_INJECTION:
      bpf = sw_bpf_tty_injection;
      size = sizeof sw_bpf_tty_injection;
      break;
    case SW_FILTER_NET_DENY:
      bpf = sw_bpf_net_deny;
      size = sizeof sw_bpf_net_deny;
      break;
    default:
      errno = EINVAL;
      return -1;
    }
  struct sock_fprog prog =
    {
      .len = size / sizeof (struct sock_filter),
      .filter = (struct sock_filter *) bpf
    };
  return prctl (PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0);
}

#else

bool
sw_seccomp_available (void)
{
  return false;
}

int
sw_seccomp_load (enum sw_filter filter)
{
  (void) filter;
  errno = ENOSYS;
  return -1;
}

#endif
