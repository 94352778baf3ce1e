/* sw-proc.c -- the parts of /proc a uid-0 PROGRAM must not write.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-proc.h"

#ifdef SW_LINUX
# include <sys/mount.h>

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
  return 0;
}

#else

int
sw_proc_protect (char const **what)
{
  (void) what;
  return 0;
}

#endif
