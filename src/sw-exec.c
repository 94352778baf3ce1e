/* sw-exec -- the last link: harden the process, set its environment,
   find PROGRAM and exec it.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Everything is parsed first and applied in one fixed order (runit
   chpst, setpriv): file descriptors, signals, user, directory,
   no_new_privs, terminal guard, capabilities, environment, exec.  */

#include "system.h"

#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#ifdef SW_LINUX
# include <sys/prctl.h>
# include <sys/syscall.h>
#endif

#include "sw-caps.h"
#include "sw-env.h"
#include "sw-execnext.h"
#include "sw-seccomp.h"
#include "sw-user.h"
#include "xalloc.h"
#include "xstrtol.h"

#define PROGRAM_NAME "sw-exec"

enum
{
  OPT_KEEP_FD = SW_OPT_FIRST_PRIVATE,
  OPT_USER
};

static struct option const longopts[] =
{
  { "env", required_argument, NULL, 'e' },
  { "inherit-env", no_argument, NULL, 'i' },
  { "chdir", required_argument, NULL, 'C' },
  { "keep-fd", required_argument, NULL, OPT_KEEP_FD },
  { "user", required_argument, NULL, OPT_USER },
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
Harden this process, set its environment, then run PROGRAM: the last\n\
link of a stowaway chain.\n\
\n\
PROGRAM runs with no_new_privs set, no capabilities (effective,\n\
permitted, inheritable, ambient, and the bounding set where the kernel\n\
allows), only file descriptors 0, 1 and 2, default signal dispositions\n\
and an empty signal mask, and with TIOCSTI and TIOCLINUX refused on\n\
every terminal.  Its environment holds only PATH, TERM, COLORTERM,\n\
LANG, LANGUAGE, LC_*, TZ, the XDG base directories that lie inside\n\
HOME, and HOME, USER, LOGNAME and SHELL set to the user it runs as.\n\
\n\
Options:\n\
  -e, --env=NAME=VALUE   set NAME to VALUE in PROGRAM's environment\n\
  -e, --env=NAME         pass NAME through from this environment\n\
  -i, --inherit-env      pass the whole environment, not the allow-list\n\
  -C, --chdir=DIR        change to directory DIR before running PROGRAM\n\
      --keep-fd=N        pass file descriptor N on too (repeatable)\n\
      --user=NAME|UID    run PROGRAM as this user, with its primary group\n\
                         only (needs the privilege to switch); +UID is a\n\
                         number, never looked up as a name\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

/* Close every descriptor above 2 but those in KEEP (sorted, N of them).  */
static void
close_fds (int const *keep, size_t n)
{
  int lo = 3;
  for (size_t i = 0; i <= n; i++)
    {
      int hi = i < n ? keep[i] - 1 : -1;        /* -1: up to the end */
      if (hi >= 0 && hi < lo)
        {
          lo = keep[i] + 1;
          continue;
        }
#if defined SYS_close_range
      if (syscall (SYS_close_range, (unsigned) lo,
                   hi < 0 ? ~0U : (unsigned) hi, 0) != 0)
#endif
        {
          int max = hi < 0 ? (int) sysconf (_SC_OPEN_MAX) : hi;
          if (max < 0 || max > 1 << 20)
            max = 1 << 20;
          for (int fd = lo; fd <= max; fd++)
            close (fd);
        }
      if (i < n)
        lo = keep[i] + 1;
    }
}

static int
cmp_int (void const *a, void const *b)
{
  int x = *(int const *) a, y = *(int const *) b;
  return (x > y) - (x < y);
}

static void
reset_signals (void)
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset (&sa.sa_mask);
  for (int sig = 1; sig < NSIG; sig++)
    if (sig != SIGKILL && sig != SIGSTOP
        && sigaction (sig, &sa, NULL) != 0)
      {
#ifdef SW_LINUX
        /* libc refuses the real-time signals it reserves for itself, but
           an ignored one is inherited all the same.  An all-zero kernel
           sigaction is SIG_DFL with no flags on every architecture.  */
        unsigned long ksa[8] = { 0 };
        syscall (SYS_rt_sigaction, sig, ksa, NULL, (size_t) (NSIG / 8));
#endif
      }
  sigset_t none;
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
}

static void
switch_user (struct sw_user const *u)
{
  if (u->uid == getuid () && u->uid == geteuid ()
      && u->gid == getgid () && u->gid == getegid ())
    return;
  if (setgroups (1, &u->gid) != 0
      || setresgid (u->gid, u->gid, u->gid) != 0
      || setresuid (u->uid, u->uid, u->uid) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot switch to user %s",
           quote (u->name));
}

/* Keep from the caller's environment what may pass: everything with
   INHERIT, else the allow-list.  */
static void
start_env (struct sw_env *env, bool inherit)
{

  for (char **e = environ; *e; e++)
    {
      char const *eq = strchr (*e, '=');
      if (!eq)
        continue;
      if (inherit || sw_env_allowed (*e, eq - *e))
        sw_env_put (env, *e);
    }
}

/* True if PATH lies strictly inside directory DIR.  */
static bool
inside (char const *path, char const *dir)
{
  size_t n = strlen (dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  return (n > 1 && strncmp (path, dir, n) == 0 && path[n] == '/'
          && path[n + 1]);
}

/* HOME, USER, LOGNAME and SHELL as they are true for U, and the XDG base
   directories the previous links pointed inside that HOME.  */
static void
identity_env (struct sw_env *env, struct sw_user const *u, bool inherit)
{
  char const *home = getenv ("HOME");
  struct stat st;
  if (!home || *home != '/'
      || (u->uid != 0 && (stat (home, &st) != 0 || st.st_uid != u->uid)))
    home = u->home;
  sw_env_set (env, "HOME", home);
  sw_env_set (env, "USER", u->name);
  sw_env_set (env, "LOGNAME", u->name);
  sw_env_set (env, "SHELL", u->shell);

  if (inherit)
    return;
  static char const *const xdg[] =
    { "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
      "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };
  for (size_t i = 0; i < sizeof xdg / sizeof *xdg; i++)
    {
      char const *v = getenv (xdg[i]);
      if (v && inside (v, home))
        sw_env_set (env, xdg[i], v);
    }
}

/* Refuse TIOCSTI/TIOCLINUX: a seccomp filter where this build has one;
   else leave the terminal's session, which costs job control.  */
static char const *
guard_terminal (void)
{
  if (sw_seccomp_available ())
    {
      if (sw_seccomp_load (SW_FILTER_TTY_INJECTION) != 0)
        error (SW_EXIT_CANCELED, errno,
               "cannot load the seccomp filter against TIOCSTI/TIOCLINUX");
      return "seccomp";
    }
  setsid ();
  /* A session leader (setsid() failed) may still own its terminal.  */
  int tty = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (tty >= 0)
    {
      close (tty);
      error (SW_EXIT_CANCELED, 0,
             "cannot leave the terminal's session (built without libseccomp,"
             " so a new session is the only guard against TIOCSTI)");
    }
  return "new session";
}

int
main (int argc, char **argv)
{
  sw_init (argc, argv);

  bool inherit = false;
  char const *dir = NULL;
  char const *user_spec = NULL;
  char **env_edits = xnmalloc (argc, sizeof *env_edits);
  size_t n_edits = 0;
  int *keep = xnmalloc (argc, sizeof *keep);
  size_t n_keep = 0;

  int c;
  while ((c = getopt_long (argc, argv, "+e:iC:v", longopts, NULL)) != -1)
    switch (c)
      {
      case 'e':
        {
          char const *eq = strchr (optarg, '=');
          size_t len = eq ? (size_t) (eq - optarg) : strlen (optarg);
          if (!sw_env_name_ok (optarg, len))
            {
              error (0, 0, "invalid variable name in --env %s",
                     quote (optarg));
              sw_try_help (SW_EXIT_CANCELED);
            }
          env_edits[n_edits++] = optarg;
        }
        break;
      case 'i':
        inherit = true;
        break;
      case 'C':
        dir = optarg;
        break;
      case OPT_KEEP_FD:
        {
          uintmax_t n;
          if (xstrtoumax (optarg, NULL, 10, &n, "") != LONGINT_OK
              || n > 1 << 20)
            {
              error (0, 0, "invalid file descriptor %s", quote (optarg));
              sw_try_help (SW_EXIT_CANCELED);
            }
          if (fcntl ((int) n, F_GETFD) < 0)
            error (SW_EXIT_CANCELED, errno, "--keep-fd %d", (int) n);
          if (n > 2)            /* 0, 1 and 2 pass on anyway */
            keep[n_keep++] = (int) n;
        }
        break;
      case OPT_USER:
        user_spec = optarg;
        break;
      SW_COMMON_OPTION_CASES;
      }
  sw_require_program (argc, argv);

  /* Everything we need from the caller's environment is read now.  */
  struct sw_env env;
  sw_env_init (&env);
  start_env (&env, inherit);

  /* Look the user up before closing descriptors, so that nothing the
     lookup leaves open reaches PROGRAM.  */
  struct sw_user u;
  if (user_spec)
    {
      if (sw_user_lookup (user_spec, &u) != 0)
        error (SW_EXIT_CANCELED, 0, "no such user: %s", quote (user_spec));
    }
  else
    sw_user_from_uid (geteuid (), &u);

  qsort (keep, n_keep, sizeof *keep, cmp_int);
  close_fds (keep, n_keep);
  for (size_t i = 0; i < n_keep; i++)
    {
      int fl = fcntl (keep[i], F_GETFD);
      if (fl >= 0)
        fcntl (keep[i], F_SETFD, fl & ~FD_CLOEXEC);
    }
  reset_signals ();

  if (user_spec)
    {
      /* While CAP_SETPCAP is still there: uid 0 gets the bounding set
         back at execve().  */
      sw_caps_drop_bounding ();
      switch_user (&u);
    }

  if (dir && chdir (dir) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot change directory to %s",
           quote (dir));

#ifdef SW_LINUX
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot set no_new_privs");
#endif
  char const *guard = guard_terminal ();

  identity_env (&env, &u, inherit);
  for (size_t i = 0; i < n_edits; i++)
    {
      char const *e = env_edits[i];
      if (strchr (e, '='))
        sw_env_put (&env, e);
      else if (getenv (e))
        sw_env_set (&env, e, getenv (e));
      else
        sw_env_unset (&env, e);
    }

  sw_verbose ("running as uid %lu gid %lu; no_new_privs; capabilities "
              "dropped; %zu extra fd(s) kept; TIOCSTI/TIOCLINUX refused (%s);"
              " environment: %s (%zu variables)",
              (unsigned long) getuid (), (unsigned long) getgid (), n_keep,
              guard, inherit ? "inherited" : "allow-list", env.n);


  environ = sw_env_vector (&env);
  sw_exec_next (argv + optind, SW_EXEC_NEVER_HAND_ON);
}
