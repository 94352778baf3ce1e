/* sw-pidns -- run PROGRAM under a small init, so that nothing it starts
   outlives it.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Three processes, whatever the method:

     O  this process, the one the caller started.  It stays the parent,
        passes the forwarded signals on to A, and exits with PROGRAM's
        status or dies of the same signal.
     A  the init: pid 1 of a new PID namespace (pidns method), or a child
        subreaper (subreaper method).  It mounts the namespace's /proc,
        forks B, passes signals on to it and reaps every orphan.  When B
        exits, A sends B's raw wait status to O through a pipe and exits:
        the kernel then kills whatever is left in the namespace (the
        subreaper kills its descendants itself first).
     B  pid 2: execs the rest of the chain, so PROGRAM is never a bare
        pid 1 (which ignores every signal it has no handler for).

   O and A wait for signals with sigwaitinfo(): nothing runs in a signal
   handler, and the dispositions the caller gave stay as they were for B.

   A signal the terminal sends (Ctrl-C, a window resize) goes to the
   whole foreground process group: B got it already, so O and A pass on
   only what was sent to them alone.  Nothing here changes the session or
   the process groups, so a shell run as PROGRAM keeps its job control.  */

#include "system.h"

#include <getopt.h>
#include <signal.h>
#include <sys/wait.h>

#include "sw-caps.h"
#include "sw-execnext.h"
#include "sw-ns.h"
#include "sw-proc.h"

#ifdef SW_LINUX
# include <fcntl.h>
# include <linux/capability.h>
# include <poll.h>
# include <sched.h>
# include <sys/mount.h>
# include <sys/prctl.h>
# include <sys/resource.h>
# include <sys/stat.h>
# include <time.h>
#endif

#define PROGRAM_NAME "sw-pidns"

enum
{
  OPT_METHOD = SW_OPT_FIRST_PRIVATE,
  OPT_NO_DIE_WITH_PARENT
};

static struct option const longopts[] =
{
  { "method", required_argument, NULL, OPT_METHOD },
  { "no-die-with-parent", no_argument, NULL, OPT_NO_DIE_WITH_PARENT },
  { "verbose", no_argument, NULL, 'v' },
  SW_HELP_OPTION_DECL,
  SW_VERSION_OPTION_DECL,
  { NULL, 0, NULL, 0 }
};

enum method { METHOD_AUTO, METHOD_PIDNS, METHOD_SUBREAPER };
static char const *const method_names[] = { "auto", "pidns", "subreaper", NULL };

static _Noreturn void
usage (void)
{
  printf ("Usage: %s [OPTION]... [--] PROGRAM [ARG]...\n", program_name);
  fputs ("\
Run PROGRAM under a small init, so that nothing it starts outlives it.\n\
\n\
PROGRAM runs as pid 2 of a new PID namespace, with a fresh /proc that\n\
lists only the namespace's processes.  The init (pid 1) reaps every\n\
orphan and passes SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 and\n\
SIGWINCH sent to this program on to PROGRAM.  When PROGRAM exits,\n\
everything it left behind is killed, and this program exits with\n\
PROGRAM's status, or dies of the same signal.  If the process that\n\
started this program dies, the whole sandbox is killed too.\n\
\n\
Options:\n\
      --method=METHOD       how to contain PROGRAM: pidns (a new PID and\n\
                            mount namespace), subreaper (no namespace: a\n\
                            child subreaper kills what PROGRAM leaves\n\
                            behind; /proc still shows the host's), or\n\
                            auto (the default: pidns where it can be had)\n\
      --no-die-with-parent  keep running when the caller dies\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

#ifdef SW_LINUX

/* The signals O and A pass on.  */
static int const forwarded[] =
  { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };

/* What a subreaper init receives when O dies (a pid-1 init gets SIGKILL:
   its death takes the whole namespace with it).  */
enum { PARENT_DIED_SIGNAL = SIGALRM };

/* Everything the processes share, set up by O before it forks A.  */
struct sandbox
{
  enum method method;
  bool die_with_parent;
  bool made_userns;
  char const *why_no_pidns;     /* subreaper: what failed, and errno */
  int why_errno;
  sigset_t waited;              /* the signals O and A sigwaitinfo() for */
  sigset_t caller_mask;         /* the mask to give back to B */
  struct sigaction caller_chld; /* SIGCHLD's disposition, given back to B */
  int status_pipe[2];           /* A writes B's wait status, O reads it */
};

/* True if the process holding the read end of pipe FD (O, for A) is
   gone.  */
static bool
reader_gone (int fd)
{
  struct pollfd p = { .fd = fd, .events = POLLOUT };
  return poll (&p, 1, 0) == 1 && (p.revents & POLLERR);
}

/* Pass signal SIG, received with SI, on to process TO, unless the
   terminal sent it to the whole foreground process group and TO is in
   ours, so that it got the signal already.  The one terminal signal
   that goes to a single process is SIGHUP to the session leader on a
   hang-up.  */
static void
forward (int sig, siginfo_t const *si, pid_t to)
{
  if (si->si_code == SI_KERNEL)
    {
      bool leader_hangup = sig == SIGHUP && getsid (0) == getpid ();
      if (!leader_hangup && getpgid (to) == getpgrp ())
        return;
    }
  kill (to, sig);
}

/* SIGKILL every descendant of this process, a child subreaper, and reap
   them, until none is left: a descendant whose parent dies is
   reparented to us, and shows up here on a later round.  */
static void
kill_descendants (void)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/self/task/%ld/children",
            (long) getpid ());
  for (;;)
    {
      int killed = 0;
      FILE *f = fopen (path, "re");
      if (f)
        {
          long pid;
          while (fscanf (f, "%ld", &pid) == 1)
            if (pid > 0 && kill ((pid_t) pid, SIGKILL) == 0)
              killed++;
          fclose (f);
        }
      int st;
      pid_t p = waitpid (-1, &st, killed ? 0 : WNOHANG);
      if (p < 0 && errno != EINTR)
        return;                 /* ECHILD: none left */
      if (p == 0)
        {
          /* A child not listed yet (being reparented): look again.  */
          struct timespec ms = { 0, 1000000 };
          nanosleep (&ms, NULL);
        }
    }
}

/* Exit as a process with wait status STATUS did: same exit status, or
   death by the same signal (without a core dump: PROGRAM made any core
   there was to make), else 128 + its number.  */
static _Noreturn void
exit_like (int status)
{
  if (WIFEXITED (status))
    exit (WEXITSTATUS (status));
  int sig = WIFSIGNALED (status) ? WTERMSIG (status) : SIGKILL;

  struct rlimit no_core = { 0, 0 };
  setrlimit (RLIMIT_CORE, &no_core);
  if (fflush (stderr) != 0 || ferror (stderr))
    exit (SW_EXIT_CANCELED);
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sigemptyset (&sa.sa_mask);
  sigaction (sig, &sa, NULL);
  sigset_t set;
  sigemptyset (&set);
  sigaddset (&set, sig);
  sigprocmask (SIG_UNBLOCK, &set, NULL);
  raise (sig);
  exit (128 + sig);
}

/* B: give back what the caller gave us, then exec the rest.  */
static _Noreturn void
run_program (struct sandbox *sb, char **argv)
{
  close (sb->status_pipe[1]);
  sigaction (SIGCHLD, &sb->caller_chld, NULL);
  sigprocmask (SIG_SETMASK, &sb->caller_mask, NULL);
  sw_exec_next (argv, 0);
}

/* A: the init.  Mount the namespace's /proc, fork B, pass signals on,
   reap orphans; when B exits, hand its status to O and exit.  */
static _Noreturn void
run_init (struct sandbox *sb, char **argv)
{
  close (sb->status_pipe[0]);
  int out = sb->status_pipe[1];
  bool pidns = sb->method == METHOD_PIDNS;

  sigset_t waited = sb->waited;
  if (!pidns)
    {
      sigaddset (&waited, PARENT_DIED_SIGNAL);
      sigprocmask (SIG_BLOCK, &waited, NULL);
    }
  /* Die with O, always: it is the only one who reports to the caller.  */
  if (prctl (PR_SET_PDEATHSIG, pidns ? SIGKILL : PARENT_DIED_SIGNAL,
             0, 0, 0) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot set the init's parent-death"
           " signal");
  if (reader_gone (out))
    _exit (SW_EXIT_CANCELED);

  if (pidns)
    {
      /* As root there is no user namespace of our own: keep every mount
         from propagating back to the host's mount namespace.  */
      if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        error (SW_EXIT_CANCELED, errno,
               "cannot make the mount tree private");
      /* Only a process in the new PID namespace, in the user namespace
         that owns it, can mount its /proc.  */
      if (mount ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                 NULL) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot mount a new /proc for the"
               " PID namespace%s",
               errno == EPERM ? " (is part of the host's /proc hidden by"
               " over-mounts, as in some containers?)" : "");
      /* Without a user namespace PROGRAM may be uid 0 of the host's.  */
      char const *what;
      if (!sb->made_userns && sw_proc_protect (&what) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot %s", what);
      sw_verbose ("new PID namespace: PROGRAM is pid 2 under a reaping"
                  " init, fresh /proc; %s; %s",
                  sb->made_userns ? "inside a new user namespace"
                                  : "with this process's CAP_SYS_ADMIN",
                  sb->die_with_parent ? "dies with its parent"
                                      : "survives its parent");
    }
  else if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot become a child subreaper");
  /* Nobody in the sandbox may ptrace or read the init's memory.  */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);

  if (fflush (stderr) != 0)
    error (SW_EXIT_CANCELED, errno, "write error on standard error");
  pid_t b = fork ();
  if (b < 0)
    error (SW_EXIT_CANCELED, errno, "cannot fork");
  if (b == 0)
    run_program (sb, argv);

  int status = 0;
  for (bool done = false; !done;)
    {
      siginfo_t si;
      int sig = sigwaitinfo (&waited, &si);
      if (sig < 0)
        continue;               /* EINTR: stopped and continued */
      if (sig == SIGCHLD)
        {
          int st;
          pid_t p;
          while ((p = waitpid (-1, &st, WNOHANG)) > 0)
            if (p == b)
              {
                status = st;
                done = true;
              }
        }
      else if (sig == PARENT_DIED_SIGNAL && !pidns)
        {
          if (reader_gone (out))
            {
              kill_descendants ();
              _exit (SW_EXIT_CANCELED);
            }
        }
      else
        forward (sig, &si, b);
    }

  if (!pidns)
    kill_descendants ();
  /* A pid-1 init cannot die of a signal it sends itself: O re-raises.  */
  ssize_t n = write (out, &status, sizeof status);
  _exit (n == sizeof status ? EXIT_SUCCESS : SW_EXIT_CANCELED);
}

/* O: create the namespaces (or fall back), fork A, pass signals on,
   wait, and exit like PROGRAM.  */
static _Noreturn void
contain (enum method method, bool die_with_parent, pid_t caller,
         char **argv)
{
  struct sandbox sb;
  memset (&sb, 0, sizeof sb);
  sb.die_with_parent = die_with_parent;
  sb.method = method;

  /* Since Linux 5.12 a uid 0 without CAP_SETFCAP cannot map itself in
     a new user namespace: the attempt would fail half-way, in a user
     namespace of no use, where falling back is no longer possible.  */
  if (method == METHOD_AUTO && geteuid () == 0
      && !sw_caps_have (CAP_SYS_ADMIN) && !sw_caps_have (CAP_SETFCAP))
    {
      sb.method = METHOD_SUBREAPER;
      sb.why_no_pidns = "uid 0 without CAP_SYS_ADMIN or CAP_SETFCAP";
      sb.why_errno = EPERM;
    }
  else if (method != METHOD_SUBREAPER)
    {
      struct stat before, after;
      bool known = stat ("/proc/self/ns/user", &before) == 0;
      char const *what;
      if (sw_ns_enter (CLONE_NEWPID | CLONE_NEWNS, &sb.made_userns, &what)
          == 0)
        sb.method = METHOD_PIDNS;
      else
        {
          int e = errno;
          /* Fall back only from a failure that left this process as it
             was, in the user namespace it started in.  */
          bool unchanged = (known && stat ("/proc/self/ns/user", &after) == 0
                            && before.st_ino == after.st_ino
                            && before.st_dev == after.st_dev);
          if (method == METHOD_PIDNS || !unchanged)
            error (SW_EXIT_CANCELED, e, "cannot create a PID namespace:"
                   " %s%s", what, sw_ns_hint (e));
          sb.method = METHOD_SUBREAPER;
          sb.why_no_pidns = what;
          sb.why_errno = e;
        }
    }

  /* After the namespaces: a change of credentials could reset it.  */
  if (die_with_parent)
    {
      if (prctl (PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot set the parent-death signal");
      if (getppid () != caller)
        raise (SIGKILL);        /* the caller died before that */
    }

  if (sb.method == METHOD_SUBREAPER)
    {
      /* Should A be killed, its orphans come to us, and we kill them.  */
      if (prctl (PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot become a child subreaper");
      if (access ("/proc/self/task", R_OK) != 0)
        error (SW_EXIT_CANCELED, errno, "cannot read /proc/self/task, which"
               " the subreaper method needs to find leftover processes");
      if (sb.why_no_pidns)
        sw_verbose ("no PID namespace (%s: %s); subreaper method: what"
                    " PROGRAM leaves behind is killed when it exits; /proc"
                    " is the host's; %s",
                    sb.why_no_pidns, strerror (sb.why_errno),
                    die_with_parent ? "dies with its parent"
                                    : "survives its parent");
      else
        sw_verbose ("subreaper method: what PROGRAM leaves behind is killed"
                    " when it exits; /proc is the host's; %s",
                    die_with_parent ? "dies with its parent"
                                    : "survives its parent");
    }

  /* The caller may have left SIGCHLD ignored, which would reap our
     children behind our back.  */
  struct sigaction dfl;
  memset (&dfl, 0, sizeof dfl);
  dfl.sa_handler = SIG_DFL;
  sigemptyset (&dfl.sa_mask);
  sigaction (SIGCHLD, &dfl, &sb.caller_chld);

  sigemptyset (&sb.waited);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++)
    sigaddset (&sb.waited, forwarded[i]);
  sigaddset (&sb.waited, SIGCHLD);
  sigprocmask (SIG_BLOCK, &sb.waited, &sb.caller_mask);

  if (pipe2 (sb.status_pipe, O_CLOEXEC) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot create a pipe");
  if (fflush (stderr) != 0)
    error (SW_EXIT_CANCELED, errno, "write error on standard error");
  pid_t a = fork ();
  if (a < 0)
    error (SW_EXIT_CANCELED, errno, "cannot fork%s",
           sb.method == METHOD_PIDNS ? " the PID namespace's init" : "");
  if (a == 0)
    run_init (&sb, argv);
  close (sb.status_pipe[1]);

  int a_status = 0;
  for (bool done = false; !done;)
    {
      siginfo_t si;
      int sig = sigwaitinfo (&sb.waited, &si);
      if (sig < 0)
        continue;
      if (sig == SIGCHLD)
        {
          int st;
          pid_t p;
          /* Orphans come to us too if A was killed (subreaper).  */
          while ((p = waitpid (-1, &st, WNOHANG)) > 0)
            if (p == a)
              {
                a_status = st;
                done = true;
              }
        }
      else
        forward (sig, &si, a);
    }

  int status;
  if (read (sb.status_pipe[0], &status, sizeof status) != sizeof status)
    status = a_status;          /* A failed or was killed: its own */
  if (sb.method == METHOD_SUBREAPER)
    kill_descendants ();
  exit_like (status);
}

#else /* !SW_LINUX */

static _Noreturn void
contain (enum method method, bool die_with_parent, pid_t caller,
         char **argv)
{
  (void) method, (void) die_with_parent, (void) caller, (void) argv;
  error (SW_EXIT_CANCELED, 0, "cannot contain PROGRAM on this system:"
         " PID namespaces and child subreapers are Linux features");
  abort ();
}

#endif

int
main (int argc, char **argv)
{
  pid_t caller = getppid ();
  sw_init (argc, argv);

  enum method method = METHOD_AUTO;
  bool die_with_parent = true;

  int c;
  while ((c = getopt_long (argc, argv, "+v", longopts, NULL)) != -1)
    switch (c)
      {
      case OPT_METHOD:
        method = sw_choice ("method", optarg, method_names);
        break;
      case OPT_NO_DIE_WITH_PARENT:
        die_with_parent = false;
        break;
      SW_COMMON_OPTION_CASES;
      }
  sw_require_program (argc, argv);

  contain (method, die_with_parent, caller, argv + optind);
}
