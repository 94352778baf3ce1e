/* stowaway -- the front end: compose a chain of sandbox stages, exec it.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.

   Like s6-alias-chpst, this program only rewrites argv: one stage per
   feature, each followed by "--", then the user's PROGRAM.  The stage
   order is fixed (doc/design.md), whatever the order of the options:

     [sw-netdeny] sw-mkhome sw-pidns sw-fsview sw-exec PROGRAM

   Stages are found beside this binary (readlink /proc/self/exe), never
   through PATH, so a build tree runs its own binaries.  */

#include "system.h"

#include <getopt.h>
#include <limits.h>
#include <sys/stat.h>

#include "sw-argv.h"
#include "sw-execnext.h"
#include "sw-user.h"
#include "xalloc.h"

#define PROGRAM_NAME "stowaway"

enum
{
  OPT_DRY_RUN = SW_OPT_FIRST_PRIVATE,
  OPT_NET_METHOD,
  OPT_HOME,
  OPT_KEEP,
  OPT_HOME_METHOD,
  OPT_TEMPLATE,
  OPT_HOME_SIZE,
  OPT_RO,
  OPT_RW,
  OPT_HIDE,
  OPT_BIND,
  OPT_BIND_TRY,
  OPT_RO_BIND,
  OPT_RO_BIND_TRY,
  OPT_FS_METHOD,
  OPT_KEEP_FD,
  OPT_USER
};

static struct option const longopts[] =
{
  { "block-net", no_argument, NULL, 'n' },
  { "net-method", required_argument, NULL, OPT_NET_METHOD },
  { "home", required_argument, NULL, OPT_HOME },
  { "keep", no_argument, NULL, OPT_KEEP },
  { "home-method", required_argument, NULL, OPT_HOME_METHOD },
  { "template", required_argument, NULL, OPT_TEMPLATE },
  { "home-size", required_argument, NULL, OPT_HOME_SIZE },
  { "ro", no_argument, NULL, OPT_RO },
  { "rw", required_argument, NULL, OPT_RW },
  { "hide", required_argument, NULL, OPT_HIDE },
  { "bind", required_argument, NULL, OPT_BIND },
  { "bind-try", required_argument, NULL, OPT_BIND_TRY },
  { "ro-bind", required_argument, NULL, OPT_RO_BIND },
  { "ro-bind-try", required_argument, NULL, OPT_RO_BIND_TRY },
  { "fs-method", required_argument, NULL, OPT_FS_METHOD },
  { "env", required_argument, NULL, 'e' },
  { "inherit-env", no_argument, NULL, 'i' },
  { "chdir", required_argument, NULL, 'C' },
  { "keep-fd", required_argument, NULL, OPT_KEEP_FD },
  { "user", required_argument, NULL, OPT_USER },
  { "dry-run", no_argument, NULL, OPT_DRY_RUN },
  { "verbose", no_argument, NULL, 'v' },
  SW_HELP_OPTION_DECL,
  SW_VERSION_OPTION_DECL,
  { NULL, 0, NULL, 0 }
};

/* Options collected for the stages, in the order given (repeatable
   options keep their order within their stage).  */
struct run_opts
{
  bool block_net;
  char const *net_method;
  struct sw_argv mkhome;        /* options for sw-mkhome */
  struct sw_argv fsview;        /* options for sw-fsview */
  struct sw_argv exec;          /* options for sw-exec */
  char const *user;
  bool dry_run;
};

static _Noreturn void
usage (void)
{
  printf ("\
Usage: %s run [OPTION]... [--] PROGRAM [ARG]...\n\
  or:  %s shell [OPTION]...\n\
  or:  %s check\n\
  or:  %s profiles\n", program_name, program_name, program_name,
          program_name);
  fputs ("\
Run PROGRAM (or, with 'shell', your shell) in a disposable, isolated\n\
environment: a fresh empty HOME that hides the real one and vanishes\n\
afterwards, private /tmp, /var/tmp and /dev/shm, a minimal /dev, /run\n\
hidden, a PID namespace so that nothing outlives the run, an allow-listed\n\
environment, no capabilities and no_new_privs.  The network stays as the\n\
caller has it unless --block-net cuts it.\n\
\n\
Network:\n\
  -n, --block-net          cut PROGRAM off every network outside the sandbox\n\
      --net-method=METHOD  auto, netns, seccomp or sandbox-exec (sw-netdeny)\n\
\n\
Home:\n\
      --home=DIR           use DIR as a persistent home instead\n\
      --keep               keep the disposable home; print its path at exit\n\
      --home-method=METHOD auto, tmpfs or dir (sw-mkhome)\n\
      --template=DIR       start the home as a copy of DIR (e.g. /etc/skel)\n\
      --home-size=SIZE     cap the home's tmpfs at SIZE (e.g. 256M)\n\
\n\
Filesystem:\n\
      --ro                 make everything read-only but the home, the\n\
                           private temporary directories and --rw paths\n\
      --rw=PATH            keep host PATH visible and writable\n\
      --hide=PATH          put an empty directory in place of PATH\n\
      --bind=SRC[:DST]     show host SRC at DST, writable\n\
      --ro-bind=SRC[:DST]  show host SRC at DST, read-only\n\
      --bind-try=SRC[:DST], --ro-bind-try=SRC[:DST]\n\
                           the same, skipped when SRC does not exist\n\
      --fs-method=METHOD   auto, mount or landlock (sw-fsview)\n\
\n\
Process:\n\
  -e, --env=NAME[=VALUE]   set NAME, or pass it through from here\n\
  -i, --inherit-env        pass the whole environment\n\
  -C, --chdir=DIR          run PROGRAM in DIR\n\
      --keep-fd=N          pass file descriptor N to PROGRAM\n\
      --user=NAME|UID      as root: run PROGRAM as this user (default: the\n\
                           sudo or doas caller, else nobody); 'root' keeps\n\
                           uid 0 without capabilities\n\
\n\
Front end:\n\
      --dry-run            print the chain that would run, quoted for a\n\
                           shell, on one line, and exit\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

/* Apply one option C with argument ARG to O.  Returns false for an
   option this front end does not know.  */
static bool
apply_option (struct run_opts *o, int c, char const *arg)
{
  switch (c)
    {
    case 'n':
      o->block_net = true;
      break;
    case OPT_NET_METHOD:
      o->net_method = arg;
      break;
    case OPT_HOME:
      sw_argv_push (&o->mkhome, "--home");
      sw_argv_push (&o->mkhome, arg);
      break;
    case OPT_KEEP:
      sw_argv_push (&o->mkhome, "--keep");
      break;
    case OPT_HOME_METHOD:
      sw_argv_push (&o->mkhome, "--method");
      sw_argv_push (&o->mkhome, arg);
      break;
    case OPT_TEMPLATE:
      sw_argv_push (&o->mkhome, "--template");
      sw_argv_push (&o->mkhome, arg);
      break;
    case OPT_HOME_SIZE:
      sw_argv_push (&o->mkhome, "--size");
      sw_argv_push (&o->mkhome, arg);
      break;
    case OPT_RO:
      sw_argv_push (&o->fsview, "--ro");
      break;
    case OPT_RW:
    case OPT_HIDE:
    case OPT_BIND:
    case OPT_BIND_TRY:
    case OPT_RO_BIND:
    case OPT_RO_BIND_TRY:
    case OPT_FS_METHOD:
      {
        static char const *const names[] =
          { "--rw", "--hide", "--bind", "--bind-try", "--ro-bind",
            "--ro-bind-try", "--method" };
        sw_argv_push (&o->fsview, names[c - OPT_RW]);
        sw_argv_push (&o->fsview, arg);
      }
      break;
    case 'e':
      sw_argv_push (&o->exec, "--env");
      sw_argv_push (&o->exec, arg);
      break;
    case 'i':
      sw_argv_push (&o->exec, "--inherit-env");
      break;
    case 'C':
      sw_argv_push (&o->exec, "--chdir");
      sw_argv_push (&o->exec, arg);
      break;
    case OPT_KEEP_FD:
      sw_argv_push (&o->exec, "--keep-fd");
      sw_argv_push (&o->exec, arg);
      break;
    case OPT_USER:
      o->user = arg;
      break;
    case OPT_DRY_RUN:
      o->dry_run = true;
      break;
    case 'v':
      sw_verbose_flag = true;
      break;
    default:
      return false;
    }
  return true;
}

/* The directory the stages live in: this binary's own.  */
static char *
stage_dir (void)
{
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  if (n > 0)
    {
      self[n] = '\0';
      char *slash = strrchr (self, '/');
      if (slash)
        {
          *slash = '\0';
          return xstrdup (self);
        }
    }
  return xstrdup (SW_BINDIR);
}

/* Push stage NAME (an absolute path in DIR) onto A, checking that it is
   there: a missing stage is our failure (125), not PROGRAM's (127).  */
static void
push_stage (struct sw_argv *a, char const *dir, char const *name)
{
  char *path = xmalloc (strlen (dir) + 1 + strlen (name) + 1);
  stpcpy (stpcpy (stpcpy (path, dir), "/"), name);
  if (access (path, X_OK) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot use stage %s", quote (path));
  sw_argv_push (a, path);
  if (sw_verbose_flag)
    sw_argv_push (a, "--verbose");
}

static void
push_all (struct sw_argv *a, struct sw_argv const *b)
{
  for (size_t i = 0; i < b->n; i++)
    sw_argv_push (a, b->v[i]);
}

/* As root, PROGRAM runs as --user, else the sudo or doas caller, else
   nobody (SPEC §4).  Returns NULL when PROGRAM keeps the caller's uid.  */
static char const *
target_user (struct run_opts const *o)
{
  if (geteuid () != 0)
    return o->user;
  if (o->user)
    return o->user;
  char const *sudo_uid = getenv ("SUDO_UID");
  if (sudo_uid && *sudo_uid && strcmp (sudo_uid, "0") != 0)
    return sudo_uid;
  char const *doas = getenv ("DOAS_USER");
  if (doas && *doas && strcmp (doas, "root") != 0)
    return doas;
  return "nobody";
}

static int
cmd_run (int argc, char **argv, bool shell)
{
  struct run_opts o;
  memset (&o, 0, sizeof o);
  sw_argv_init (&o.mkhome);
  sw_argv_init (&o.fsview);
  sw_argv_init (&o.exec);

  argv[0] = (char *) program_name;     /* getopt's messages name us */
  optind = 1;
  int c;
  while ((c = getopt_long (argc, argv, "+ne:iC:v", longopts, NULL)) != -1)
    {
      if (c == SW_OPT_HELP)
        usage ();
      if (c == SW_OPT_VERSION)
        sw_version ();
      if (!apply_option (&o, c, optarg))
        sw_try_help (SW_EXIT_CANCELED);
    }

  char **prog;
  char *shell_argv[2];
  if (shell)
    {
      if (optind < argc)
        {
          error (0, 0, "extra operand %s (shell takes no PROGRAM)",
                 quote (argv[optind]));
          sw_try_help (SW_EXIT_CANCELED);
        }
      char const *sh = getenv ("SHELL");
      shell_argv[0] = (char *) (sh && *sh ? sh : "/bin/sh");
      shell_argv[1] = NULL;
      prog = shell_argv;
    }
  else
    {
      sw_require_program (argc, argv);
      prog = argv + optind;
    }

  char const *user = target_user (&o);
  if (user)
    {
      struct sw_user u;
      if (sw_user_lookup (user, &u) != 0)
        error (SW_EXIT_CANCELED, 0, "no such user: %s", quote (user));
      char *uid = xmalloc (32);
      snprintf (uid, 32, "%lu", (unsigned long) u.uid);
      sw_argv_push (&o.mkhome, "--user");
      sw_argv_push (&o.mkhome, uid);
      sw_argv_push (&o.exec, "--user");
      sw_argv_push (&o.exec, uid);
    }

  char *dir = stage_dir ();
  struct sw_argv chain;
  sw_argv_init (&chain);
  if (o.block_net || o.net_method)
    {
      push_stage (&chain, dir, "sw-netdeny");
      if (o.net_method)
        {
          sw_argv_push (&chain, "--method");
          sw_argv_push (&chain, o.net_method);
        }
      sw_argv_push (&chain, "--");
    }
  push_stage (&chain, dir, "sw-mkhome");
  push_all (&chain, &o.mkhome);
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-pidns");
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-fsview");
  sw_argv_push (&chain, "--keep-home");
  push_all (&chain, &o.fsview);
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-exec");
  push_all (&chain, &o.exec);
  sw_argv_push (&chain, "--");
  for (char **p = prog; *p; p++)
    sw_argv_push (&chain, *p);

  if (o.dry_run)
    {
      sw_argv_print (stdout, &chain);
      return EXIT_SUCCESS;
    }
  if (sw_verbose_flag)
    {
      fprintf (stderr, "%s: chain: ", program_name);
      sw_argv_print (stderr, &chain);
    }
  sw_exec_next (chain.v, 0);
}

int
main (int argc, char **argv)
{
  sw_init (argc, argv);

  if (argc < 2)
    {
      error (0, 0, "missing command (run, shell, check or profiles)");
      sw_try_help (SW_EXIT_CANCELED);
    }
  char const *cmd = argv[1];
  if (strcmp (cmd, "--help") == 0)
    usage ();
  if (strcmp (cmd, "--version") == 0)
    sw_version ();
  if (strcmp (cmd, "run") == 0 || strcmp (cmd, "shell") == 0)
    return cmd_run (argc - 1, argv + 1, cmd[0] == 's');

  error (0, 0, "unknown command %s", quote (cmd));
  sw_try_help (SW_EXIT_CANCELED);
}
