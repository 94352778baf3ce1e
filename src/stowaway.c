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
   through PATH, so a build tree runs its own binaries.

   Options come in layers, each overriding the one before: the built-in
   defaults, the user's config file, the profiles given with --profile
   (in order), then the other command-line options.  The config file and
   the profiles hold the same long options as the command line, looked
   up in the same table and applied by the same apply_option().  */

#include "system.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "c-ctype.h"
#include "configmake.h"
#include "sw-argv.h"
#include "sw-check.h"
#include "sw-execnext.h"
#include "sw-profile.h"
#include "sw-user.h"
#include "xalloc.h"

#define PROGRAM_NAME "stowaway"

enum
{
  OPT_DRY_RUN = SW_OPT_FIRST_PRIVATE,
  OPT_NET_METHOD,
  OPT_ALLOW_NET,
  OPT_HOME,
  OPT_KEEP,
  OPT_NO_KEEP,
  OPT_HOME_METHOD,
  OPT_TEMPLATE,
  OPT_HOME_SIZE,
  OPT_RO,
  OPT_NO_RO,
  OPT_RW,
  OPT_HIDE,
  OPT_BIND,
  OPT_BIND_TRY,
  OPT_RO_BIND,
  OPT_RO_BIND_TRY,
  OPT_FS_METHOD,
  OPT_NO_INHERIT_ENV,
  OPT_KEEP_FD,
  OPT_USER
};

static struct option const longopts[] =
{
  { "profile", required_argument, NULL, 'p' },
  { "block-net", no_argument, NULL, 'n' },
  { "allow-net", no_argument, NULL, OPT_ALLOW_NET },
  { "net-method", required_argument, NULL, OPT_NET_METHOD },
  { "home", required_argument, NULL, OPT_HOME },
  { "keep", no_argument, NULL, OPT_KEEP },
  { "no-keep", no_argument, NULL, OPT_NO_KEEP },
  { "home-method", required_argument, NULL, OPT_HOME_METHOD },
  { "template", required_argument, NULL, OPT_TEMPLATE },
  { "home-size", required_argument, NULL, OPT_HOME_SIZE },
  { "ro", no_argument, NULL, OPT_RO },
  { "no-ro", no_argument, NULL, OPT_NO_RO },
  { "rw", required_argument, NULL, OPT_RW },
  { "hide", required_argument, NULL, OPT_HIDE },
  { "bind", required_argument, NULL, OPT_BIND },
  { "bind-try", required_argument, NULL, OPT_BIND_TRY },
  { "ro-bind", required_argument, NULL, OPT_RO_BIND },
  { "ro-bind-try", required_argument, NULL, OPT_RO_BIND_TRY },
  { "fs-method", required_argument, NULL, OPT_FS_METHOD },
  { "env", required_argument, NULL, 'e' },
  { "inherit-env", no_argument, NULL, 'i' },
  { "no-inherit-env", no_argument, NULL, OPT_NO_INHERIT_ENV },
  { "chdir", required_argument, NULL, 'C' },
  { "keep-fd", required_argument, NULL, OPT_KEEP_FD },
  { "user", required_argument, NULL, OPT_USER },
  { "dry-run", no_argument, NULL, OPT_DRY_RUN },
  { "verbose", no_argument, NULL, 'v' },
  SW_HELP_OPTION_DECL,
  SW_VERSION_OPTION_DECL,
  { NULL, 0, NULL, 0 }
};

/* What a profile or the config file may not say: actions, not settings
   (a profile names another with "include").  */
static char const *const not_in_profiles[] =
  { "help", "version", "dry-run", "profile", NULL };

/* The settings, after all layers.  A single-valued setting holds the
   last layer's value; the repeatable ones (--rw, --env, ...) collect
   every layer's, in order.  */
struct run_opts
{
  bool block_net;
  char const *net_method;
  char const *home;
  bool keep;
  char const *home_method;
  char const *template;
  char const *home_size;
  bool ro;
  struct sw_argv paths;         /* --rw, --hide, --bind... for sw-fsview */
  char const *fs_method;
  bool inherit_env;
  struct sw_argv exec;          /* --env, --keep-fd for sw-exec */
  char const *chdir;
  char const *user;
  bool dry_run;
};

static _Noreturn void
usage (void)
{
  printf ("\
Usage: %s run [OPTION]... [--] PROGRAM [ARG]...\n\
  or:  %s shell [OPTION]...\n\
  or:  %s check [--json] [--require OPTION...]\n\
  or:  %s profiles [--names]\n", program_name, program_name, program_name,
          program_name);
  fputs ("\
Run PROGRAM (or, with 'shell', your shell) in a disposable, isolated\n\
environment: a fresh empty HOME that hides the real one and vanishes\n\
afterwards, private /tmp, /var/tmp and /dev/shm, a minimal /dev, /run\n\
hidden, a PID namespace so that nothing outlives the run, an allow-listed\n\
environment, no capabilities and no_new_privs.  The network stays as the\n\
caller has it unless --block-net cuts it.\n\
\n\
Profiles:\n\
  -p, --profile=NAME|FILE  read options from a profile (repeatable; later\n\
                           profiles and the command line override earlier)\n\
\n\
Network:\n\
  -n, --block-net          cut PROGRAM off every network outside the sandbox\n\
      --allow-net          undo --block-net and --net-method of a profile\n\
      --net-method=METHOD  auto, netns, seccomp or sandbox-exec (sw-netdeny);\n\
                           implies --block-net\n\
\n\
Home:\n\
      --home=DIR           use DIR as a persistent home instead\n\
      --keep               keep the disposable home; print its path at exit\n\
      --no-keep            undo --keep\n\
      --home-method=METHOD auto, tmpfs or dir (sw-mkhome)\n\
      --template=DIR       start the home as a copy of DIR (e.g. /etc/skel)\n\
      --home-size=SIZE     cap the home's tmpfs at SIZE (e.g. 256M)\n\
\n\
Filesystem:\n\
      --ro                 make everything read-only but the home, the\n\
                           private temporary directories and --rw paths\n\
      --no-ro              undo --ro\n\
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
      --no-inherit-env     undo --inherit-env\n\
  -C, --chdir=DIR          run PROGRAM in DIR\n\
      --keep-fd=N          pass file descriptor N to PROGRAM\n\
      --user=NAME|UID      as root: run PROGRAM as this user (default: the\n\
                           sudo or doas caller, else nobody); 'root' keeps\n\
                           uid 0 without capabilities\n\
\n\
Front end:\n\
      --dry-run            print the chain that would run, quoted for a\n\
                           shell, on one line, and exit\n\
\n\
Relative paths (--rw ., --home, --bind SRC, ...) are taken from the current\n\
directory, also in a profile.\n\
\n\
'check' says, one line per mechanism, what this host supports and why not,\n\
then which method each option would use.  With --json, the same as one JSON\n\
object; with --require OPTION... (e.g. --require block-net ro), exit 1\n\
when one of them cannot be enforced here.\n\
\n\
'profiles' lists every profile found, where, what it shadows and what it\n\
sets; with --names, only the names.\n\
\n\
Precedence: built-in defaults < the config file < profiles < command line.\n\
The config file is $XDG_CONFIG_HOME/stowaway/config (default\n\
~/.config/stowaway/config).  Profiles are found in\n\
$XDG_CONFIG_HOME/stowaway/profiles, then in $STOWAWAY_PROFILE_PATH if set,\n\
else in " SYSCONFDIR "/stowaway/profiles and " PKGDATADIR "/profiles.\n\
\n", stdout);
  sw_help_tail ();
  exit (EXIT_SUCCESS);
}

/* PATH made absolute against the current directory, so that it means
   the same to every stage ("." is the directory stowaway was run in).
   Symbolic links are left for the stage to resolve.  */
static char const *
absolute (char const *path)
{
  if (*path == '/')
    return path;
  char *cwd = getcwd (NULL, 0);
  if (!cwd)
    error (SW_EXIT_CANCELED, errno, "cannot get the current directory");
  while (path[0] == '.' && path[1] == '/')
    for (path += 2; *path == '/'; path++)
      continue;
  if (strcmp (path, ".") == 0 || *path == '\0')
    return cwd;
  char *abs = sw_xasprintf ("%s%s%s", cwd, strcmp (cwd, "/") ? "/" : "", path);
  free (cwd);
  return abs;
}

/* SRC[:DST] with SRC made absolute.  */
static char const *
absolute_src (char const *arg)
{
  if (*arg == '/')
    return arg;
  char const *colon = strchr (arg, ':');
  if (!colon)
    return absolute (arg);
  char *src = ximemdup0 (arg, colon - arg);
  char const *abs = absolute (src);
  return sw_xasprintf ("%s%s", abs, colon);
}

static bool
one_of (char const *arg, char const *const *list)
{
  for (; *list; list++)
    if (strcmp (arg, *list) == 0)
      return true;
  return false;
}

/* SIZE for a tmpfs: digits, then at most one of k, m, g, t or %.  */
static bool
good_size (char const *arg)
{
  char const *p = arg;
  while (c_isdigit (*p))
    p++;
  return p != arg && (!*p || (strchr ("kKmMgGtT%", *p) && !p[1]));
}

/* Apply option C (a longopts value) with argument ARG to O.  Returns
   NULL, or a message saying why ARG is bad.  The command line, the
   config file and profiles all come through here.  */
static char const *
apply_option (struct run_opts *o, int c, char const *arg)
{
  static char const *const net_methods[] =
    { "auto", "netns", "seccomp", "sandbox-exec", NULL };
  static char const *const home_methods[] =
    { "auto", "tmpfs", "dir", NULL };
  static char const *const fs_methods[] =
    { "auto", "mount", "landlock", NULL };

  if (arg && !*arg && c != 'e')
    return "empty value";
  switch (c)
    {
    case 'n':
      o->block_net = true;
      break;
    case OPT_ALLOW_NET:
      o->block_net = false;
      o->net_method = NULL;
      break;
    case OPT_NET_METHOD:
      if (!one_of (arg, net_methods))
        return sw_xasprintf ("bad value %s for net-method (auto, netns, seccomp"
                      " or sandbox-exec)", quote (arg));
      o->block_net = true;
      o->net_method = arg;
      break;
    case OPT_HOME:
      o->home = absolute (arg);
      break;
    case OPT_KEEP:
      o->keep = true;
      break;
    case OPT_NO_KEEP:
      o->keep = false;
      break;
    case OPT_HOME_METHOD:
      if (!one_of (arg, home_methods))
        return sw_xasprintf ("bad value %s for home-method (auto, tmpfs or dir)",
                      quote (arg));
      o->home_method = arg;
      break;
    case OPT_TEMPLATE:
      o->template = absolute (arg);
      break;
    case OPT_HOME_SIZE:
      if (!good_size (arg))
        return sw_xasprintf ("bad value %s for home-size (a number, then k, m,"
                      " g or %%)", quote (arg));
      o->home_size = arg;
      break;
    case OPT_RO:
      o->ro = true;
      break;
    case OPT_NO_RO:
      o->ro = false;
      break;
    case OPT_RW:
    case OPT_HIDE:
      sw_argv_push (&o->paths, c == OPT_RW ? "--rw" : "--hide");
      sw_argv_push (&o->paths, absolute (arg));
      break;
    case OPT_BIND:
    case OPT_BIND_TRY:
    case OPT_RO_BIND:
    case OPT_RO_BIND_TRY:
      {
        static char const *const names[] =
          { "--bind", "--bind-try", "--ro-bind", "--ro-bind-try" };
        sw_argv_push (&o->paths, names[c - OPT_BIND]);
        sw_argv_push (&o->paths, absolute_src (arg));
      }
      break;
    case OPT_FS_METHOD:
      if (!one_of (arg, fs_methods))
        return sw_xasprintf ("bad value %s for fs-method (auto, mount or"
                      " landlock)", quote (arg));
      o->fs_method = arg;
      break;
    case 'e':
      if (!*arg || *arg == '=')
        return sw_xasprintf ("bad value %s for env (NAME or NAME=VALUE)",
                      quote (arg));
      sw_argv_push (&o->exec, "--env");
      sw_argv_push (&o->exec, arg);
      break;
    case 'i':
      o->inherit_env = true;
      break;
    case OPT_NO_INHERIT_ENV:
      o->inherit_env = false;
      break;
    case 'C':
      o->chdir = absolute (arg);
      break;
    case OPT_KEEP_FD:
      {
        char const *p = arg;
        while (c_isdigit (*p))
          p++;
        if (*p || p - arg > 9)
          return sw_xasprintf ("bad value %s for keep-fd (a file descriptor"
                        " number)", quote (arg));
        sw_argv_push (&o->exec, "--keep-fd");
        sw_argv_push (&o->exec, arg);
      }
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
      return "not an option here";
    }
  return NULL;
}

/* sw_profile_read()'s callback: the same code as the command line.  */
static char const *
apply_profile_line (void *ctx, struct option const *opt, char const *value)
{
  return apply_option (ctx, opt->val, value);
}

/* Read profile or config FILE into O; die on any error in it.  */
static void
read_profile (struct run_opts *o, char const *file,
              struct sw_profile_dirs const *dirs)
{
  struct sw_profile_error err;
  if (sw_profile_read (file, dirs, longopts, not_in_profiles,
                       apply_profile_line, o, &err) != 0)
    {
      if (err.line)
        error (SW_EXIT_CANCELED, 0, "%s:%lu: %s", err.file, err.line,
               err.msg);
      error (SW_EXIT_CANCELED, 0, "%s: %s", err.file, err.msg);
    }
}

/* The directories searched, for messages.  */
static char *
dirs_text (struct sw_profile_dirs const *dirs)
{
  size_t len = 1;
  for (size_t i = 0; i < dirs->n; i++)
    len += strlen (dirs->dir[i]) + 2;
  char *s = xmalloc (len);
  *s = '\0';
  for (size_t i = 0; i < dirs->n; i++)
    {
      if (i)
        strcat (s, ", ");
      strcat (s, dirs->dir[i]);
    }
  return s;
}

static char *
find_profile (struct sw_profile_dirs const *dirs, char const *name)
{
  char *file = sw_profile_find (dirs, name);
  if (!file)
    {
      if (errno == EINVAL)
        error (SW_EXIT_CANCELED, 0, "bad profile name %s", quote (name));
      error (SW_EXIT_CANCELED, 0, "no profile named %s (looked in %s)",
             quote (name), dirs_text (dirs));
    }
  return file;
}

/* The user config, if there is one.  */
static void
read_config (struct run_opts *o, struct sw_profile_dirs const *dirs)
{
  char *file = sw_profile_config_file ();
  if (!file)
    return;
  struct stat st;
  if (stat (file, &st) != 0 && errno == ENOENT)
    {
      free (file);
      return;
    }
  read_profile (o, file, dirs);
  free (file);
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

/* Push stage NAME (an absolute path in DIR) onto A.  Unless only
   printing the chain, check that it is there: a missing stage is our
   failure (125), not PROGRAM's (127).  */
static void
push_stage (struct sw_argv *a, char const *dir, char const *name,
            bool check)
{
  char *path = xmalloc (strlen (dir) + 1 + strlen (name) + 1);
  stpcpy (stpcpy (stpcpy (path, dir), "/"), name);
  if (check && access (path, X_OK) != 0)
    error (SW_EXIT_CANCELED, errno, "cannot use stage %s", quote (path));
  sw_argv_push (a, path);
  if (sw_verbose_flag)
    sw_argv_push (a, "--verbose");
}

static void
push_opt (struct sw_argv *a, char const *name, char const *value)
{
  if (value)
    {
      sw_argv_push (a, name);
      sw_argv_push (a, value);
    }
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

/* One command-line option, kept until the config and profiles are in.  */
struct cl_opt
{
  int c;
  char const *arg;
};

static int
cmd_run (int argc, char **argv, bool shell)
{
  struct run_opts o;
  memset (&o, 0, sizeof o);
  sw_argv_init (&o.paths);
  sw_argv_init (&o.exec);

  struct cl_opt *cl = xnmalloc (argc, sizeof *cl);
  size_t ncl = 0;
  struct sw_argv profiles;
  sw_argv_init (&profiles);

  argv[0] = (char *) program_name;     /* getopt's messages name us */
  optind = 1;
  int c;
  while ((c = getopt_long (argc, argv, "+p:ne:iC:v", longopts, NULL)) != -1)
    {
      if (c == SW_OPT_HELP)
        usage ();
      if (c == SW_OPT_VERSION)
        sw_version ();
      if (c == '?' || c == ':')
        sw_try_help (SW_EXIT_CANCELED);
      if (c == 'p')
        sw_argv_push (&profiles, optarg);
      else
        {
          cl[ncl].c = c;
          cl[ncl].arg = optarg;
          ncl++;
        }
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

  /* The layers: config < profiles < command line.  */
  struct sw_profile_dirs dirs;
  sw_profile_dirs (&dirs);
  read_config (&o, &dirs);
  for (size_t i = 0; i < profiles.n; i++)
    read_profile (&o, find_profile (&dirs, profiles.v[i]), &dirs);
  for (size_t i = 0; i < ncl; i++)
    {
      char const *why = apply_option (&o, cl[i].c, cl[i].arg);
      if (why)
        error (SW_EXIT_CANCELED, 0, "%s", why);
    }

  char const *user = target_user (&o);
  char *uid = NULL;
  if (user)
    {
      struct sw_user u;
      if (sw_user_lookup (user, &u) != 0)
        error (SW_EXIT_CANCELED, 0, "no such user: %s", quote (user));
      uid = sw_xasprintf ("+%lu", (unsigned long) u.uid);
    }

  bool check = !o.dry_run;
  char *dir = stage_dir ();
  struct sw_argv chain;
  sw_argv_init (&chain);
  if (o.block_net)
    {
      push_stage (&chain, dir, "sw-netdeny", check);
      push_opt (&chain, "--method", o.net_method);
      sw_argv_push (&chain, "--");
    }
  push_stage (&chain, dir, "sw-mkhome", check);
  push_opt (&chain, "--home", o.home);
  if (o.keep)
    sw_argv_push (&chain, "--keep");
  push_opt (&chain, "--method", o.home_method);
  push_opt (&chain, "--template", o.template);
  push_opt (&chain, "--size", o.home_size);
  push_opt (&chain, "--user", uid);
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-pidns", check);
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-fsview", check);
  sw_argv_push (&chain, "--keep-home");
  if (o.ro)
    sw_argv_push (&chain, "--ro");
  push_all (&chain, &o.paths);
  push_opt (&chain, "--method", o.fs_method);
  sw_argv_push (&chain, "--");
  push_stage (&chain, dir, "sw-exec", check);
  if (o.inherit_env)
    sw_argv_push (&chain, "--inherit-env");
  push_all (&chain, &o.exec);
  push_opt (&chain, "--chdir", o.chdir);
  push_opt (&chain, "--user", uid);
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

/* For 'stowaway profiles': collect "NAME VALUE" of each line.  */
static char const *
summary_line (void *ctx, struct option const *opt, char const *value)
{
  struct sw_argv *a = ctx;
  if (value)
    sw_argv_push (a, sw_xasprintf ("%s %s", opt->name, value));
  else
    sw_argv_push (a, opt->name);
  return NULL;
}

/* What FILE sets, on one line, or why it is broken.  */
static void
print_summary (char const *file, struct sw_profile_dirs const *dirs)
{
  /* First a real read, as 'run' would do it, to find errors.  */
  struct run_opts o;
  memset (&o, 0, sizeof o);
  sw_argv_init (&o.paths);
  sw_argv_init (&o.exec);
  struct sw_profile_error err;
  if (sw_profile_read (file, dirs, longopts, not_in_profiles,
                       apply_profile_line, &o, &err) != 0)
    {
      if (err.line)
        printf ("BROKEN: %s:%lu: %s\n", err.file, err.line, err.msg);
      else
        printf ("BROKEN: %s\n", err.msg);
      return;
    }
  /* Then its own lines, includes unexpanded.  */
  struct sw_argv lines;
  sw_argv_init (&lines);
  if (sw_profile_read (file, NULL, longopts, NULL, summary_line, &lines,
                       &err) != 0)
    return;
  if (!lines.n)
    fputs ("(sets nothing: the built-in defaults)", stdout);
  for (size_t i = 0; i < lines.n; i++)
    printf ("%s%s", i ? ", " : "", lines.v[i]);
  putchar ('\n');
}

static int
cmd_profiles (int argc, char **argv)
{
  static struct option const opts[] =
  {
    { "names", no_argument, NULL, 'N' },
    SW_HELP_OPTION_DECL,
    { NULL, 0, NULL, 0 }
  };
  bool names = false;
  argv[0] = (char *) program_name;
  optind = 1;
  int c;
  while ((c = getopt_long (argc, argv, "+", opts, NULL)) != -1)
    if (c == 'N')
      names = true;
    else if (c == SW_OPT_HELP)
      usage ();
    else
      sw_try_help (SW_EXIT_CANCELED);
  if (optind < argc)
    {
      error (0, 0, "extra operand %s", quote (argv[optind]));
      sw_try_help (SW_EXIT_CANCELED);
    }

  struct sw_profile_dirs dirs;
  sw_profile_dirs (&dirs);
  struct sw_profile_entry *list;
  size_t n = sw_profile_list (&dirs, &list);
  if (names)
    {
      for (size_t i = 0; i < n; i++)
        puts (list[i].name);
      return EXIT_SUCCESS;
    }

  printf ("search path: %s\n", dirs_text (&dirs));
  char *config = sw_profile_config_file ();
  struct stat st;
  if (config && stat (config, &st) == 0)
    {
      printf ("config file %s: ", config);
      print_summary (config, &dirs);
    }
  else
    printf ("config file %s: none\n", config ? config : "(no HOME)");
  if (!n)
    puts ("no profiles found");
  for (size_t i = 0; i < n; i++)
    {
      printf ("%s: %s", list[i].name, list[i].file);
      if (list[i].shadows)
        printf (" (shadows %s)", list[i].shadows);
      fputs (": ", stdout);
      print_summary (list[i].file, &dirs);
    }
  return EXIT_SUCCESS;
}

static int
cmd_check (int argc, char **argv)
{
  static struct option const opts[] =
  {
    { "json", no_argument, NULL, 'j' },
    { "require", no_argument, NULL, 'r' },
    SW_HELP_OPTION_DECL,
    { NULL, 0, NULL, 0 }
  };
  bool json = false, require = false;
  argv[0] = (char *) program_name;
  optind = 1;
  int c;
  while ((c = getopt_long (argc, argv, "+", opts, NULL)) != -1)
    if (c == 'j')
      json = true;
    else if (c == 'r')
      require = true;
    else if (c == SW_OPT_HELP)
      usage ();
    else
      sw_try_help (SW_EXIT_CANCELED);
  if (optind < argc && !require)
    {
      error (0, 0, "extra operand %s", quote (argv[optind]));
      sw_try_help (SW_EXIT_CANCELED);
    }
  if (require && optind == argc)
    {
      error (0, 0, "--require needs at least one OPTION");
      sw_try_help (SW_EXIT_CANCELED);
    }

  struct sw_check chk;
  sw_check_probe (&chk);

  /* Validate every name before saying anything.  */
  char const *why;
  for (int i = optind; i < argc; i++)
    if (sw_check_option (&chk, argv[i], &why) < 0)
      error (SW_EXIT_CANCELED, 0, "--require: unknown option %s",
             quote (argv[i]));

  if (json)
    sw_check_print_json (stdout, &chk);
  else
    sw_check_print (stdout, &chk);

  int status = EXIT_SUCCESS;
  for (int i = optind; i < argc; i++)
    if (sw_check_option (&chk, argv[i], &why) == 0)
      {
        error (0, 0, "%s cannot be enforced here: %s", quote (argv[i]),
               why);
        status = EXIT_FAILURE;
      }
  return status;
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
  if (strcmp (cmd, "check") == 0)
    return cmd_check (argc - 1, argv + 1);
  if (strcmp (cmd, "profiles") == 0)
    return cmd_profiles (argc - 1, argv + 1);

  error (0, 0, "unknown command %s", quote (cmd));
  sw_try_help (SW_EXIT_CANCELED);
}
