/* sw-netdeny -- cut PROGRAM and all its descendants off every network
   outside the sandbox.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Three methods (doc/design.md, "sw-netdeny"): a network namespace with
   only lo, up (netns); a seccomp filter refusing every socket family but
   AF_UNIX plus Landlock's TCP and abstract-socket rules (seccomp); and
   /usr/bin/sandbox-exec with a generated profile (sandbox-exec, macOS).
   Whatever the method, this process execs: it never stays as a parent.  */

#include "system.h"

#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#ifdef SW_LINUX
# include <net/if.h>
# include <sched.h>
# include <sys/ioctl.h>
# include <sys/prctl.h>
# include <sys/socket.h>
#endif

#include "sw-execnext.h"
#include "sw-landlock.h"
#include "sw-ns.h"
#include "sw-sbprofile.h"
#include "sw-seccomp.h"
#include "xalloc.h"

#define PROGRAM_NAME "sw-netdeny"

#define SANDBOX_EXEC "/usr/bin/sandbox-exec"

enum method
{
  METHOD_AUTO,
  METHOD_NETNS,
  METHOD_SECCOMP,
  METHOD_SANDBOX_EXEC
};

static char const *const method_names[] =
  { "auto", "netns", "seccomp", "sandbox-exec", NULL };

static struct option const longopts[] =
{
  { "method", required_argument, NULL, 'm' },
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
Run PROGRAM cut off from every network outside the sandbox: it and its\n\
descendants reach no IPv4 or IPv6 address, the host's own loopback\n\
services and DNS included, and no abstract unix socket of the host.\n\
A refused connection fails at once; it never hangs.  What each method\n\
cannot do: see SECURITY MODEL in the manual.\n\
\n\
Methods (Linux: netns, seccomp; macOS: sandbox-exec):\n\
  netns         a new network namespace holding only lo, up, so that\n\
                loopback inside works (root, or unprivileged user\n\
                namespaces)\n\
  seccomp       sockets of every family but AF_UNIX refused, io_uring\n\
                refused; Landlock denies TCP and the host's abstract unix\n\
                sockets where the kernel has it\n\
  sandbox-exec  PROGRAM runs under /usr/bin/sandbox-exec with a profile\n\
                denying the network\n\
  auto          the first of these this host allows (the default)\n\
\n\
Options:\n\
  -m, --method=METHOD  cut the network off this way; a METHOD that cannot\n\
                         be set up is an error, and PROGRAM never runs\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

#ifdef SW_LINUX

/* Bring up the loopback interface of the current network namespace, so
   that 127.0.0.1 and ::1 work inside it.  */
static int
loopback_up (void)
{
  int fd = socket (AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0 && errno == EAFNOSUPPORT)
    fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  struct ifreq ifr;
  memset (&ifr, 0, sizeof ifr);
  strcpy (ifr.ifr_name, "lo");
  int r = ioctl (fd, SIOCGIFFLAGS, &ifr);
  if (r == 0 && !(ifr.ifr_flags & IFF_UP))
    {
      ifr.ifr_flags |= IFF_UP;
      r = ioctl (fd, SIOCSIFFLAGS, &ifr);
    }
  int e = errno;
  close (fd);
  errno = e;
  return r;
}

/* The identity of namespace file NAME of this process (0 if unknown).  */
static ino_t
ns_ino (char const *name)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/self/ns/%s", name);
  struct stat st;
  return stat (path, &st) == 0 ? st.st_ino : 0;
}

/* The netns method.  On failure, *MOVED tells whether the process had
   already left its namespaces (then no other method may follow).  */
static int
deny_by_netns (bool *made_userns, bool *moved, char const **what)
{
  ino_t net = ns_ino ("net"), user = ns_ino ("user");
  *moved = false;
  if (sw_ns_enter (CLONE_NEWNET, made_userns, what) != 0)
    {
      int e = errno;
      /* Unknown (no /proc) counts as moved: no fallback on a guess.  */
      *moved = (!net || !user
                || ns_ino ("net") != net || ns_ino ("user") != user);
      errno = e;
      return -1;
    }
  *moved = true;
  if (loopback_up () != 0)
    {
      *what = "bring up the loopback interface lo";
      return -1;
    }
  return 0;
}

/* The seccomp method: no_new_privs, then Landlock's network rules where
   the kernel has them, then the seccomp filter.  *LANDLOCK is set to the
   Landlock ABI used (0: none).  */
static int
deny_by_seccomp (int *landlock, char const **what)
{
  *landlock = 0;
  if (!sw_seccomp_available ())
    {
      *what = "load a seccomp filter (this build has none:"
              " it was configured without libseccomp)";
      errno = ENOSYS;
      return -1;
    }
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    {
      *what = "set no_new_privs";
      return -1;
    }

  /* No filesystem access is handled: a domain that handled some would
     also refuse every mount, which the stages after this one make.  */
  int abi = sw_landlock_abi ();
  if (abi >= 4)
    {
      uint64_t scoped = abi >= 6 ? SW_LL_SCOPE_ABSTRACT_UNIX_SOCKET : 0;
      int fd = sw_landlock_create (0, SW_LL_NET_BIND_TCP
                                   | SW_LL_NET_CONNECT_TCP, scoped);
      if (fd < 0)
        {
          *what = "create a Landlock ruleset for TCP and abstract sockets";
          return -1;
        }
      if (sw_landlock_restrict (fd) != 0)
        {
          *what = "enforce a Landlock ruleset for TCP and abstract sockets";
          return -1;
        }
      *landlock = abi;
    }

  if (sw_seccomp_load (SW_FILTER_NET_DENY) != 0)
    {
      *what = "load the seccomp filter refusing sockets";
      return -1;
    }
  return 0;
}

#endif /* SW_LINUX */

#ifdef SW_DARWIN

/* The sandbox-exec method: exec sandbox-exec with the profile, and
   PROGRAM found here, so that 126 and 127 mean what they always do.  */
static _Noreturn void
exec_sandbox (char **argv)
{
  char *path = sw_find_program (argv[0]);
  if (!path)
    {
      int e = errno;
      error (e == ENOENT ? SW_EXIT_ENOENT : SW_EXIT_CANNOT_INVOKE, e,
             "cannot run %s", quote (argv[0]));
    }
  size_t len = sw_sbprofile_netdeny (NULL, 0);
  char *profile = xmalloc (len + 1);
  sw_sbprofile_netdeny (profile, len + 1);

  size_t n = 0;
  while (argv[n])
    n++;
  char **sb = xnmalloc (n + 5, sizeof *sb);
  sb[0] = (char *) SANDBOX_EXEC;
  sb[1] = (char *) "-p";
  sb[2] = profile;
  sb[3] = (char *) "--";
  sb[4] = path;
  memcpy (sb + 5, argv + 1, n * sizeof *sb);

  sw_verbose ("network denied by sandbox-exec: profile denying network*");
  if (fflush (stderr) != 0 || ferror (stderr))
    error (SW_EXIT_CANCELED, 0, "write error on standard error");
  execv (SANDBOX_EXEC, sb);
  error (SW_EXIT_CANCELED, errno, "cannot run %s", SANDBOX_EXEC);
  abort ();
}

#endif /* SW_DARWIN */

int
main (int argc, char **argv)
{
  sw_init (argc, argv);

  enum method method = METHOD_AUTO;
  int c;
  while ((c = getopt_long (argc, argv, "+m:v", longopts, NULL)) != -1)
    switch (c)
      {
      case 'm':
        method = sw_choice ("method", optarg, method_names);
        break;
      SW_COMMON_OPTION_CASES;
      }
  sw_require_program (argc, argv);
  char **prog = argv + optind;

#ifdef SW_LINUX
  if (method == METHOD_SANDBOX_EXEC)
    error (SW_EXIT_CANCELED, 0, "cannot use the sandbox-exec method:"
           " it exists only on macOS (use netns or seccomp on Linux)");

  char const *what;
  char fallback[256] = "";
  if (method == METHOD_AUTO || method == METHOD_NETNS)
    {
      bool made_userns, moved;
      if (deny_by_netns (&made_userns, &moved, &what) == 0)
        {
          sw_verbose ("network denied by netns: a new network namespace%s,"
                      " holding only lo, up",
                      made_userns ? " (in a new user namespace)" : "");
          sw_exec_next (prog, 0);
        }
      int e = errno;
      if (method == METHOD_NETNS || moved)
        error (SW_EXIT_CANCELED, 0, "cannot set up a network namespace:"
               " cannot %s: %s%s", what, strerror (e),
               moved ? "" : sw_ns_hint (e));
      snprintf (fallback, sizeof fallback, " (fallen back to: no network"
                " namespace: cannot %s: %s)", what, strerror (e));
      if (!sw_seccomp_available ())
        error (SW_EXIT_CANCELED, 0, "cannot deny the network: no method"
               " is available: no network namespace (cannot %s: %s%s),"
               " and no seccomp filter in this build (configured without"
               " libseccomp)", what, strerror (e), sw_ns_hint (e));
    }

  int landlock;
  if (deny_by_seccomp (&landlock, &what) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot %s", what);
  if (landlock >= 6)
    sw_verbose ("network denied by seccomp%s: sockets of every family but"
                " AF_UNIX and io_uring refused; Landlock ABI %d: TCP bind"
                " and connect denied, the host's abstract unix sockets"
                " unreachable", fallback, landlock);
  else if (landlock >= 4)
    sw_verbose ("network denied by seccomp%s: sockets of every family but"
                " AF_UNIX and io_uring refused; Landlock ABI %d: TCP bind"
                " and connect denied; abstract unix sockets of the host"
                " remain reachable (needs Landlock ABI 6)", fallback,
                landlock);
  else
    sw_verbose ("network denied by seccomp%s: sockets of every family but"
                " AF_UNIX and io_uring refused; no Landlock network rules"
                " (Landlock ABI %d < 4); abstract unix sockets of the host"
                " remain reachable", fallback, sw_landlock_abi ());
  sw_exec_next (prog, 0);

#elif defined SW_DARWIN
  if (method == METHOD_NETNS || method == METHOD_SECCOMP)
    error (SW_EXIT_CANCELED, 0, "cannot use the %s method: it exists only"
           " on Linux (use sandbox-exec on macOS)", method_names[method]);
  if (access (SANDBOX_EXEC, X_OK) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot deny the network: %s",
           SANDBOX_EXEC);
  exec_sandbox (prog);

#else
  (void) prog, (void) method;
  error (SW_EXIT_CANCELED, 0, "cannot deny the network: no method exists"
         " on this platform (netns and seccomp need Linux, sandbox-exec"
         " needs macOS)");
  return SW_EXIT_CANCELED;
#endif
}
