/* sw-caps.c -- capabilities: query, drop, hand on.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Raw capget/capset: the three calls we need do not justify a library
   dependency on every link of the chain.  */

#include "system.h"
#include "sw-caps.h"

#ifdef SW_LINUX
# include <linux/capability.h>
# include <sys/prctl.h>
# include <sys/syscall.h>

# ifndef PR_CAP_AMBIENT
#  define PR_CAP_AMBIENT 47
#  define PR_CAP_AMBIENT_CLEAR_ALL 4
# endif

static int
caps_get (struct __user_cap_data_struct data[2])
{
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  return syscall (SYS_capget, &hdr, data);
}

bool
sw_caps_have (int cap)
{
  struct __user_cap_data_struct d[2];
  if (caps_get (d) != 0)
    return false;
  return (d[cap / 32].effective >> (cap % 32)) & 1;
}

bool
sw_caps_any (void)
{
  struct __user_cap_data_struct d[2];
  if (caps_get (d) != 0)
    return true;                /* be conservative: assume we hold some */
  return (d[0].effective | d[1].effective | d[0].permitted | d[1].permitted
          | d[0].inheritable | d[1].inheritable) != 0;
}

bool
sw_caps_drop_bounding (void)
{
  prctl (PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);

  bool empty = true;
  bool can_drop = sw_caps_have (CAP_SETPCAP);
  for (int cap = 0; cap <= 63; cap++)
    {
      int r = prctl (PR_CAPBSET_READ, cap, 0, 0, 0);
      if (r < 0)
        break;                  /* past the kernel's last capability */
      if (r == 0)
        continue;
      if (can_drop && prctl (PR_CAPBSET_DROP, cap, 0, 0, 0) == 0)
        continue;
      empty = false;
    }
  return empty;
}

int
sw_caps_drop_all (char const **what)
{
  bool bset_empty = sw_caps_drop_bounding ();

  /* Clearing permitted and inheritable clears the ambient set too.  */
  struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct d[2];
  memset (d, 0, sizeof d);
  if (syscall (SYS_capset, &hdr, d) != 0)
    {
      *what = "clear the capability sets";
      return -1;
    }

  /* uid 0 regains the bounding set on execve(); refuse rather than hand
     PROGRAM capabilities we could not remove.  */
  if (!bset_empty && (getuid () == 0 || geteuid () == 0))
    {
      *what = "empty the capability bounding set as uid 0 (no CAP_SETPCAP)";
      errno = EPERM;
      return -1;
    }
  return 0;
}

#else /* !SW_LINUX */

bool
sw_caps_have (int cap)
{
  (void) cap;
  return false;
}

bool
sw_caps_any (void)
{
  return false;
}

bool
sw_caps_drop_bounding (void)
{
  return true;
}

int
sw_caps_drop_all (char const **what)
{
  (void) what;
  return 0;
}

#endif
