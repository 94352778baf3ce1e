/* sw-stagedir.c -- keep the suite's own programs reachable when a stage
   hides the directory they are installed in.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-stagedir.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "xalloc.h"

#ifdef SW_LINUX
# include <sys/mount.h>
# include <sys/statvfs.h>

int
sw_stagedir_save (struct sw_stagedir *sd)
{
  sd->fd = -1;
  sd->path = NULL;
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0)
    return -1;
  self[n] = '\0';
  char *slash = strrchr (self, '/');
  if (!slash || slash == self)
    return 0;
  *slash = '\0';
  sd->fd = open (self, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (sd->fd < 0)
    return -1;
  sd->path = xstrdup (self);
  return 0;
}

int
sw_stagedir_restore (struct sw_stagedir *sd, char const **what)
{
  if (sd->fd < 0)
    return 0;
  struct stat saved, shown;
  if (fstat (sd->fd, &saved) == 0 && stat (sd->path, &shown) == 0
      && saved.st_dev == shown.st_dev && saved.st_ino == shown.st_ino)
    {
      close (sd->fd);
      sd->fd = -1;
      return 0;
    }

  /* mkdir -p, inside what covers it.  */
  for (char *p = sd->path + 1;; p++)
    {
      char c = *p;
      if (c != '/' && c != '\0')
        continue;
      *p = '\0';
      int r = mkdir (sd->path, 0755);
      *p = c;
      if (r != 0 && errno != EEXIST)
        {
          *what = "create the mount point for the stage directory";
          return -1;
        }
      if (!c)
        break;
    }

  char src[64];
  snprintf (src, sizeof src, "/proc/self/fd/%d", sd->fd);
  struct statvfs sv;
  unsigned long keep = 0;
  if (fstatvfs (sd->fd, &sv) == 0)
    keep = ((sv.f_flag & ST_NOSUID ? MS_NOSUID : 0)
            | (sv.f_flag & ST_NODEV ? MS_NODEV : 0)
            | (sv.f_flag & ST_NOEXEC ? MS_NOEXEC : 0));
  if (mount (src, sd->path, NULL, MS_BIND, NULL) != 0)
    {
      *what = "bind the stage directory back";
      return -1;
    }
  if (mount (NULL, sd->path, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | keep,
             NULL) != 0)
    {
      *what = "make the stage directory read-only";
      return -1;
    }
  close (sd->fd);
  sd->fd = -1;
  return 0;
}

#else

int
sw_stagedir_save (struct sw_stagedir *sd)
{
  sd->fd = -1;
  sd->path = NULL;
  return 0;
}

int
sw_stagedir_restore (struct sw_stagedir *sd, char const **what)
{
  (void) sd, (void) what;
  return 0;
}

#endif
