/* sw-landlock.c -- Landlock rulesets, with the constants of every ABI.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-landlock.h"

#include <fcntl.h>

#ifdef SW_LINUX
# include <dirent.h>
# include <sys/stat.h>
# include <sys/syscall.h>

/* System call numbers are the same on every architecture (generic
   table), so a missing one in old headers can be filled in.  */
# ifndef SYS_landlock_create_ruleset
#  define SYS_landlock_create_ruleset 444
#  define SYS_landlock_add_rule 445
#  define SYS_landlock_restrict_self 446
# endif

# define CREATE_RULESET_VERSION (1U << 0)
# define RULE_PATH_BENEATH 1
# define RULE_NET_PORT 2

/* The kernel reads only as much of this as the size passed says, so
   one layout serves every ABI.  */
struct ruleset_attr
{
  uint64_t handled_access_fs;
  uint64_t handled_access_net;  /* ABI 4 */
  uint64_t scoped;              /* ABI 6 */
};

struct path_beneath_attr
{
  uint64_t allowed_access;
  int32_t parent_fd;
} __attribute__ ((packed));

struct net_port_attr
{
  uint64_t allowed_access;
  uint64_t port;
};

int
sw_landlock_abi (void)
{
  long abi = syscall (SYS_landlock_create_ruleset, NULL, 0,
                      CREATE_RULESET_VERSION);
  return abi < 0 ? 0 : (int) abi;
}

uint64_t
sw_landlock_fs_all (int abi)
{
  if (abi < 1)
    return 0;
  uint64_t all = (SW_LL_FS_MAKE_SYM << 1) - 1;
  if (abi >= 2)
    all |= SW_LL_FS_REFER;
  if (abi >= 3)
    all |= SW_LL_FS_TRUNCATE;
  if (abi >= 5)
    all |= SW_LL_FS_IOCTL_DEV;
  return all;
}

int
sw_landlock_create (uint64_t fs, uint64_t net, uint64_t scoped)
{
  struct ruleset_attr attr = { fs, net, scoped };
  size_t size = (scoped ? sizeof attr
                 : net ? offsetof (struct ruleset_attr, scoped)
                 : offsetof (struct ruleset_attr, handled_access_net));
  long fd = syscall (SYS_landlock_create_ruleset, &attr, size, 0);
  return fd < 0 ? -1 : (int) fd;
}

int
sw_landlock_allow_path (int fd, char const *path, uint64_t access)
{
  int dir = open (path, O_PATH | O_CLOEXEC);
  if (dir < 0)
    return -1;
  struct path_beneath_attr attr = { access, dir };
  long r = syscall (SYS_landlock_add_rule, fd, RULE_PATH_BENEATH, &attr, 0);
  int e = errno;
  close (dir);
  errno = e;
  return r < 0 ? -1 : 0;
}

int
sw_landlock_allow_fd (int fd, int file, uint64_t access)
{
  struct stat st;
  if (fstat (file, &st) != 0)
    return -1;
  if (!S_ISDIR (st.st_mode))
    access &= SW_LL_FS_FILE_RIGHTS;
  if (!access)
    return 0;
  struct path_beneath_attr attr = { access, file };
  return syscall (SYS_landlock_add_rule, fd, RULE_PATH_BENEATH, &attr, 0)
         < 0 ? -1 : 0;
}

/* True if PATH is DIR or lies beneath it (both canonical).  */
static bool
within (char const *path, char const *dir)
{
  size_t n = strlen (dir);
  if (n == 1)
    return true;
  return strncmp (path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

int
sw_landlock_allow_except (int fd, char const *dir, uint64_t access,
                          char const *const *cuts, size_t n)
{
  bool beneath = false;
  for (size_t i = 0; i < n; i++)
    if (within (cuts[i], dir))
      {
        if (strcmp (cuts[i], dir) == 0)
          return 0;
        beneath = true;
      }

  if (!beneath)
    {
      int file = open (dir, O_PATH | O_NOFOLLOW | O_CLOEXEC);
      if (file < 0)
        return 0;
      struct stat st;
      int r = 0;
      if (fstat (file, &st) == 0 && !S_ISLNK (st.st_mode))
        r = sw_landlock_allow_fd (fd, file, access);
      int e = errno;
      close (file);
      errno = e;
      return r;
    }

  int dfd = open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd < 0)
    return 0;                   /* cannot list it: grant nothing beneath */
  DIR *d = fdopendir (dfd);
  if (!d)
    {
      close (dfd);
      return 0;
    }
  size_t dirlen = strlen (dir);
  int r = 0;
  struct dirent *ent;
  while (r == 0 && (ent = readdir (d)))
    {
      char const *name = ent->d_name;
      if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
        continue;
      size_t len = strlen (name);
      char *child = malloc (dirlen + 1 + len + 1);
      if (!child)
        {
          r = -1;
          break;
        }
      size_t k = dirlen == 1 ? 0 : dirlen;
      memcpy (child, dir, k);
      child[k] = '/';
      memcpy (child + k + 1, name, len + 1);
      r = sw_landlock_allow_except (fd, child, access, cuts, n);
      free (child);
    }
  int e = errno;
  closedir (d);
  errno = e;
  return r;
}

int
sw_landlock_allow_port (int fd, uint64_t port, uint64_t access)
{
  struct net_port_attr attr = { access, port };
  return syscall (SYS_landlock_add_rule, fd, RULE_NET_PORT, &attr, 0) < 0
         ? -1 : 0;
}

int
sw_landlock_restrict (int fd)
{
  long r = syscall (SYS_landlock_restrict_self, fd, 0);
  int e = errno;
  close (fd);
  errno = e;
  return r < 0 ? -1 : 0;
}

#else /* !SW_LINUX */

int
sw_landlock_abi (void)
{
  return 0;
}

uint64_t
sw_landlock_fs_all (int abi)
{
  (void) abi;
  return 0;
}

int
sw_landlock_create (uint64_t fs, uint64_t net, uint64_t scoped)
{
  (void) fs, (void) net, (void) scoped;
  errno = ENOSYS;
  return -1;
}

int
sw_landlock_allow_path (int fd, char const *path, uint64_t access)
{
  (void) fd, (void) path, (void) access;
  errno = ENOSYS;
  return -1;
}

int
sw_landlock_allow_fd (int fd, int file, uint64_t access)
{
  (void) fd, (void) file, (void) access;
  errno = ENOSYS;
  return -1;
}

int
sw_landlock_allow_except (int fd, char const *dir, uint64_t access,
                          char const *const *cuts, size_t n)
{
  (void) fd, (void) dir, (void) access, (void) cuts, (void) n;
  errno = ENOSYS;
  return -1;
}

int
sw_landlock_allow_port (int fd, uint64_t port, uint64_t access)
{
  (void) fd, (void) port, (void) access;
  errno = ENOSYS;
  return -1;
}

int
sw_landlock_restrict (int fd)
{
  (void) fd;
  errno = ENOSYS;
  return -1;
}

#endif
