/* sw-ns.c -- entering namespaces, with or without a user namespace.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-ns.h"

#include <fcntl.h>

#include "sw-caps.h"

#ifdef SW_LINUX
# include <linux/capability.h>
# include <sched.h>

int
sw_userns_enter (int nsflags, char const **what)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  if (unshare (CLONE_NEWUSER | nsflags) != 0)
    {
      *what = "create a user namespace";
      return -1;
    }

  char map[64];
  if (sw_write_file ("/proc/self/setgroups", "deny") != 0 && errno != ENOENT)
    {
      *what = "write /proc/self/setgroups";
      return -1;
    }
  snprintf (map, sizeof map, "%lu %lu 1\n", (unsigned long) uid,
            (unsigned long) uid);
  if (sw_write_file ("/proc/self/uid_map", map) != 0)
    {
      *what = uid == 0 ? "map uid 0 in a user namespace (needs CAP_SETFCAP)"
                       : "write /proc/self/uid_map";
      return -1;
    }
  snprintf (map, sizeof map, "%lu %lu 1\n", (unsigned long) gid,
            (unsigned long) gid);
  if (sw_write_file ("/proc/self/gid_map", map) != 0)
    {
      *what = "write /proc/self/gid_map";
      return -1;
    }
  return 0;
}

int
sw_ns_enter (int nsflags, bool *made_userns, char const **what)
{
  bool userns = !sw_caps_have (CAP_SYS_ADMIN);
  if (made_userns)
    *made_userns = userns;
  if (userns)
    return sw_userns_enter (nsflags, what);
  if (unshare (nsflags) != 0)
    {
      *what = "unshare";
      return -1;
    }
  return 0;
}

#else

int
sw_userns_enter (int nsflags, char const **what)
{
  (void) nsflags;
  *what = "create a user namespace (not a Linux system)";
  errno = ENOSYS;
  return -1;
}

int
sw_ns_enter (int nsflags, bool *made_userns, char const **what)
{
  (void) nsflags;
  if (made_userns)
    *made_userns = false;
  *what = "create namespaces (not a Linux system)";
  errno = ENOSYS;
  return -1;
}

#endif

char const *
sw_ns_hint (int e)
{
  switch (e)
    {
    case EPERM:
    case EACCES:
      return " (are unprivileged user namespaces disabled, or is this a"
             " container that forbids unshare? see 'stowaway check')";
    case ENOSPC:
      return " (user.max_user_namespaces reached or set to 0?"
             " see 'stowaway check')";
    case EINVAL:
    case ENOSYS:
      return " (kernel built without this namespace type?"
             " see 'stowaway check')";
    default:
      return "";
    }
}
