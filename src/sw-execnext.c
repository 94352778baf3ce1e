/* sw-execnext.c -- the last step of every link: exec the rest of argv.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-execnext.h"

#include <limits.h>
#include <sys/stat.h>

#include "sw-caps.h"
#include "sw-proc.h"

#include "xalloc.h"

/* The stages a link may hand its privileges to.  */
static char const *const stage_names[] =
  { "sw-exec", "sw-fsview", "sw-mkhome", "sw-netdeny", "sw-pidns" };

char *
sw_find_program (char const *name)
{
  if (strchr (name, '/'))
    return xstrdup (name);
  if (!*name)
    {
      errno = ENOENT;
      return NULL;
    }

  char const *path = getenv ("PATH");
  if (!path)
    path = "/usr/local/bin:/bin:/usr/bin";

  size_t namelen = strlen (name);
  int saved = ENOENT;
  for (char const *p = path;; p++)
    {
      char const *end = strchrnul (p, ':');
      size_t dirlen = end - p;
      char *cand = xmalloc (dirlen + 1 + namelen + 1);
      if (dirlen == 0)
        memcpy (cand, name, namelen + 1);       /* empty entry: cwd */
      else
        {
          memcpy (cand, p, dirlen);
          cand[dirlen] = '/';
          memcpy (cand + dirlen + 1, name, namelen + 1);
        }
      struct stat st;
      if (stat (cand, &st) == 0 && !S_ISDIR (st.st_mode))
        {
          if (access (cand, X_OK) == 0)
            return cand;
          saved = EACCES;       /* remember it, keep looking (execvp) */
        }
      /* A directory of PATH we may not search hides nothing we could
         run: not found there, as for a shell.  */
      free (cand);
      if (!*end)
        break;
      p = end;
    }
  errno = saved;
  return NULL;
}

/* If PATH is a sibling stage, the name of the trusted copy (in this
   program's own directory) in SELF, and true.  */
static bool
sibling_path (char const *path, char self[PATH_MAX])
{
  char const *base = strrchr (path, '/');
  base = base ? base + 1 : path;

  bool known = false;
  for (size_t i = 0; i < sizeof stage_names / sizeof *stage_names; i++)
    if (strcmp (base, stage_names[i]) == 0)
      known = true;
  if (!known)
    return false;

  ssize_t n = readlink ("/proc/self/exe", self, PATH_MAX - 1);
  if (n <= 0)
    return false;
  self[n] = '\0';
  char *slash = strrchr (self, '/');
  if (!slash || (size_t) (slash + 1 - self) + strlen (base) >= PATH_MAX)
    return false;
  strcpy (slash + 1, base);

  struct stat a, b;
  return (stat (self, &a) == 0 && stat (path, &b) == 0
          && a.st_dev == b.st_dev && a.st_ino == b.st_ino
          && S_ISREG (b.st_mode));
}

bool
sw_is_sibling_stage (char const *path)
{
  char self[PATH_MAX];
  return sibling_path (path, self);
}

void
sw_exec_next (char **argv, unsigned flags)
{
  char *path = sw_find_program (argv[0]);
  if (!path)
    {
      int e = errno;
      error (e == ENOENT ? SW_EXIT_ENOENT : SW_EXIT_CANNOT_INVOKE, e,
             "cannot run %s", quote (argv[0]));
    }

  /* uid 0 regains the bounding set at execve() even with empty sets.
     A sibling that keeps the capabilities is run from this program's own
     directory, the name just checked: never again by PATH, which someone
     could swap for another file between the check and the exec.  */
  char self[PATH_MAX];
  if ((sw_caps_any () || getuid () == 0 || geteuid () == 0)
      && !(flags & SW_EXEC_NEVER_HAND_ON) && sibling_path (path, self))
    {
      free (path);
      path = xstrdup (self);
    }
  else if (sw_caps_any () || getuid () == 0 || geteuid () == 0)
    {
      /* PROGRAM may stay uid 0: the kernel lets uid 0 write sysctls
         without any capability.  */
      char const *what;
      if (sw_proc_protect_uid0 (&what) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot %s", what);
      if (sw_caps_drop_all (&what) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot %s", what);
    }

  sw_trace ("exec");
  /* close_stdout() will not run after a successful exec.  */
  if (fflush (stderr) != 0 || ferror (stderr))
    error (SW_EXIT_CANCELED, 0, "write error on standard error");


  execve (path, argv, environ);
  int e = errno;
  if (e == ENOEXEC)
    {
      /* As execvp: a file without a recognised header is a shell script.  */
      size_t n = 0;
      while (argv[n])
        n++;
      char **sh = xnmalloc (n + 2, sizeof *sh);
      sh[0] = (char *) "/bin/sh";
      sh[1] = path;
      memcpy (sh + 2, argv + 1, n * sizeof *sh);
      execve ("/bin/sh", sh, environ);
    }
  error (e == ENOENT ? SW_EXIT_ENOENT : SW_EXIT_CANNOT_INVOKE, e,
         "cannot run %s", quote (argv[0]));
  abort ();
}
