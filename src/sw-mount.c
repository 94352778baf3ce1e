/* sw-mount.c -- paths resolved without symbolic links, and the new mount
   API for sw-fsview.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-mount.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>

#include "xalloc.h"

#ifndef O_PATH
# define O_PATH O_RDONLY
#endif

char *
sw_path_canon (char const *path)
{
  char *cwd = NULL;
  size_t cwdlen = 0;
  if (*path != '/')
    {
      cwd = getcwd (NULL, 0);
      if (!cwd)
        xalloc_die ();
      cwdlen = strlen (cwd);
    }
  /* Room for the working directory, a slash, PATH and the NUL.  */
  char *out = xmalloc (cwdlen + 1 + strlen (path) + 2);
  size_t n = 0;
  for (int pass = 0; pass < 2; pass++)
    {
      char const *p = pass == 0 ? (cwd ? cwd : "") : path;
      while (*p)
        {
          while (*p == '/')
            p++;
          if (!*p)
            break;
          char const *end = strchrnul (p, '/');
          size_t len = end - p;
          if (len == 1 && p[0] == '.')
            ;
          else if (len == 2 && p[0] == '.' && p[1] == '.')
            {
              while (n > 0 && out[n - 1] != '/')
                n--;
              if (n > 0)
                n--;            /* the slash before the component */
            }
          else
            {
              out[n++] = '/';
              memcpy (out + n, p, len);
              n += len;
            }
          p = end;
        }
    }
  if (n == 0)
    out[n++] = '/';
  out[n] = '\0';
  free (cwd);
  return out;
}

bool
sw_path_within (char const *path, char const *dir)
{
  if (strcmp (dir, "/") == 0)
    return true;
  size_t n = strlen (dir);
  return strncmp (path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int
sw_path_open (char const *canon, int *parent, size_t *rest)
{
  int fd = open ("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  char const *p = canon;
  while (*p == '/')
    p++;
  while (*p)
    {
      char const *end = strchrnul (p, '/');
      size_t len = end - p;
      char name[NAME_MAX + 1];
      int next = -1;
      if (len > NAME_MAX)
        errno = ENAMETOOLONG;
      else
        {
          memcpy (name, p, len);
          name[len] = '\0';
          next = openat (fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
        }
      struct stat st;
      if (next >= 0 && fstat (next, &st) == 0 && S_ISLNK (st.st_mode))
        {
          close (next);
          next = -1;
          errno = ELOOP;
        }
      if (next < 0)
        {
          int e = errno;
          if (parent)
            {
              *parent = fd;
              *rest = p - canon;
            }
          else
            close (fd);
          errno = e;
          return -1;
        }
      close (fd);
      fd = next;
      p = end;
      while (*p == '/')
        p++;
    }
  return fd;
}

#ifdef SW_LINUX
# include <sys/syscall.h>

/* The new mount API's numbers are the same on every architecture.  */
# ifndef SYS_open_tree
#  define SYS_open_tree 428
# endif
# ifndef SYS_move_mount
#  define SYS_move_mount 429
# endif
# ifndef SYS_mount_setattr
#  define SYS_mount_setattr 442
# endif

# define SW_OPEN_TREE_CLONE 1U
# define SW_AT_RECURSIVE 0x8000U
# define SW_MOVE_MOUNT_F_EMPTY_PATH 0x00000004U
# define SW_MOVE_MOUNT_T_EMPTY_PATH 0x00000040U

/* struct mount_attr, version 0 (Linux 5.12).  */
struct sw_mount_attr
{
  uint64_t attr_set;
  uint64_t attr_clr;
  uint64_t propagation;
  uint64_t userns_fd;
};

bool
sw_mount_api_available (void)
{
  /* A bad descriptor: EBADF where the call exists.  */
  long r = syscall (SYS_open_tree, -1, "", 0U);
  return !(r < 0 && errno == ENOSYS);
}

int
sw_clone_tree (int dfd, char const *path, unsigned flags, bool recursive)
{
  unsigned f = flags | SW_OPEN_TREE_CLONE | O_CLOEXEC;
  if (recursive)
    f |= SW_AT_RECURSIVE;
  long r = syscall (SYS_open_tree, dfd, path, f);
  return r < 0 ? -1 : (int) r;
}

int
sw_attach_tree (int tree, int target_fd)
{
  return syscall (SYS_move_mount, tree, "", target_fd, "",
                  SW_MOVE_MOUNT_F_EMPTY_PATH | SW_MOVE_MOUNT_T_EMPTY_PATH)
         < 0 ? -1 : 0;
}

int
sw_mount_setattr (int dfd, char const *path, unsigned flags,
                  uint64_t set, uint64_t clr)
{
  struct sw_mount_attr attr = { set, clr, 0, 0 };
  return syscall (SYS_mount_setattr, dfd, path, flags, &attr, sizeof attr)
         < 0 ? -1 : 0;
}

#else /* !SW_LINUX */

bool
sw_mount_api_available (void)
{
  return false;
}

int
sw_clone_tree (int dfd, char const *path, unsigned flags, bool recursive)
{
  (void) dfd, (void) path, (void) flags, (void) recursive;
  errno = ENOSYS;
  return -1;
}

int
sw_attach_tree (int tree, int target_fd)
{
  (void) tree, (void) target_fd;
  errno = ENOSYS;
  return -1;
}

int
sw_mount_setattr (int dfd, char const *path, unsigned flags,
                  uint64_t set, uint64_t clr)
{
  (void) dfd, (void) path, (void) flags, (void) set, (void) clr;
  errno = ENOSYS;
  return -1;
}

#endif
