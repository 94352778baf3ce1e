/* sw-mkhome -- give PROGRAM a fresh, empty, private HOME that is gone
   afterwards.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Two ways to make the home (doc/design.md, "sw-mkhome"):

   tmpfs  A new mount namespace (with a user namespace when we are not
          privileged), its mount tree made private, and an empty tmpfs
          mounted over the user's real home.  We exec: no parent stays,
          and the kernel frees the tmpfs with the last process inside.

   dir    No mount namespace: a directory from mkdtemp() under TMPDIR.
          We stay as PROGRAM's parent to remove it afterwards, and a
          guardian in its own session removes it if we are killed.

   --keep and --home DIR put the home on disk, and mount it over the real
   home where a mount namespace can be had.  */

#include "system.h"

#include <dirent.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef SW_LINUX
# include <poll.h>
# include <sched.h>
# include <sys/mount.h>
# include <sys/prctl.h>
# include <sys/syscall.h>
#endif

#ifdef SW_LINUX
# include <sys/fsuid.h>
#endif

#include "sw-execnext.h"
#include "sw-ns.h"
#include "sw-stagedir.h"
#include "sw-rmtree.h"
#include "sw-user.h"
#include "xalloc.h"
#include "xstrtol.h"

#define PROGRAM_NAME "sw-mkhome"

/* Default cap of the tmpfs: a quarter of RAM, at most this.  */
#define DEFAULT_SIZE_MAX ((uintmax_t) 1 << 30)

/* How long the guardian waits for PROGRAM to die after we did.  */
#define GUARDIAN_WAIT_MS 10000

enum
{
  OPT_METHOD = SW_OPT_FIRST_PRIVATE,
  OPT_KEEP,
  OPT_HOME,
  OPT_TEMPLATE,
  OPT_SIZE,
  OPT_USER
};

static struct option const longopts[] =
{
  { "method", required_argument, NULL, OPT_METHOD },
  { "keep", no_argument, NULL, OPT_KEEP },
  { "home", required_argument, NULL, OPT_HOME },
  { "template", required_argument, NULL, OPT_TEMPLATE },
  { "size", required_argument, NULL, OPT_SIZE },
  { "user", required_argument, NULL, OPT_USER },
  { "verbose", no_argument, NULL, 'v' },
  SW_HELP_OPTION_DECL,
  SW_VERSION_OPTION_DECL,
  { NULL, 0, NULL, 0 }
};

enum method { METHOD_AUTO, METHOD_TMPFS, METHOD_DIR };
static char const *const method_names[] = { "auto", "tmpfs", "dir", NULL };

static _Noreturn void
usage (void)
{
  printf ("Usage: %s [OPTION]... [--] PROGRAM [ARG]...\n", program_name);
  fputs ("\
Run PROGRAM with a fresh, empty, private HOME that is gone afterwards.\n\
\n\
Where a mount namespace can be had (as root, or through an unprivileged\n\
user namespace), an empty tmpfs is mounted over the user's real home\n\
directory in a private mount tree: HOME, ~ and the passwd entry agree,\n\
the real files cannot be reached by any path, and the kernel frees the\n\
tmpfs when the last process inside is gone, even after SIGKILL (method\n\
'tmpfs').  Otherwise HOME is a new directory under TMPDIR (default /tmp)\n\
that this program removes when PROGRAM exits, staying as its parent to\n\
do so, without ever following a symbolic link (method 'dir'); the real\n\
home then stays readable by its path.\n\
\n\
PROGRAM gets HOME, and XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_DATA_HOME and\n\
XDG_STATE_HOME inside it (not created); XDG_RUNTIME_DIR is HOME/.run, a\n\
0700 directory, the only entry of a fresh home.  If the working directory\n\
lies inside the hidden home, it alone is carried over at the same path.\n\
\n\
Options:\n\
      --method=METHOD   auto (the default: tmpfs where possible, else dir),\n\
                        tmpfs or dir; a forced method that cannot be had\n\
                        makes this program fail\n\
      --size=SIZE       cap the tmpfs at SIZE bytes (suffixes K, M, G, T:\n\
                        powers of 1024), or at N% of RAM; default: a quarter\n\
                        of RAM, at most 1G\n\
      --keep            keep the home: make it a directory under TMPDIR,\n\
                        mounted over the real home where a mount namespace\n\
                        can be had, and print its path on stderr at exit\n\
      --home=DIR        use DIR (created 0700 if missing) as a persistent\n\
                        home, mounted over the real home where a mount\n\
                        namespace can be had\n\
      --template=DIR    start a fresh home as a copy of DIR (e.g. /etc/skel):\n\
                        files, directories, symbolic links as links, modes\n\
      --user=NAME|UID   make the home for this user, and hide this user's\n\
                        home (only root may name another user)\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

/* What to undo if we exit before PROGRAM has run, or after it has.  */
static struct
{
  char *dir;            /* on-disk home made for this run, or NULL */
  int guardian;         /* write end of the pipe to the guardian, or -1 */
  bool armed;           /* remove DIR at exit */
  bool keep;            /* --keep: report DIR instead of removing it */
} cleanup = { NULL, -1, false, false };

static pid_t child_pid;

/* Write all of BUF, or fail.  */
static bool
write_all (int fd, void const *buf, size_t len)
{
  char const *p = buf;
  while (len)
    {
      ssize_t n = write (fd, p, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return false;
      p += n;
      len -= n;
    }
  return true;
}

/* Read exactly LEN bytes; returns how many were read before EOF.  */
static size_t
read_all (int fd, void *buf, size_t len)
{
  char *p = buf;
  size_t got = 0;
  while (got < len)
    {
      ssize_t n = read (fd, p + got, len - got);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += n;
    }
  return got;
}

/* Remove DIR, saying on stderr what is left if that fails.  */
static bool
remove_home (char const *dir)
{
  struct sw_rmtree_left left;
  if (sw_rmtree (dir, &left) == 0)
    return true;
  error (0, left.err, "cannot remove the home %s: %zu entr%s left there,"
         " first %s", quote_n (0, dir), left.count,
         left.count == 1 ? "y" : "ies",
         quote_n (1, left.first ? left.first : dir));
  free (left.first);
  return false;
}

/* Clean up the on-disk home, once: remove it, or report it with --keep;
   then tell the guardian it has nothing to do.  */
static void
finish (void)
{
  if (!cleanup.armed)
    return;
  cleanup.armed = false;
  if (cleanup.keep)
    fprintf (stderr, "%s: kept home: %s\n", program_name, cleanup.dir);
  else
    remove_home (cleanup.dir);
  if (cleanup.guardian >= 0)
    {
      write_all (cleanup.guardian, "D", 1);
      close (cleanup.guardian);
      cleanup.guardian = -1;
    }
}

/* At exit before PROGRAM ran (a setup failure): the home goes, even with
   --keep, since nothing was put in it.  */
static void
cleanup_at_exit (void)
{
  cleanup.keep = false;
  finish ();
}

/* --size: a tmpfs "size=" option in BUF, or false if ARG is bad.  */
static bool
parse_size (char const *arg, char *buf, size_t bufsize)
{
  uintmax_t n;
  char *end;
  size_t len = strlen (arg);
  if (len > 1 && arg[len - 1] == '%')
    {
      strtol_error e = xstrtoumax (arg, &end, 10, &n, "");
      if ((e == LONGINT_OK || e == LONGINT_INVALID_SUFFIX_CHAR)
          && end == arg + len - 1 && n >= 1 && n <= 100)
        {
          snprintf (buf, bufsize, "size=%ju%%", n);
          return true;
        }
      return false;
    }
  if (xstrtoumax (arg, NULL, 10, &n, "kKmMgGtT") != LONGINT_OK || n == 0)
    return false;
  snprintf (buf, bufsize, "size=%ju", n);
  return true;
}

static void
default_size (char *buf, size_t bufsize)
{
  uintmax_t size = DEFAULT_SIZE_MAX;
  long pages = sysconf (_SC_PHYS_PAGES);
  long pagesize = sysconf (_SC_PAGESIZE);
  if (pages > 0 && pagesize > 0
      && (uintmax_t) pages / 4 * (uintmax_t) pagesize < size)
    size = (uintmax_t) pages / 4 * (uintmax_t) pagesize;
  snprintf (buf, bufsize, "size=%ju", size);
}

/* PATH canonicalized if it is an existing directory other than "/".  */
static char *
usable_home (char const *path)
{
  if (!path || *path != '/')
    return NULL;
  char *canon = realpath (path, NULL);
  struct stat st;
  if (!canon || strcmp (canon, "/") == 0 || stat (canon, &st) != 0
      || !S_ISDIR (st.st_mode))
    {
      free (canon);
      return NULL;
    }
  return canon;
}

/* The real home to hide: the user's passwd home if it exists, else the
   caller's ($HOME, else its passwd entry), else NULL.  *SHOWN is the
   name PROGRAM will know it by (the passwd or HOME spelling); the result
   is its canonical name.  */
static char *
real_home (struct sw_user const *u, char const **shown)
{
  char *canon = usable_home (u->home);
  if (canon)
    {
      *shown = u->home;
      return canon;
    }
  char const *env = getenv ("HOME");
  canon = usable_home (env);
  if (canon)
    {
      *shown = env;
      return canon;
    }
  struct passwd *pw = getpwuid (getuid ());
  if (pw && pw->pw_dir && (canon = usable_home (pw->pw_dir)))
    {
      *shown = xstrdup (pw->pw_dir);
      return canon;
    }
  return NULL;
}

/* --home DIR: make it (0700, owned by U) if missing.  Returns its
   canonical name, or NULL with errno set.  *CREATED tells if it is new;
   *FD is an open descriptor of it: the bind mount uses that, not the
   name, which its owner could change meanwhile.

   As root for another user (GIVE), DIR may lie in that user's
   directories: it is made and opened with that user's filesystem rights
   (setfsuid), never followed through a final symbolic link, and must be
   owned by that user, so that root never creates, changes or mounts
   anything the user could not.  */
static char *
persistent_home (char const *dir, struct sw_user const *u, bool give,
                 bool *created, int *fd)
{
  *created = false;
#ifdef SW_LINUX
  if (give)
    {
      setfsgid (u->gid);
      setfsuid (u->uid);
    }
#endif
  int e = 0;
  if (mkdir (dir, S_IRWXU) == 0)
    *created = true;
  else if (errno != EEXIST)
    e = errno;
  *fd = e ? -1 : open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (!e && *fd < 0)
    e = errno == ELOOP ? ENOTDIR : errno;
#ifdef SW_LINUX
  if (give)
    {
      setfsuid (geteuid ());
      setfsgid (getegid ());
    }
#endif
  struct stat st;
  if (!e && fstat (*fd, &st) != 0)
    e = errno;
  if (!e && give && st.st_uid != u->uid)
    e = EPERM;                  /* not that user's directory */
  if (!e && *created && fchmod (*fd, S_IRWXU) != 0)
    e = errno;
  char link[64];
  char *canon = NULL;
  if (!e)
    {
      snprintf (link, sizeof link, "/proc/self/fd/%d", *fd);
      canon = realpath (link, NULL);
      if (!canon)
        e = errno;
    }
  if (e)
    {
      if (*fd >= 0)
        close (*fd);
      *fd = -1;
      errno = e;
      return NULL;
    }
  return canon;
}

/* If the working directory is the real home REAL or lies inside it, its
   path relative to REAL ("" for REAL itself); else NULL.  */
static char *
cwd_inside (char const *real)
{
  char *cwd = getcwd (NULL, 0);
  if (!cwd)
    return NULL;
  size_t n = strlen (real);
  char *rel = NULL;
  if (strncmp (cwd, real, n) == 0 && (cwd[n] == '\0' || cwd[n] == '/'))
    rel = xstrdup (cwd[n] ? cwd + n + 1 : "");
  free (cwd);
  return rel;
}

/* Give FD (a file, directory or, with NAME under DIRFD, a link) to U.  */
static int
give_to (int fd, int dirfd, char const *name, struct sw_user const *u,
         bool give)
{
  if (!give)
    return 0;
  if (name)
    return fchownat (dirfd, name, u->uid, u->gid, AT_SYMLINK_NOFOLLOW);
  return fchown (fd, u->uid, u->gid);
}

/* Make directory NAME in DIRFD (0700, owned by U) unless it is there,
   and open it without following a link.  Returns the descriptor, or -1.  */
static int
make_dir_at (int dirfd, char const *name, struct sw_user const *u, bool give)
{
  bool made = mkdirat (dirfd, name, S_IRWXU) == 0;
  if (!made && errno != EEXIST)
    return -1;
  int fd = openat (dirfd, name,
                   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return -1;
  if (made && (fchmod (fd, S_IRWXU) != 0 || give_to (fd, -1, NULL, u, give)))
    {
      int e = errno;
      close (fd);
      errno = e;
      return -1;
    }
  return fd;
}

/* Copy regular file NAME from SRC to DST.  */
static int
copy_file (int src, int dst, char const *name, struct stat const *st,
           struct sw_user const *u, bool give)
{
  /* O_NONBLOCK: a FIFO swapped in for the file must not hang us.  */
  int in = openat (src, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0)
    return -1;
  struct stat ist;
  if (fstat (in, &ist) != 0 || !S_ISREG (ist.st_mode))
    {
      close (in);
      errno = EINVAL;           /* it changed since it was listed */
      return -1;
    }
  int out = openat (dst, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW
                    | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (out < 0)
    {
      int e = errno;
      close (in);
      errno = e;
      return -1;
    }
  char buf[65536];
  ssize_t n;
  int r = 0;
  while ((n = read (in, buf, sizeof buf)) != 0)
    if ((n < 0 && errno != EINTR) || (n > 0 && !write_all (out, buf, n)))
      {
        r = -1;
        break;
      }
  if (r == 0 && (give_to (out, -1, NULL, u, give) != 0
                 || fchmod (out, st->st_mode & 0777) != 0))
    r = -1;
  int e = errno;
  close (in);
  if (close (out) != 0 && r == 0)
    {
      e = errno;
      r = -1;
    }
  errno = e;
  return r;
}

/* Copy the tree under directory SRC into directory DST: directories,
   regular files, symbolic links as links, permission bits (set-id bits
   dropped), owned by U; anything else is skipped.  No link is followed.
   *FAILED names the entry that failed.  */
static int
copy_tree (int src, int dst, struct sw_user const *u, bool give, int depth,
           char **failed)
{
  if (depth > 256)
    {
      errno = ELOOP;
      return -1;
    }
  int fd = dup (src);
  DIR *d = fd < 0 ? NULL : fdopendir (fd);
  if (!d)
    {
      if (fd >= 0)
        close (fd);
      return -1;
    }
  int r = 0;
  struct dirent *de;
  while (r == 0 && (errno = 0, de = readdir (d)) != NULL)
    {
      char const *name = de->d_name;
      if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
        continue;
      struct stat st;
      if (fstatat (src, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        r = -1;
      else if (S_ISDIR (st.st_mode))
        {
          int sub = openat (src, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                            | O_CLOEXEC);
          int dsub = sub < 0 ? -1 : make_dir_at (dst, name, u, give);
          if (dsub < 0 || copy_tree (sub, dsub, u, give, depth + 1, failed)
              || fchmod (dsub, st.st_mode & 01777) != 0)
            r = -1;
          int e = errno;
          if (sub >= 0)
            close (sub);
          if (dsub >= 0)
            close (dsub);
          errno = e;
          if (r != 0 && *failed)
            break;              /* the deeper call named the entry */
        }
      else if (S_ISREG (st.st_mode))
        r = copy_file (src, dst, name, &st, u, give);
      else if (S_ISLNK (st.st_mode))
        {
          char *target = xmalloc (st.st_size + 1);
          ssize_t n = readlinkat (src, name, target, st.st_size + 1);
          if (n < 0 || n > st.st_size)
            {
              if (n >= 0)
                errno = EAGAIN;   /* changed under us */
              r = -1;
            }
          else
            {
              target[n] = '\0';
              if (symlinkat (target, dst, name) != 0
                  || give_to (-1, dst, name, u, give) != 0)
                r = -1;
            }
          free (target);
        }
      if (r != 0 && !*failed)
        *failed = xstrdup (name);
    }
  if (r == 0 && errno != 0)
    r = -1;
  int e = errno;
  closedir (d);
  errno = e;
  return r;
}

/* Make NEWHOME/.run, PROGRAM's XDG_RUNTIME_DIR: a 0700 directory owned
   by U (an existing one, in a persistent home, must be a directory).  */
static int
make_runtime_dir (int home, struct sw_user const *u, bool give)
{
  int fd = make_dir_at (home, ".run", u, give);
  if (fd < 0)
    return -1;
  int r = fchmod (fd, S_IRWXU);
  int e = errno;
  close (fd);
  errno = e;
  return r;
}

static void
set_env (char const *name, char const *home, char const *suffix)
{
  char *v = xmalloc (strlen (home) + strlen (suffix) + 1);
  strcpy (stpcpy (v, home), suffix);
  if (setenv (name, v, 1) != 0)
    xalloc_die ();
  free (v);
}

#ifdef SW_LINUX

/* Carry the working directory, REL below the hidden home, over to the
   same place in the new home HOME (descriptor HOMEFD) and go there.  */
static int
carry_cwd (char const *home, int homefd, char const *rel,
           struct sw_user const *u, bool give, char const **what)
{
  struct stat before;
  if (stat (".", &before) != 0)
    {
      *what = "look at the working directory";
      return -1;
    }
  char *path = xmalloc (strlen (home) + 1 + strlen (rel) + 1);
  stpcpy (stpcpy (stpcpy (path, home), "/"), rel);
  if (*rel)
    {
      /* Make the mount point one component at a time, never through a
         link, and mount on the directory we opened.  */
      char *copy = xstrdup (rel);
      int dirfd = dup (homefd);
      char *save;
      for (char *c = strtok_r (copy, "/", &save); c && dirfd >= 0;
           c = strtok_r (NULL, "/", &save))
        {
          int next = make_dir_at (dirfd, c, u, give);
          int e = errno;
          close (dirfd);
          errno = e;
          dirfd = next;
        }
      free (copy);
      if (dirfd < 0)
        {
          *what = "make a mount point for the working directory";
          free (path);
          return -1;
        }
      char proc[64];
      snprintf (proc, sizeof proc, "/proc/self/fd/%d", dirfd);
      int r = mount (".", proc, NULL, MS_BIND | MS_REC, NULL);
      int e = errno;
      close (dirfd);
      errno = e;
      if (r != 0)
        {
          *what = "mount the working directory into the new home";
          free (path);
          return -1;
        }
    }
  struct stat after;
  if (chdir (path) != 0 || stat (".", &after) != 0)
    {
      *what = "change to the working directory in the new home";
      free (path);
      return -1;
    }
  free (path);
  if (*rel && (after.st_dev != before.st_dev
               || after.st_ino != before.st_ino))
    {
      *what = "carry the working directory over (it changed meanwhile)";
      errno = EAGAIN;
      return -1;
    }
  return 0;
}

static void
wait_gone (pid_t pid, int pidfd)
{
  if (pidfd >= 0)
    {
      struct pollfd p = { pidfd, POLLIN, 0 };
      while (poll (&p, 1, GUARDIAN_WAIT_MS) < 0 && errno == EINTR)
        continue;
      return;
    }
  for (int i = 0; pid > 0 && i < GUARDIAN_WAIT_MS / 10; i++)
    {
      if (kill (pid, 0) != 0 && errno == ESRCH)
        return;
      usleep (10000);
    }
}

#endif

/* The guardian: in its own session, so no signal meant for our process
   group reaches it.  It makes the home (so that there is no moment when
   the home exists and nobody is in charge of it), tells us its name on
   OUT, then waits on IN: for PROGRAM's pid, then for one byte saying we
   cleaned up.  End of file instead means we died (SIGKILL): it waits
   until PROGRAM, killed by PR_SET_PDEATHSIG, is gone too, and removes
   the home.  */
static _Noreturn void
guardian (char *tmpl, int in, int out)
{
  int null = open ("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0)
    {
      dup2 (null, STDIN_FILENO);
      dup2 (null, STDOUT_FILENO);
    }
  signal (SIGPIPE, SIG_IGN);
  if (chdir ("/") != 0)
    _exit (EXIT_FAILURE);

  int err = mkdtemp (tmpl) ? 0 : errno;
  if (!write_all (out, &err, sizeof err)
      || (err == 0 && !write_all (out, tmpl, strlen (tmpl))))
    err = EIO;
  close (out);
  if (err)
    {
      if (err == EIO)
        rmdir (tmpl);
      _exit (EXIT_FAILURE);
    }
  /* Hold nothing else of our parent's open.  */
  for (int fd = 3; fd < 1024; fd++)
    if (fd != in && fd != null)
      close (fd);

  pid_t pid = 0;
  int pidfd = -1;
  if (read_all (in, &pid, sizeof pid) == sizeof pid)
    {
#if defined SW_LINUX && defined SYS_pidfd_open
      pidfd = syscall (SYS_pidfd_open, pid, 0);
#endif
      char done;
      if (read_all (in, &done, 1) == 1)
        _exit (EXIT_SUCCESS);
    }
  else
    pid = 0;

#ifdef SW_LINUX
  wait_gone (pid, pidfd);
#endif
  remove_home (tmpl);
  _exit (EXIT_SUCCESS);
}

/* Start the guardian, which makes the home from TMPL (mkdtemp).  On
   success TMPL holds its name and cleanup.guardian the pipe to it.  */
static int
start_guardian (char *tmpl, char const **what)
{
  int up[2], down[2];
  *what = "start the clean-up guardian";
  if (pipe2 (up, O_CLOEXEC) != 0)
    return -1;
  if (pipe2 (down, O_CLOEXEC) != 0)
    {
      close (up[0]);
      close (up[1]);
      return -1;
    }
  fflush (stderr);
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (up[1]);
      close (down[0]);
      setsid ();
      pid_t p2 = fork ();
      if (p2 != 0)
        _exit (p2 < 0);
      guardian (tmpl, up[0], down[1]);
    }
  int e = errno;
  close (up[0]);
  close (down[1]);
  int status = 0;
  if (pid > 0)
    while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
      continue;
  int err = EIO, got;
  size_t len = strlen (tmpl);
  int r = -1;
  if (pid < 0)
    err = e;
  else if (read_all (down[0], &got, sizeof got) == sizeof got)
    {
      if (got != 0)
        {
          err = got;
          *what = "create the home directory";
        }
      else if (read_all (down[0], tmpl, len) == len)
        r = 0;
    }
  close (down[0]);
  if (r != 0)
    {
      close (up[1]);
      errno = err;
      return -1;
    }
  cleanup.guardian = up[1];
  return 0;
}

static void
forward (int sig, siginfo_t *info, void *ctx)
{
  (void) ctx;
  /* ^C and ^\ from the terminal reach PROGRAM's process group anyway.  */
  if ((sig == SIGINT || sig == SIGQUIT) && info && info->si_code == SI_KERNEL)
    return;
  if (child_pid > 0)
    kill (child_pid, sig);
}

/* Exit as PROGRAM did: its status, or its death signal re-raised.  */
static _Noreturn void
exit_like (int status)
{
  if (WIFEXITED (status))
    exit (WEXITSTATUS (status));
  int sig = WTERMSIG (status);
  struct rlimit none = { 0, 0 };
  setrlimit (RLIMIT_CORE, &none);       /* PROGRAM's core is PROGRAM's */
  signal (sig, SIG_DFL);
  sigset_t set;
  sigemptyset (&set);
  sigaddset (&set, sig);
  fflush (stderr);
  sigprocmask (SIG_UNBLOCK, &set, NULL);
  raise (sig);
  exit (128 + sig);
}

static int const forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* Run ARGV as our child, wait for it, clean up, exit like it.  */
static _Noreturn void
run_as_parent (char **argv)
{
  sigset_t set, old;
  sigemptyset (&set);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
    sigaddset (&set, forwarded[i]);
  sigprocmask (SIG_BLOCK, &set, &old);

  pid_t parent = getpid ();
  fflush (stderr);
  pid_t pid = fork ();
  if (pid < 0)
    error (SW_EXIT_CANCELED, errno, "cannot fork");
  if (pid == 0)
    {
      cleanup.armed = false;
#ifdef SW_LINUX
      /* If we die, PROGRAM dies: the home must not outlive its cleaner.  */
      if (prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
        error (SW_EXIT_CANCELED, errno,
               "cannot set the parent-death signal");
#endif
      if (getppid () != parent)
        raise (SIGKILL);
      sigprocmask (SIG_SETMASK, &old, NULL);
      sw_exec_next (argv, 0);
    }

  child_pid = pid;
  if (cleanup.guardian >= 0)
    write_all (cleanup.guardian, &pid, sizeof pid);
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_sigaction = forward;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset (&sa.sa_mask);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
    sigaction (forwarded[i], &sa, NULL);
  sigprocmask (SIG_SETMASK, &old, NULL);

  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      error (SW_EXIT_CANCELED, errno, "cannot wait for %s", quote (argv[0]));

  sa.sa_handler = SIG_IGN;      /* PROGRAM is gone; nothing to forward */
  sa.sa_flags = 0;
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
    sigaction (forwarded[i], &sa, NULL);
  finish ();
  exit_like (status);
}

int
main (int argc, char **argv)
{
  sw_init (argc, argv);

  enum method method = METHOD_AUTO;
  bool keep = false;
  char const *home_opt = NULL;
  char const *template = NULL;
  char const *size_arg = NULL;
  char const *user_spec = NULL;

  int c;
  while ((c = getopt_long (argc, argv, "+v", longopts, NULL)) != -1)
    switch (c)
      {
      case OPT_METHOD:
        method = sw_choice ("method", optarg, method_names);
        break;
      case OPT_KEEP:
        keep = true;
        break;
      case OPT_HOME:
        home_opt = optarg;
        break;
      case OPT_TEMPLATE:
        template = optarg;
        break;
      case OPT_SIZE:
        size_arg = optarg;
        break;
      case OPT_USER:
        user_spec = optarg;
        break;
      SW_COMMON_OPTION_CASES;
      }
  sw_require_program (argc, argv);

  /* Everything that can be checked without touching anything first.  */
  char size_opt[64];
  if (size_arg)
    {
      if (!parse_size (size_arg, size_opt, sizeof size_opt))
        {
          error (0, 0, "invalid size %s", quote (size_arg));
          sw_try_help (SW_EXIT_CANCELED);
        }
      if (keep || home_opt || method == METHOD_DIR)
        error (SW_EXIT_CANCELED, 0, "--size applies to the tmpfs method"
               " only, not to a home on disk (%s)",
               keep ? "--keep" : home_opt ? "--home" : "--method=dir");
    }
  else
    default_size (size_opt, sizeof size_opt);
  if (keep && home_opt)
    error (SW_EXIT_CANCELED, 0, "--keep and --home exclude each other"
           " (a --home is always kept)");

  struct sw_user u;
  if (user_spec)
    {
      if (sw_user_lookup (user_spec, &u) != 0)
        error (SW_EXIT_CANCELED, 0, "no such user: %s", quote (user_spec));
      if (u.uid != geteuid () && geteuid () != 0)
        error (SW_EXIT_CANCELED, 0, "cannot make a home for user %s:"
               " only root may name another user than itself",
               quote (user_spec));
    }
  else
    sw_user_from_uid (geteuid (), &u);
  if (geteuid () != 0)
    u.gid = getegid ();         /* the only group our user namespace maps */
  bool give = u.uid != geteuid () || u.gid != getegid ();

  int tmpl_fd = -1;
  if (template)
    {
      /* Opened now: it may lie in the home about to be hidden.  */
      tmpl_fd = open (template, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (tmpl_fd < 0)
        error (SW_EXIT_CANCELED, errno, "cannot open the template %s",
               quote (template));
    }

  char *persist = NULL;
  int persist_fd = -1;
  bool fresh = true;
  if (home_opt)
    {
      persist = persistent_home (home_opt, &u, give, &fresh, &persist_fd);
      if (!persist)
        error (SW_EXIT_CANCELED, errno, "cannot use %s as the home",
               quote (home_opt));
    }

  /* Hide the real home where a mount namespace can be had.  */
  char const *shown = NULL;
  char *real = NULL;
  bool hide = false;
  bool userns = false;
  char const *why_not = "--method=dir";
  if (method != METHOD_DIR)
    {
      char const *what;
      real = real_home (&u, &shown);
      if (!real)
        {
          if (method == METHOD_TMPFS)
            error (SW_EXIT_CANCELED, 0, "cannot use the tmpfs method:"
                   " neither user %s nor the caller has a home directory"
                   " to hide", quote (u.name));
          why_not = "no home directory to hide";
        }
      else if (sw_ns_enter (CLONE_NEWNS, &userns, &what) == 0)
        hide = true;
      else if (method == METHOD_TMPFS)
        error (SW_EXIT_CANCELED, errno, "cannot %s for a mount namespace%s",
               what, sw_ns_hint (errno));
      else
        why_not = "no mount namespace";
    }
  if (size_arg && !hide)
    error (SW_EXIT_CANCELED, 0, "cannot cap the home at %s: no mount"
           " namespace for a tmpfs (%s)", quote (size_arg), why_not);
#ifdef SW_LINUX
  /* Before any mount: nothing may propagate back to the host.  */
  if (hide && mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot make the mount tree private");
#endif
  /* The stages after this one may be installed in the home it hides.  */
  struct sw_stagedir stages = { -1, NULL };
  if (hide && sw_stagedir_save (&stages) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot open the stage directory");

  /* The home on disk, when it is not a tmpfs.  */
  char *dir = persist;
  if (!persist && (keep || !hide))
    {
      char const *tmpdir = getenv ("TMPDIR");
      if (!tmpdir || *tmpdir != '/')
        tmpdir = "/tmp";
      dir = xmalloc (strlen (tmpdir) + sizeof "/stowaway-home.XXXXXX");
      stpcpy (stpcpy (dir, tmpdir), "/stowaway-home.XXXXXX");
      char const *what = "create the home directory";
      if (keep ? !mkdtemp (dir) : start_guardian (dir, &what) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot %s in %s", what,
               quote (tmpdir));
      cleanup.dir = dir;
      cleanup.armed = true;
      cleanup.keep = keep;
      atexit (cleanup_at_exit);
      if (chmod (dir, S_IRWXU) != 0
          || (give && chown (dir, u.uid, u.gid) != 0))
        error (SW_EXIT_CANCELED, errno, "cannot give the home %s to %s",
               quote_n (0, dir), quote_n (1, u.name));
    }

  /* The real home's path, seen from the working directory, before it is
     covered.  */
  char const *newhome = dir;
  char *rel = hide ? cwd_inside (real) : NULL;
#ifdef SW_LINUX
  if (hide)
    {
      newhome = shown;
      char opts[128];
      snprintf (opts, sizeof opts, "mode=0700,uid=%lu,gid=%lu,%s",
                (unsigned long) u.uid, (unsigned long) u.gid, size_opt);
      /* A descriptor opened before the new mount namespace cannot be the
         source of a bind in it: open the name again, as its owner, and
         make sure it is still the directory checked.  */
      char fdpath[64];
      if (persist_fd >= 0)
        {
          if (give)
            {
              setfsgid (u.gid);
              setfsuid (u.uid);
            }
          int nfd = open (persist, O_RDONLY | O_DIRECTORY | O_NOFOLLOW
                          | O_CLOEXEC);
          int e = errno;
          if (give)
            {
              setfsuid (geteuid ());
              setfsgid (getegid ());
            }
          struct stat a, b;
          if (nfd < 0 || fstat (nfd, &a) != 0 || fstat (persist_fd, &b) != 0
              || a.st_dev != b.st_dev || a.st_ino != b.st_ino)
            error (SW_EXIT_CANCELED, nfd < 0 ? e : 0, "cannot use %s as the"
                   " home: it changed while being set up", quote (persist));
          close (persist_fd);
          persist_fd = nfd;
        }
      snprintf (fdpath, sizeof fdpath, "/proc/self/fd/%d", persist_fd);
      if (dir ? mount (persist_fd >= 0 ? fdpath : dir, real, NULL,
                       MS_BIND | MS_REC, NULL) != 0
          : mount ("stowaway-home", real, "tmpfs", MS_NOSUID | MS_NODEV,
                   opts) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot mount %s over the home %s",
               dir ? quote_n (0, dir) : "a tmpfs", quote_n (1, real));
    }
#endif

  int homefd = open (newhome, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (homefd < 0)
    error (SW_EXIT_CANCELED, errno, "cannot open the new home %s",
           quote (newhome));
  if (tmpl_fd >= 0 && fresh)
    {
      char *failed = NULL;
      /* As root for another user, copy with that user's rights only: a
         template it can change must not make root read what the user
         could not.  */
#ifdef SW_LINUX
      if (give)
        {
          setfsgid (u.gid);
          setfsuid (u.uid);
        }
#endif
      int r = copy_tree (tmpl_fd, homefd, &u, give, 0, &failed);
      int e = errno;
#ifdef SW_LINUX
      if (give)
        {
          setfsuid (geteuid ());
          setfsgid (getegid ());
        }
#endif
      errno = e;
      if (r != 0)
        error (SW_EXIT_CANCELED, errno, "cannot copy the template %s"
               " into the home (at %s)", quote_n (0, template),
               quote_n (1, failed ? failed : "."));
      close (tmpl_fd);
    }
  if (make_runtime_dir (homefd, &u, give) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot make %s/.run", newhome);
#ifdef SW_LINUX
  if (rel)
    {
      char const *what;
      if (carry_cwd (newhome, homefd, rel, &u, give, &what) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot %s", what);
    }
#endif
  {
    char const *what;
    if (sw_stagedir_restore (&stages, &what) != 0)
      error (SW_EXIT_CANCELED, errno, "cannot %s %s", what,
             quote (stages.path));
  }
  close (homefd);

  set_env ("HOME", newhome, "");
  set_env ("XDG_CONFIG_HOME", newhome, "/.config");
  set_env ("XDG_CACHE_HOME", newhome, "/.cache");
  set_env ("XDG_DATA_HOME", newhome, "/.local/share");
  set_env ("XDG_STATE_HOME", newhome, "/.local/state");
  set_env ("XDG_RUNTIME_DIR", newhome, "/.run");

  if (hide)
    sw_verbose ("home %s: %s%s, mounted over the real home in a private"
                " mount namespace%s%s", newhome,
                persist ? "persistent directory " : dir ? "kept directory "
                : "tmpfs ", dir ? dir : size_opt,
                userns ? " (in a new user namespace)" : "",
                rel ? "; working directory carried over" : "");
  else
    sw_verbose ("home %s: %s directory; the real home stays visible (%s)",
                newhome, persist ? "persistent" : keep ? "kept"
                : "disposable (removed at exit)", why_not);

  if (cleanup.armed)
    run_as_parent (argv + optind);
  sw_exec_next (argv + optind, 0);
}
