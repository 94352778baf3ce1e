/* sw-proc.c -- the parts of /proc a uid-0 PROGRAM must not write.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-proc.h"

#ifdef SW_LINUX
# include <linux/capability.h>
# include <sched.h>
# include <sys/mount.h>
# include <fcntl.h>

# include "sw-caps.h"

/* Set once /proc/sys is read-only in this process's mount namespace.  */
static bool protected;

int
sw_proc_protect (char const **what)
{
  static char const *const paths[] =
    { "/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus",
      "/proc/fs" };
  for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
    {
      if (mount (paths[i], paths[i], NULL, MS_BIND | MS_REC, NULL) != 0)
        {
          if (errno == ENOENT)
            continue;
          *what = "bind /proc/sys and its kind over themselves";
          return -1;
        }
      if (mount (NULL, paths[i], NULL, MS_BIND | MS_REMOUNT | MS_RDONLY
                 | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        {
          *what = "make /proc/sys and its kind read-only";
          return -1;
        }
    }
  protected = true;
  return 0;
}

/* Whether a sysctl opens for writing here (nothing is written).  */
static bool
sysctl_writable (void)
{
  int fd = open ("/proc/sys/kernel/core_pattern", O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  close (fd);
  return true;
}

int
sw_proc_protect_uid0 (char const **what)
{
  if (geteuid () != 0 || protected || !sysctl_writable ())
    return 0;
  if (!sw_caps_have (CAP_SYS_ADMIN))
    {
      *what = "keep sysctls read-only for a uid-0 PROGRAM (no CAP_SYS_ADMIN"
              " for a mount namespace)";
      errno = EPERM;
      return -1;
    }
  if (unshare (CLONE_NEWNS) != 0
      || mount (NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) != 0)
    {
      *what = "make a mount namespace to keep sysctls read-only for a"
              " uid-0 PROGRAM";
      return -1;
    }
  if (sw_proc_protect (what) != 0)
    return -1;
  if (sysctl_writable ())
    {
      *what = "keep sysctls read-only for a uid-0 PROGRAM";
      errno = EPERM;
      return -1;
    }
  return 0;
}

#else

int
sw_proc_protect (char const **what)
{
  (void) what;
  return 0;
}

int
sw_proc_protect_uid0 (char const **what)
{
  (void) what;
  return 0;
}

#endif
