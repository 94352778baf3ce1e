/* sw-fsview -- give PROGRAM a private view of the filesystem.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Two methods (doc/design.md, "sw-fsview"):

   mount     a new mount namespace, private from the host, where the
             view is built in place: tmpfs over /tmp, /var/tmp, /run,
             /var/run; a tmpfs /dev with the host's harmless device nodes
             bound in and a new devpts; mount_setattr(2) for --ro; the
             host paths the options name are copied with open_tree(2)
             before anything is covered, and attached afterwards.
   landlock  where no mount namespace can be had: the same policy as
             Landlock rules, as far as Landlock can express it.

   Nothing stays behind as a parent: the view lives as long as the mount
   namespace, that is as long as PROGRAM and its descendants.  */

#include "system.h"

#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#ifdef SW_LINUX
# include <sched.h>
# include <sys/mount.h>
# include <sys/prctl.h>
#endif

#include "sw-execnext.h"
#include "sw-landlock.h"
#include "sw-mount.h"
#include "sw-ns.h"
#include "sw-proc.h"
#include "sw-stagedir.h"
#include "xalloc.h"

#define PROGRAM_NAME "sw-fsview"

#ifndef AT_RECURSIVE
# define AT_RECURSIVE 0x8000
#endif

enum
{
  OPT_METHOD = SW_OPT_FIRST_PRIVATE,
  OPT_RO,
  OPT_RW,
  OPT_HIDE,
  OPT_BIND,
  OPT_RO_BIND,
  OPT_BIND_TRY,
  OPT_RO_BIND_TRY,
  OPT_KEEP_HOME
};

static struct option const longopts[] =
{
  { "method", required_argument, NULL, OPT_METHOD },
  { "ro", no_argument, NULL, OPT_RO },
  { "rw", required_argument, NULL, OPT_RW },
  { "hide", required_argument, NULL, OPT_HIDE },
  { "bind", required_argument, NULL, OPT_BIND },
  { "ro-bind", required_argument, NULL, OPT_RO_BIND },
  { "bind-try", required_argument, NULL, OPT_BIND_TRY },
  { "ro-bind-try", required_argument, NULL, OPT_RO_BIND_TRY },
  { "keep-home", no_argument, NULL, OPT_KEEP_HOME },
  { "verbose", no_argument, NULL, 'v' },
  SW_HELP_OPTION_DECL,
  SW_VERSION_OPTION_DECL,
  { NULL, 0, NULL, 0 }
};

static _Noreturn void
usage (void)
{
  printf ("Usage: %s [OPTION]... [--] PROGRAM [ARG]...\n", program_name);
  fputs ("\
Give PROGRAM a private view of the filesystem, then run it.\n\
\n\
By default PROGRAM sees the host's files as the user sees them, except:\n\
empty private /tmp, /var/tmp and /dev/shm; a minimal /dev (null, zero,\n\
full, random, urandom, tty, and a private devpts with ptmx: no disks);\n\
/run and /var/run hidden, all but the file /etc/resolv.conf leads to\n\
there, so that names still resolve.  /proc is left as it is (sw-pidns,\n\
earlier in the chain, mounts the sandbox's own).\n\
\n\
Options:\n\
      --method=METHOD      mount: build the view in a mount namespace;\n\
                           landlock: the same policy as Landlock rules,\n\
                           as far as they can express it (see the manual);\n\
                           auto (the default): mount, else landlock\n\
      --ro                 make everything read-only but /tmp, /var/tmp,\n\
                           /dev, /proc, the home with --keep-home and the\n\
                           paths --rw and --bind name\n\
      --rw=PATH            keep PATH writable, and show the host's PATH\n\
                           also where it lies in a hidden directory\n\
      --hide=PATH          show an empty read-only directory (or file) in\n\
                           place of PATH\n\
      --bind=SRC[:DST]     show the host's SRC at DST (by default the same\n\
                           path), writable as far as it is on the host\n\
      --ro-bind=SRC[:DST]  show the host's SRC at DST, read-only\n\
      --bind-try=SRC[:DST]  like --bind, but nothing when SRC is missing\n\
      --ro-bind-try=SRC[:DST]  like --ro-bind, but nothing when SRC is\n\
                           missing\n\
      --keep-home          keep $HOME visible and writable, whatever is\n\
                           hidden or read-only around it\n\
\n\
Every option but --method and --ro may be repeated.  PATH and SRC are\n\
host paths, relative to the working directory or absolute; they must\n\
exist (but for the -try forms) and may not pass through a symbolic link:\n\
name the path it points to.  DST is absolute; it must exist in the view\n\
or lie in a directory this program made (/tmp, /run, a --hide, ...),\n\
where it is made.  The binds apply in the order given, then --hide,\n\
which wins over them; the home of --keep-home wins over --hide.\n\
\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

enum method { METHOD_AUTO, METHOD_MOUNT, METHOD_LANDLOCK };
static char const *const method_names[] = { "auto", "mount", "landlock", NULL };

enum kind { KIND_BIND, KIND_RO_BIND, KIND_HIDE };

/* One --rw, --bind, --ro-bind or --hide (and the home).  */
struct op
{
  enum kind kind;
  bool optional;                /* a -try form */
  char const *opt;              /* the option, for messages */
  char const *arg;              /* as given */
  char *src;                    /* canonical host path */
  char *dst;                    /* canonical path in the view */
  int tree;                     /* detached copy of SRC, or -1 */
  bool missing;                 /* optional, and SRC does not exist */
  bool is_dir;
};

struct view
{
  bool ro;
  struct op *ops;
  size_t n_ops;
  struct op home;               /* home.src is NULL without --keep-home */
  int home_tree2;               /* a second copy, for a --hide above it */
};

/* Room for the message naming a failed step.  */
static char what_buf[2 * PATH_MAX + 128];

static int fail (char const **what, char const *format, ...)
  _GL_ATTRIBUTE_FORMAT_PRINTF_STANDARD (2, 3);

/* Set *WHAT from FORMAT and return -1, errno unchanged.  */
static int
fail (char const **what, char const *format, ...)
{
  int e = errno;
  va_list ap;
  va_start (ap, format);
  vsnprintf (what_buf, sizeof what_buf, format, ap);
  va_end (ap);
  *what = what_buf;
  errno = e;
  return -1;
}

/* A copy of the N bytes at S, NUL-terminated.  */
static char *
dup_n (char const *s, size_t n)
{
  char *d = xmalloc (n + 1);
  memcpy (d, s, n);
  d[n] = '\0';
  return d;
}

/* Parse SRC[:DST] into OP.  DST is what follows the last ":/".  */
static void
parse_bind (struct op *op, char const *arg)
{
  char const *colon = NULL;
  for (char const *p = arg; (p = strstr (p, ":/")); p++)
    colon = p;
  if (colon && colon > arg)
    {
      char *src = dup_n (arg, colon - arg);
      op->src = sw_path_canon (src);
      op->dst = sw_path_canon (colon + 1);
      free (src);
    }
  else
    {
      if (!*arg)
        {
          error (0, 0, "empty path in --%s", op->opt);
          sw_try_help (SW_EXIT_CANCELED);
        }
      op->src = sw_path_canon (arg);
      op->dst = xstrdup (op->src);
    }
}

#ifdef SW_LINUX

/* ---- the mount method ---- */

/* The devices of the tmpfs mounts this program made, where a missing
   DST may be created.  */
static dev_t our_devs[64];
static size_t n_our_devs;

static bool
ours (dev_t dev)
{
  for (size_t i = 0; i < n_our_devs; i++)
    if (our_devs[i] == dev)
      return true;
  return false;
}

static int
mount_tmpfs (char const *path, char const *options, unsigned long flags,
             char const **what)
{
  if (mount ("tmpfs", path, "tmpfs", flags, options) != 0)
    return fail (what, "mount a tmpfs on %s", path);
  struct stat st;
  if (stat (path, &st) == 0 && n_our_devs < sizeof our_devs / sizeof *our_devs)
    our_devs[n_our_devs++] = st.st_dev;
  return 0;
}

/* Open DST in the view, with O_PATH and no symbolic link on the way.
   When it is missing but the deepest directory that exists is on a
   tmpfs of ours, make it there: a directory when DIR, else an empty
   file.  Returns a descriptor or -1/errno.  */
static int
open_target (char const *dst, bool dir, char const **what)
{
  int parent;
  size_t rest;
  int fd = sw_path_open (dst, &parent, &rest);
  if (fd >= 0)
    return fd;
  if (errno == ELOOP)
    {
      close (parent);
      return fail (what, "use %s in the view: a symbolic link on the way",
                   quote (dst));
    }
  struct stat st;
  if (errno != ENOENT || fstat (parent, &st) != 0 || !ours (st.st_dev))
    {
      int e = errno;
      close (parent);
      errno = e;
      return fail (what, "find %s in the view (only inside a directory "
                   "this program made can it be created)", quote (dst));
    }
  char const *p = dst + rest;
  while (*p)
    {
      char const *end = strchrnul (p, '/');
      char *name = dup_n (p, end - p);
      bool last = !*end;
      int r;
      if (!last || dir)
        r = mkdirat (parent, name, 0755) == 0 || errno == EEXIST ? 0 : -1;
      else
        {
          int f = openat (parent, name,
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                          0644);
          r = f < 0 ? -1 : close (f);
        }
      int next = r < 0 ? -1 : openat (parent, name,
                                      O_PATH | O_NOFOLLOW | O_CLOEXEC);
      int e = errno;
      free (name);
      close (parent);
      if (next < 0)
        {
          errno = e;
          return fail (what, "make %s in the view", quote (dst));
        }
      parent = next;
      p = *end ? end + 1 : end;
    }
  return parent;
}

/* Attach the detached tree TREE at DST in the view.  */
static int
attach_at (int tree, char const *dst, bool dir, char const **what)
{
  int fd = open_target (dst, dir, what);
  if (fd < 0)
    return -1;
  int r = sw_attach_tree (tree, fd);
  int e = errno;
  close (fd);
  errno = e;
  if (r != 0)
    return fail (what, "attach a copy of the host's tree at %s", quote (dst));
  return 0;
}

/* Open OP's source and copy its mount tree (read-only for --ro-bind)
   before anything is covered.  */
static int
copy_source (struct op *op, char const **what)
{
  int fd = sw_path_open (op->src, NULL, NULL);
  if (fd < 0)
    {
      if (errno == ENOENT && op->optional)
        {
          op->missing = true;
          return 0;
        }
      if (errno == ELOOP)
        return fail (what, "use --%s %s: %s passes through a symbolic link"
                     " (name the path it points to)", op->opt,
                     quote_n (0, op->arg), quote_n (1, op->src));
      return fail (what, "find --%s %s", op->opt, quote (op->arg));
    }
  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      close (fd);
      return fail (what, "stat --%s %s", op->opt, quote (op->arg));
    }
  op->is_dir = S_ISDIR (st.st_mode);
  if (op->kind != KIND_HIDE)
    {
      op->tree = sw_clone_tree (fd, "", AT_EMPTY_PATH, true);
      if (op->tree < 0)
        {
          close (fd);
          return fail (what, "copy the mount tree of --%s %s (open_tree)",
                       op->opt, quote (op->arg));
        }
      if (op->kind == KIND_RO_BIND
          && sw_mount_setattr (op->tree, "", AT_EMPTY_PATH | AT_RECURSIVE,
                               SW_MOUNT_ATTR_RDONLY, 0) != 0)
        {
          close (fd);
          return fail (what, "make --%s %s read-only (mount_setattr needs "
                       "Linux 5.12)", op->opt, quote (op->arg));
        }
    }
  close (fd);
  return 0;
}

/* Where /etc/resolv.conf leads into RUN through symbolic links: *AT
   becomes the first path of the chain beneath RUN, and the result a
   detached copy of the file at the end of the chain.  -1 with *AT NULL
   when there is nothing to keep.  */
static int
copy_resolver (char const *run, char **at)
{
  *at = NULL;
  char *p = xstrdup ("/etc/resolv.conf");
  for (int hops = 0; hops < 40; hops++)
    {
      struct stat st;
      if (lstat (p, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      char target[PATH_MAX];
      ssize_t n = readlink (p, target, sizeof target - 1);
      if (n <= 0)
        break;
      target[n] = '\0';
      char *next;
      if (target[0] == '/')
        next = sw_path_canon (target);
      else
        {
          char *slash = strrchr (p, '/');
          *slash = '\0';
          char *dir = realpath (*p ? p : "/", NULL);
          if (!dir)
            break;
          char *joined = xmalloc (strlen (dir) + 1 + n + 1);
          sprintf (joined, "%s/%s", dir, target);
          next = sw_path_canon (joined);
          free (joined);
          free (dir);
        }
      /* The directories on the way may hold links too (/var/run).  */
      char *slash = strrchr (next, '/');
      *slash = '\0';
      char *dir = realpath (*next ? next : "/", NULL);
      *slash = '/';
      if (dir)
        {
          char *real = xmalloc (strlen (dir) + strlen (slash) + 1);
          sprintf (real, "%s%s", strcmp (dir, "/") == 0 ? "" : dir, slash);
          free (next);
          free (dir);
          next = real;
        }
      free (p);
      p = next;
      if (!*at && sw_path_within (p, run))
        *at = xstrdup (p);
    }
  int tree = -1;
  if (*at)
    {
      tree = sw_clone_tree (AT_FDCWD, p, 0, false);
      if (tree < 0)
        {
          free (*at);
          *at = NULL;
        }
    }
  free (p);
  return tree;
}

/* True if PATH names a directory (following links).  */
static bool
is_dir (char const *path)
{
  struct stat st;
  return stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static char const *const dev_nodes[] =
  { "null", "zero", "full", "random", "urandom", "tty" };
enum { N_DEV_NODES = sizeof dev_nodes / sizeof *dev_nodes };

/* The minimal /dev, given copies of the host's device nodes.  */
static int
build_dev (int const *node_tree, char const **what)
{
  if (mount_tmpfs ("/dev", "mode=0755", MS_NOSUID | MS_NOEXEC, what) != 0)
    return -1;
  int dev = open ("/dev", O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dev < 0)
    return fail (what, "open the new /dev");
  for (size_t i = 0; i < N_DEV_NODES; i++)
    {
      if (node_tree[i] < 0)
        continue;
      int f = openat (dev, dev_nodes[i], O_WRONLY | O_CREAT | O_EXCL
                      | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (f >= 0)
        close (f);
      int target = openat (dev, dev_nodes[i], O_PATH | O_NOFOLLOW | O_CLOEXEC);
      if (target < 0 || sw_attach_tree (node_tree[i], target) != 0)
        return fail (what, "bind the host's /dev/%s into the new /dev",
                     dev_nodes[i]);
      close (target);
    }
  static char const *const links[][2] =
    {
      { "ptmx", "pts/ptmx" }, { "fd", "/proc/self/fd" },
      { "stdin", "/proc/self/fd/0" }, { "stdout", "/proc/self/fd/1" },
      { "stderr", "/proc/self/fd/2" }
    };
  for (size_t i = 0; i < sizeof links / sizeof *links; i++)
    if (symlinkat (links[i][1], dev, links[i][0]) != 0)
      return fail (what, "make the link /dev/%s", links[i][0]);
  if (mkdirat (dev, "pts", 0755) != 0 || mkdirat (dev, "shm", 01777) != 0)
    return fail (what, "make directories in the new /dev");
  close (dev);
  if (mount ("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
             "newinstance,ptmxmode=0666,mode=620") != 0)
    return fail (what, "mount a new devpts instance on /dev/pts");
  return mount_tmpfs ("/dev/shm", "mode=1777", MS_NOSUID | MS_NODEV, what);
}

/* Everything of the default view that does not depend on the options.
   Copies of what stays visible are taken before anything is covered.  */
static int
build_default (char const **what)
{
  int node_tree[N_DEV_NODES];
  for (size_t i = 0; i < N_DEV_NODES; i++)
    {
      char path[32];
      snprintf (path, sizeof path, "/dev/%s", dev_nodes[i]);
      node_tree[i] = sw_clone_tree (AT_FDCWD, path, 0, false);
      if (node_tree[i] < 0 && errno != ENOENT)
        return fail (what, "copy the host's device node %s (open_tree)",
                     path);
    }

  char *run = realpath ("/run", NULL);
  char *var_run = realpath ("/var/run", NULL);
  bool hide_var_run = var_run && is_dir (var_run)
                      && !(run && sw_path_within (var_run, run));
  char *resolv_at = NULL;
  int resolv_tree = run ? copy_resolver (run, &resolv_at) : -1;

  unsigned long tmpflags = MS_NOSUID | MS_NODEV;
  if ((is_dir ("/tmp") && mount_tmpfs ("/tmp", "mode=1777", tmpflags, what))
      || (is_dir ("/var/tmp")
          && mount_tmpfs ("/var/tmp", "mode=1777", tmpflags, what))
      || build_dev (node_tree, what) != 0
      || (run && is_dir (run)
          && mount_tmpfs (run, "mode=0755", tmpflags, what) != 0)
      || (hide_var_run
          && mount_tmpfs (var_run, "mode=0755", tmpflags, what) != 0))
    return -1;
  for (size_t i = 0; i < N_DEV_NODES; i++)
    if (node_tree[i] >= 0)
      close (node_tree[i]);
  if (resolv_tree >= 0)
    {
      if (attach_at (resolv_tree, resolv_at, false, what) != 0)
        return -1;
      close (resolv_tree);
    }
  free (resolv_at);
  free (run);
  free (var_run);
  return 0;
}

/* Hide OP's path: an empty read-only tmpfs for a directory, a read-only
   bind of the empty file EMPTY otherwise; then put the home back if it
   was beneath.  */
static int
hide (struct view *v, struct op const *op, char const *empty,
      char const **what)
{
  int fd = sw_path_open (op->dst, NULL, NULL);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return 0;               /* not in the view anyway */
      return fail (what, "find --hide %s in the view", quote (op->arg));
    }
  close (fd);
  unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
  if (op->is_dir)
    {
      if (mount_tmpfs (op->dst, "mode=0755", flags, what) != 0)
        return -1;
    }
  else if (mount (empty, op->dst, NULL, MS_BIND, NULL) != 0)
    return fail (what, "bind an empty file on %s", quote (op->dst));

  if (v->home_tree2 >= 0 && sw_path_within (v->home.dst, op->dst))
    {
      if (attach_at (v->home_tree2, v->home.dst, true, what) != 0)
        return -1;
      close (v->home_tree2);
      v->home_tree2 = -1;
    }
  if (mount (NULL, op->dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | flags,
             NULL) != 0)
    return fail (what, "make --hide %s read-only", quote (op->arg));
  return 0;
}

/* True if the file DST in the view is the root of the tree TREE.  */
static bool
same_file (char const *dst, int tree)
{
  struct stat a, b;
  int fd = sw_path_open (dst, NULL, NULL);
  if (fd < 0)
    return false;
  bool same = (fstat (fd, &a) == 0 && fstat (tree, &b) == 0
               && a.st_dev == b.st_dev && a.st_ino == b.st_ino);
  close (fd);
  return same;
}

static int
mount_view (struct view *v, char const **what)
{
  /* As root there is no new user namespace: without this, every mount
     below would propagate to the host.  */
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    return fail (what, "make the mount tree private");

  char *cwd = getcwd (NULL, 0);

  /* The stages after this one may be installed where the view hides.  */
  struct sw_stagedir stages;
  if (sw_stagedir_save (&stages) != 0)
    return fail (what, "open the stage directory");

  /* 1. Copies of every host path that is to show, before anything is
     covered or made read-only.  */
  if (v->home.src)
    {
      if (copy_source (&v->home, what) != 0)
        return -1;
      for (size_t i = 0; i < v->n_ops; i++)
        if (v->ops[i].kind == KIND_HIDE
            && sw_path_within (v->home.dst, v->ops[i].dst))
          {
            v->home_tree2 = sw_clone_tree (v->home.tree, "", AT_EMPTY_PATH,
                                           true);
            if (v->home_tree2 < 0)
              return fail (what, "copy the home's mount tree");
            break;
          }
    }
  for (size_t i = 0; i < v->n_ops; i++)
    if (copy_source (&v->ops[i], what) != 0)
      return -1;

  /* 2. Read-only, all but /proc (a later stage may write its uid_map).  */
  if (v->ro)
    {
      struct statvfs sv;
      bool proc_rw = statvfs ("/proc", &sv) == 0 && !(sv.f_flag & ST_RDONLY);
      if (sw_mount_setattr (AT_FDCWD, "/", AT_RECURSIVE,
                            SW_MOUNT_ATTR_RDONLY, 0) != 0)
        return fail (what, "make the view read-only (mount_setattr needs"
                     " Linux 5.12)");
      if (proc_rw && sw_mount_setattr (AT_FDCWD, "/proc", 0, 0,
                                       SW_MOUNT_ATTR_RDONLY) != 0)
        return fail (what, "keep /proc writable");
    }

  /* 3. The default view.  */
  if (build_default (what) != 0)
    return -1;

  /* 4. The home, where it is covered or read-only now.  */
  if (v->home.src && (v->ro || !same_file (v->home.dst, v->home.tree))
      && attach_at (v->home.tree, v->home.dst, true, what) != 0)
    return -1;

  /* 5. The binds, in order.  */
  for (size_t i = 0; i < v->n_ops; i++)
    {
      struct op *op = &v->ops[i];
      if (op->kind == KIND_HIDE || op->missing)
        continue;
      if (attach_at (op->tree, op->dst, op->is_dir, what) != 0)
        return -1;
      close (op->tree);
    }

  /* 6. The hides: those above the home first, so that the home put back
     in them is hidden in turn where a --hide says so.  */
  char const *empty = "/dev/.sw-fsview-empty";
  int f = open (empty, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                0444);
  if (f < 0)
    return fail (what, "make an empty file to hide files with");
  close (f);
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < v->n_ops; i++)
      {
        struct op const *op = &v->ops[i];
        bool above_home = v->home.src && sw_path_within (v->home.dst, op->dst);
        if (op->kind == KIND_HIDE && above_home == (pass == 0)
            && hide (v, op, empty, what) != 0)
          return -1;
      }
  unlink (empty);

  /* 7. The directory of the stages, if the view covered it.  */
  if (sw_stagedir_restore (&stages, what) != 0)
    return -1;

  /* 8. Under --ro the empty /run is read-only too.  */
  if (v->ro)
    {
      char *run = realpath ("/run", NULL);
      if (run)
        {
          struct stat st;
          if (stat (run, &st) == 0 && ours (st.st_dev)
              && mount (NULL, run, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY
                        | MS_NOSUID | MS_NODEV, NULL) != 0)
            return fail (what, "make /run read-only");
        }
      free (run);
    }

  /* 9. The working directory as the view shows it: the old one may be
     covered now (a directory in the host's /tmp).  */
  if (!cwd || chdir (cwd) != 0)
    if (!v->home.src || chdir (v->home.dst) != 0)
      if (chdir ("/") != 0)
        return fail (what, "change to the root directory");
  free (cwd);
  return 0;
}

/* ---- the Landlock method ---- */

enum rule_kind { RULE_DEFAULT, RULE_USER, RULE_USER_HIDE, RULE_HOME };

struct rule
{
  char *path;
  uint64_t access;
  enum rule_kind kind;
};

struct rules
{
  struct rule *r;
  size_t n, alloc;
};

/* Add (or, for the same path, replace) a rule.  */
static void
add_rule (struct rules *rs, char *path, uint64_t access, enum rule_kind kind)
{
  for (size_t i = 0; i < rs->n; i++)
    if (strcmp (rs->r[i].path, path) == 0)
      {
        free (rs->r[i].path);
        rs->r[i] = (struct rule) { path, access, kind };
        return;
      }
  if (rs->n == rs->alloc)
    rs->r = x2nrealloc (rs->r, &rs->alloc, sizeof *rs->r);
  rs->r[rs->n++] = (struct rule) { path, access, kind };
}

/* Add a rule for the host path PATH, following links (the system's own
   paths, such as /tmp and /var/run), if it exists.  */
static void
add_system_rule (struct rules *rs, char const *path, uint64_t access)
{
  char *real = realpath (path, NULL);
  if (real)
    add_rule (rs, real, access, RULE_DEFAULT);
}

/* WHY, if not NULL, says why the mount method could not be had.  */
static int
landlock_view (struct view *v, char const *why, char const **what)
{
  int abi = sw_landlock_abi ();
  if (abi < 1)
    {
      errno = EOPNOTSUPP;
      return fail (what, "use Landlock (kernel without it, or not enabled"
                   " at boot: see 'stowaway check')");
    }
  for (size_t i = 0; i < v->n_ops; i++)
    {
      struct op *op = &v->ops[i];
      if (op->kind != KIND_HIDE && strcmp (op->src, op->dst) != 0)
        {
          errno = EOPNOTSUPP;
          return fail (what, "show --%s %s at another path: Landlock can"
                       " only restrict access, not move paths", op->opt,
                       quote (op->arg));
        }
    }

  uint64_t all = sw_landlock_fs_all (abi);
  uint64_t rd = (SW_LL_FS_EXECUTE | SW_LL_FS_READ_FILE | SW_LL_FS_READ_DIR
                 | (abi >= 5 ? SW_LL_FS_IOCTL_DEV : 0));
  uint64_t rw = all;
  struct rules rs = { NULL, 0, 0 };

  /* The default view, in rules; later rules for the same path win.  */
  add_rule (&rs, xstrdup ("/"), v->ro ? rd : rw, RULE_DEFAULT);
  if (v->ro)
    {
      add_system_rule (&rs, "/tmp", rw);
      add_system_rule (&rs, "/var/tmp", rw);
      add_system_rule (&rs, "/proc", rw);
    }
  add_system_rule (&rs, "/dev", 0);
  static char const *const dev_ok[] =
    { "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom",
      "/dev/tty", "/dev/ptmx", "/dev/pts", "/dev/shm" };
  for (size_t i = 0; i < sizeof dev_ok / sizeof *dev_ok; i++)
    add_system_rule (&rs, dev_ok[i], rw);
  add_system_rule (&rs, "/run", 0);
  add_system_rule (&rs, "/var/run", 0);
  /* uid 0 may write sysctls by file mode alone, capabilities or not.  */
  if (geteuid () == 0)
    {
      static char const *const proc_ro[] =
        { "/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus",
          "/proc/fs" };
      for (size_t i = 0; i < sizeof proc_ro / sizeof *proc_ro; i++)
        add_system_rule (&rs, proc_ro[i], rd);
    }
  /* The resolver's file, where it lies in a hidden directory.  */
  char *resolv = realpath ("/etc/resolv.conf", NULL);
  bool resolv_kept = false;
  if (resolv)
    for (size_t i = 0; i < rs.n && !resolv_kept; i++)
      if (rs.r[i].access == 0 && sw_path_within (resolv, rs.r[i].path))
        resolv_kept = true;
  if (resolv_kept)
    add_rule (&rs, resolv, rd, RULE_DEFAULT);

  for (size_t i = 0; i < v->n_ops; i++)
    {
      struct op *op = &v->ops[i];
      int fd = sw_path_open (op->src, NULL, NULL);
      if (fd < 0)
        {
          if (errno == ENOENT && op->optional)
            continue;
          if (errno == ELOOP)
            return fail (what, "use --%s %s: %s passes through a symbolic"
                         " link (name the path it points to)", op->opt,
                         quote_n (0, op->arg), quote_n (1, op->src));
          return fail (what, "find --%s %s", op->opt, quote (op->arg));
        }
      close (fd);
      add_rule (&rs, xstrdup (op->src),
                op->kind == KIND_HIDE ? 0 : op->kind == KIND_RO_BIND ? rd : rw,
                op->kind == KIND_HIDE ? RULE_USER_HIDE : RULE_USER);
    }
  if (v->home.src)
    add_rule (&rs, xstrdup (v->home.src), rw, RULE_HOME);

  /* A --hide wins over the user's grants beneath it (as in the mount
     method, where it is mounted last); the home wins over --hide.  */
  for (size_t i = 0; i < rs.n; i++)
    if (rs.r[i].kind == RULE_USER)
      for (size_t j = 0; j < rs.n; j++)
        if (rs.r[j].kind == RULE_USER_HIDE
            && sw_path_within (rs.r[i].path, rs.r[j].path))
          rs.r[i].access = 0;

  int ruleset = sw_landlock_create (all, 0, 0);
  if (ruleset < 0)
    return fail (what, "create a Landlock ruleset");
  char const **cuts = xnmalloc (rs.n, sizeof *cuts);
  for (size_t i = 0; i < rs.n; i++)
    {
      struct rule const *r = &rs.r[i];
      if (!r->access)
        continue;
      /* Every path beneath with fewer rights must be cut out of this
         rule's reach: Landlock rights only add up.  */
      size_t n = 0;
      for (size_t j = 0; j < rs.n; j++)
        if (j != i && sw_path_within (rs.r[j].path, r->path)
            && (rs.r[j].access & r->access) != r->access)
          cuts[n++] = rs.r[j].path;
      if (sw_landlock_allow_except (ruleset, r->path, r->access, cuts, n)
          != 0)
        return fail (what, "add a Landlock rule beneath %s", quote (r->path));
    }
  free (cuts);

  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return fail (what, "set no_new_privs");
  if (sw_landlock_restrict (ruleset) != 0)
    return fail (what, "enforce the Landlock ruleset");

  size_t n_hidden = 0;
  for (size_t i = 0; i < rs.n; i++)
    n_hidden += rs.r[i].access == 0;
  sw_verbose ("%s%sLandlock ABI %d: %s; /run, /var/run and /dev but its"
              " harmless nodes hidden (%zu hidden paths in all)%s; NOT"
              " enforced by this method: a private /tmp, /var/tmp and"
              " /dev/shm (the host's are shared, writable), connect() to"
              " unix sockets under hidden paths, listing or making entries"
              " in directories on the way to a hidden path",
              why ? why : "", why ? ": " : "",
              abi, v->ro ? "read-only but /tmp, /var/tmp, /dev, /proc, the"
              " home and --rw paths" : "writable as the user may",
              n_hidden, resolv_kept ? "; resolv.conf readable" : "");
  return 0;
}

#endif /* SW_LINUX */

int
main (int argc, char **argv)
{
  sw_init (argc, argv);

  struct view v = { false, NULL, 0, { 0 }, -1 };
  v.ops = xnmalloc (argc, sizeof *v.ops);
  v.home.tree = -1;
  bool keep_home = false;
  enum method method = METHOD_AUTO;

  int c;
  while ((c = getopt_long (argc, argv, "+v", longopts, NULL)) != -1)
    switch (c)
      {
      case OPT_METHOD:
        method = sw_choice ("method", optarg, method_names);
        break;
      case OPT_RO:
        v.ro = true;
        break;
      case OPT_RW:
      case OPT_HIDE:
      case OPT_BIND:
      case OPT_RO_BIND:
      case OPT_BIND_TRY:
      case OPT_RO_BIND_TRY:
        {
          struct op *op = &v.ops[v.n_ops++];
          memset (op, 0, sizeof *op);
          op->tree = -1;
          op->arg = optarg;
          op->kind = (c == OPT_HIDE ? KIND_HIDE
                      : c == OPT_RO_BIND || c == OPT_RO_BIND_TRY
                      ? KIND_RO_BIND : KIND_BIND);
          op->optional = c == OPT_BIND_TRY || c == OPT_RO_BIND_TRY;
          op->opt = longopts[c - OPT_METHOD].name;
          if (!*optarg)
            {
              error (0, 0, "empty path in --%s", op->opt);
              sw_try_help (SW_EXIT_CANCELED);
            }
          if (c == OPT_RW || c == OPT_HIDE)
            {
              op->src = sw_path_canon (optarg);
              op->dst = xstrdup (op->src);
            }
          else
            parse_bind (op, optarg);
        }
        break;
      case OPT_KEEP_HOME:
        keep_home = true;
        break;
      SW_COMMON_OPTION_CASES;
      }
  sw_require_program (argc, argv);

  if (keep_home)
    {
      /* HOME is what the previous stage set: trusted, links followed.  */
      char const *home = getenv ("HOME");
      if (!home || *home != '/')
        error (SW_EXIT_CANCELED, 0, "--keep-home: HOME is not set to an"
               " absolute path");
      char *real = realpath (home, NULL);
      if (!real)
        error (SW_EXIT_CANCELED, errno, "--keep-home: cannot find the home"
               " %s", quote (home));
      if (strcmp (real, "/") == 0)
        error (SW_EXIT_CANCELED, 0, "--keep-home: the home is /, which"
               " would keep everything writable");
      v.home = (struct op) { KIND_BIND, false, "keep-home", home, real,
                             xstrdup (real), -1, false, true };
    }

#ifdef SW_LINUX
  char const *what;
  int mount_errno = 0;
  char const *mount_what = NULL;
  if (method != METHOD_LANDLOCK)
    {
      struct stat before, after;
      bool have_before = stat ("/proc/self/ns/user", &before) == 0;
      bool made_userns = false;
      if (!sw_mount_api_available ())
        {
          mount_errno = ENOSYS;
          mount_what = "use the new mount API (open_tree, Linux 5.2)";
        }
      else if (sw_ns_enter (CLONE_NEWNS, &made_userns, &mount_what) != 0)
        mount_errno = errno;
      if (mount_errno)
        {
          if (method == METHOD_MOUNT)
            error (SW_EXIT_CANCELED, mount_errno,
                   "cannot %s for a mount namespace%s", mount_what,
                   sw_mount_api_available () ? sw_ns_hint (mount_errno) : "");
          if (have_before && stat ("/proc/self/ns/user", &after) == 0
              && after.st_ino != before.st_ino)
            error (SW_EXIT_CANCELED, mount_errno,
                   "cannot %s for a mount namespace (and a half-made user"
                   " namespace cannot fall back to Landlock)", mount_what);
          method = METHOD_LANDLOCK;
        }
      else
        {
          if (mount_view (&v, &what) != 0)
            error (SW_EXIT_CANCELED, errno, "cannot %s", what);
          /* Without a user namespace PROGRAM may be uid 0 of the host's.  */
          if (!made_userns && sw_proc_protect (&what) != 0)
            error (SW_EXIT_CANCELED, errno, "cannot %s", what);
          size_t n_hide = 0;
          for (size_t i = 0; i < v.n_ops; i++)
            n_hide += v.ops[i].kind == KIND_HIDE;
          sw_verbose ("mount namespace (%s): private /tmp, /var/tmp and"
                      " /dev/shm; minimal /dev with a new devpts; /run"
                      " hidden%s; %zu bind(s), %zu hidden path(s)%s%s",
                      made_userns ? "in a new user namespace"
                      : "with the privileges held, no new user namespace",
                      v.ro ? "; everything read-only but those, /proc and"
                      " the writable binds" : "", v.n_ops - n_hide, n_hide,
                      v.home.src ? "; home kept at " : "",
                      v.home.src ? v.home.dst : "");
        }
    }
  if (method == METHOD_LANDLOCK)
    {
      char *why = NULL;
      if (mount_errno)
        {
          char const *e = strerror (mount_errno);
          why = xmalloc (strlen (mount_what) + strlen (e) + 64);
          sprintf (why, "no mount namespace (cannot %s: %s)", mount_what, e);
        }
      if (landlock_view (&v, why, &what) != 0)
        {
          int e = errno;
          if (mount_errno)
            error (SW_EXIT_CANCELED, e, "cannot %s, nor %s for a mount"
                   " namespace (%s)", what, mount_what,
                   strerror (mount_errno));
          error (SW_EXIT_CANCELED, e, "cannot %s", what);
        }
      free (why);
    }
#else
  (void) method;
  error (SW_EXIT_CANCELED, ENOSYS, "cannot make a filesystem view on this"
         " platform (neither mount namespaces nor Landlock)");
#endif

  sw_exec_next (argv + optind, 0);
}
