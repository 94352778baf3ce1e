/* sw-check.c -- what this host can enforce, found by trying it.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-check.h"

#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "sw-caps.h"
#include "sw-landlock.h"
#include "sw-ns.h"
#include "sw-seccomp.h"
#include "xalloc.h"

#ifdef SW_LINUX
# include <linux/capability.h>
# include <sched.h>
# include <sys/mount.h>
# include <sys/prctl.h>
#endif

static struct
{
  char const *name, *key;
} const mech_names[SW_MECH_COUNT] =
{
  { "user namespaces", "user-namespaces" },
  { "mount namespaces", "mount-namespaces" },
  { "network namespaces", "network-namespaces" },
  { "PID namespaces", "pid-namespaces" },
  { "seccomp", "seccomp" },
  { "Landlock", "landlock" },
  { "cgroup v2 delegation", "cgroup-v2-delegation" },
  { "sandbox-exec", "sandbox-exec" }
};

char const *
sw_check_mech_name (enum sw_mech m)
{
  return mech_names[m].name;
}

char const *
sw_check_mech_key (enum sw_mech m)
{
  return mech_names[m].key;
}

static struct
{
  char const *name, *stage;
} const feature_names[SW_FEAT_COUNT] =
{
  { "block-net", "sw-netdeny" },
  { "home", "sw-mkhome" },
  { "pid", "sw-pidns" },
  { "fs", "sw-fsview" },
  { "exec", "sw-exec" }
};

char const *
sw_check_feature_name (enum sw_feature f)
{
  return feature_names[f].name;
}

/* Read the first line of a small file into BUF; false if unreadable.  */
static bool
read_line (char const *path, char *buf, size_t size)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  ssize_t n = read (fd, buf, size - 1);
  close (fd);
  if (n < 0)
    return false;
  buf[n] = '\0';
  buf[strcspn (buf, "\n")] = '\0';
  return true;
}

/* The integer in PATH, or -1 when it cannot be read.  */
static long
read_long (char const *path)
{
  char buf[64];
  if (!read_line (path, buf, sizeof buf))
    return -1;
  char *end;
  errno = 0;
  long v = strtol (buf, &end, 10);
  return errno || end == buf ? -1 : v;
}

/* The "Seccomp:" mode of this process: 0 none, 1 strict, 2 filter;
   -1 when the kernel does not say (no CONFIG_SECCOMP, or not Linux).  */
static int
seccomp_mode (void)
{
  FILE *f = fopen ("/proc/self/status", "re");
  if (!f)
    return -1;
  char line[256];
  int mode = -1;
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "Seccomp:", 8) == 0)
      {
        mode = atoi (line + 8);
        break;
      }
  fclose (f);
  return mode;
}

#ifdef SW_LINUX

/* Run PROBE in a child; it returns 0 or an errno value and names the
   step that failed in WHAT.  Returns what the probe returned.  */
typedef int (*probe_fn) (char *what, size_t size);

static int
run_probe (probe_fn probe, char *what, size_t size)
{
  int fds[2];
  *what = '\0';
  if (pipe (fds) != 0)
    {
      snprintf (what, size, "create a pipe");
      return errno;
    }
  fflush (stdout);
  fflush (stderr);
  pid_t pid = fork ();
  if (pid < 0)
    {
      int e = errno;
      close (fds[0]);
      close (fds[1]);
      snprintf (what, size, "fork");
      return e;
    }
  if (pid == 0)
    {
      close (fds[0]);
      char w[200] = "";
      int e = probe (w, sizeof w);
      ssize_t ignored = write (fds[1], w, strlen (w));
      (void) ignored;
      _exit (e > 0 && e < 256 ? e : e ? EIO : 0);
    }
  close (fds[1]);
  ssize_t n = read (fds[0], what, size - 1);
  what[n > 0 ? n : 0] = '\0';
  close (fds[0]);
  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      return errno;
  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  snprintf (what, size, "probe killed by signal %d", WTERMSIG (status));
  return EINTR;
}

static int
probe_userns (char *what, size_t size)
{
  char const *step;
  if (sw_userns_enter (0, &step) != 0)
    {
      int e = errno;
      snprintf (what, size, "%s", step);
      return e;
    }
  return 0;
}

/* Enter new namespaces FLAGS the way a stage does.  */
static int
enter (int flags, char *what, size_t size)
{
  char const *w;
  if (sw_ns_enter (flags, NULL, &w) != 0)
    {
      snprintf (what, size, "%s", w);
      return errno;
    }
  return 0;
}

static int
make_private (char *what, size_t size)
{
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    {
      snprintf (what, size, "make the mount tree private");
      return errno;
    }
  return 0;
}

static int
probe_mountns (char *what, size_t size)
{
  int e = enter (CLONE_NEWNS, what, size);
  if (e)
    return e;
  e = make_private (what, size);
  if (e)
    return e;
  /* The mount tree is private: this tmpfs lives and dies with the
     probe's namespace.  */
  struct stat st;
  if (stat ("/tmp", &st) == 0 && S_ISDIR (st.st_mode)
      && mount ("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV,
                "size=16k,mode=0700") != 0)
    {
      snprintf (what, size, "mount a tmpfs");
      return errno;
    }
  return 0;
}

static int
probe_netns (char *what, size_t size)
{
  return enter (CLONE_NEWNET, what, size);
}

static int
probe_pidns (char *what, size_t size)
{
  int e = enter (CLONE_NEWPID | CLONE_NEWNS, what, size);
  if (e)
    return e;
  e = make_private (what, size);
  if (e)
    return e;
  pid_t pid = fork ();
  if (pid < 0)
    {
      snprintf (what, size, "fork into the PID namespace");
      return errno;
    }
  if (pid == 0)
    _exit (mount ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
                  NULL) == 0 ? 0 : errno);
  int status;
  if (waitpid (pid, &status, 0) < 0)
    {
      snprintf (what, size, "wait for the PID namespace's init");
      return errno;
    }
  if (WIFEXITED (status) && WEXITSTATUS (status) != 0)
    {
      snprintf (what, size, "mount a fresh /proc");
      return WEXITSTATUS (status);
    }
  return 0;
}

static int
probe_seccomp (char *what, size_t size)
{
  if (prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    {
      snprintf (what, size, "set no_new_privs");
      return errno;
    }
  if (sw_seccomp_load (SW_FILTER_TTY_INJECTION) != 0)
    {
      snprintf (what, size, "load a seccomp filter");
      return errno;
    }
  return 0;
}

/* Why creating a user namespace failed with E, read off the host.  */
static char *
userns_cause (int e)
{
  long max = read_long ("/proc/sys/user/max_user_namespaces");
  if (max == 0)
    return xstrdup ("the sysctl user.max_user_namespaces is 0");
  if (e == ENOSPC)
    return sw_xasprintf ("the limit user.max_user_namespaces (%ld) is reached",
                  max);
  if (e == EINVAL || e == ENOSYS)
    {
      if (access ("/proc/self/ns/user", F_OK) != 0)
        return xstrdup ("the kernel is built without user namespaces"
                        " (CONFIG_USER_NS)");
      return NULL;
    }
  if (e != EPERM && e != EACCES)
    return NULL;
  if (geteuid () != 0
      && read_long ("/proc/sys/kernel/unprivileged_userns_clone") == 0)
    return xstrdup ("the sysctl kernel.unprivileged_userns_clone is 0");
  if (read_long ("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
      == 1)
    return xstrdup ("AppArmor restricts unprivileged user namespaces"
                    " (kernel.apparmor_restrict_unprivileged_userns = 1)");
  if (seccomp_mode () == 2)
    return xstrdup ("a seccomp filter on this process refuses it (a"
                    " container's or sandbox's policy; the sysctls allow"
                    " it)");
  if (access ("/proc/self/ns/user", F_OK) != 0)
    return xstrdup ("the kernel is built without user namespaces"
                    " (CONFIG_USER_NS)");
  return xstrdup ("refused, though the sysctls allow it (a security"
                  " module? a chroot?)");
}

/* Why creating a namespace of kind NSFILE failed (privileged case).  */
static char *
ns_cause (int e, char const *nsfile)
{
  char path[64];
  snprintf (path, sizeof path, "/proc/self/ns/%s", nsfile);
  if ((e == EINVAL || e == ENOSYS) && access (path, F_OK) != 0)
    return xstrdup ("the kernel is built without this namespace type");
  if ((e == EPERM || e == EACCES) && seccomp_mode () == 2)
    return xstrdup ("a seccomp filter on this process refuses it (a"
                    " container's or sandbox's policy)");
  return NULL;
}

static void
set (struct sw_mech_state *m, bool ok, char *why)
{
  m->available = ok;
  m->why = why;
}

static void
probe_ns (struct sw_check *c, enum sw_mech m, probe_fn probe,
          char const *nsfile)
{
  char what[200];
  int e = run_probe (probe, what, sizeof what);
  struct sw_mech_state *s = &c->mech[m];
  if (e == 0)
    {
      set (s, true, xstrdup (c->privileged
                             ? "directly: this process holds CAP_SYS_ADMIN"
                             : "inside a user namespace of its own"));
      return;
    }
  char *cause;
  if (!c->privileged && !c->mech[SW_MECH_USERNS].available)
    cause = xstrdup ("needs a user namespace when not root, and those"
                     " are unavailable");
  else
    {
      cause = ns_cause (e, nsfile);
      if (!cause && !c->privileged)
        cause = userns_cause (e);
    }
  if (e == EPERM && strcmp (what, "mount a fresh /proc") == 0 && !cause)
    cause = xstrdup ("/proc has paths hidden under other mounts, as in"
                     " a container, so the kernel refuses a new one");
  if (cause)
    set (s, false, sw_xasprintf ("cannot %s: %s: %s", what, strerror (e), cause));
  else
    set (s, false, sw_xasprintf ("cannot %s: %s", what, strerror (e)));
}

static void
probe_cgroup (struct sw_check *c)
{
  struct sw_mech_state *s = &c->mech[SW_MECH_CGROUP];
  FILE *f = fopen ("/proc/self/mountinfo", "re");
  char *mnt = NULL;
  if (f)
    {
      char *line = NULL;
      size_t n = 0;
      while (!mnt && getline (&line, &n, f) > 0)
        {
          char *sep = strstr (line, " - cgroup2 ");
          if (!sep)
            continue;
          /* id parent major:minor root mount-point ...  */
          char *p = line;
          for (int i = 0; i < 4 && p; i++)
            {
              p = strchr (p, ' ');
              if (p)
                p++;
            }
          if (p)
            mnt = ximemdup0 (p, strcspn (p, " "));
        }
      free (line);
      fclose (f);
    }
  if (!mnt)
    {
      set (s, false, xstrdup ("no cgroup2 file system is mounted"
                              " (cgroup v1 only?)"));
      return;
    }
  char buf[4096];
  char *path = NULL;
  f = fopen ("/proc/self/cgroup", "re");
  if (f)
    {
      while (!path && fgets (buf, sizeof buf, f))
        if (strncmp (buf, "0::", 3) == 0)
          {
            buf[strcspn (buf, "\n")] = '\0';
            path = xstrdup (buf + 3);
          }
      fclose (f);
    }
  if (!path)
    {
      set (s, false, sw_xasprintf ("cgroup2 is mounted on %s but this process"
                            " is in no cgroup2 group", mnt));
      free (mnt);
      return;
    }
  char *dir = sw_xasprintf ("%s%s", mnt, strcmp (path, "/") == 0 ? "" : path);
  free (mnt);
  free (path);
  char *procs = sw_xasprintf ("%s/cgroup.procs", dir);
  char *ctl = sw_xasprintf ("%s/cgroup.controllers", dir);
  bool writable = access (dir, W_OK) == 0 && access (procs, W_OK) == 0;
  bool have_ctl = read_line (ctl, buf, sizeof buf);
  if (!writable)
    set (s, false, sw_xasprintf ("%s is not writable by uid %lu (not delegated;"
                          " e.g. systemd-run --user --scope"
                          " -p Delegate=yes)",
                          dir, (unsigned long) geteuid ()));
  else if (!have_ctl || !*buf)
    set (s, false, sw_xasprintf ("%s is writable but has no controllers (held"
                          " by cgroup v1?)", dir));
  else
    set (s, true, sw_xasprintf ("%s is writable; controllers: %s", dir, buf));
  free (procs);
  free (ctl);
  free (dir);
}

#endif /* SW_LINUX */

void
sw_check_probe (struct sw_check *c)
{
  memset (c, 0, sizeof *c);
  for (int m = 0; m < SW_MECH_COUNT; m++)
    c->mech[m].why = xstrdup ("not a Linux system");

#ifdef SW_LINUX
  c->privileged = sw_caps_have (CAP_SYS_ADMIN);
  char what[200];

  int e = run_probe (probe_userns, what, sizeof what);
  if (e == 0)
    set (&c->mech[SW_MECH_USERNS], true,
         sw_xasprintf ("uid %lu can map itself in a new one",
                (unsigned long) geteuid ()));
  else
    {
      char *cause = userns_cause (e);
      set (&c->mech[SW_MECH_USERNS], false,
           cause ? sw_xasprintf ("cannot %s: %s: %s", what, strerror (e), cause)
                 : sw_xasprintf ("cannot %s: %s", what, strerror (e)));
      free (cause);
    }
  probe_ns (c, SW_MECH_MOUNTNS, probe_mountns, "mnt");
  probe_ns (c, SW_MECH_NETNS, probe_netns, "net");
  probe_ns (c, SW_MECH_PIDNS, probe_pidns, "pid");

  int mode = seccomp_mode ();
  if (!sw_seccomp_available ())
    set (&c->mech[SW_MECH_SECCOMP], false,
         xstrdup ("this build has no seccomp filters (built without"
                  " libseccomp)"));
  else if (mode < 0)
    set (&c->mech[SW_MECH_SECCOMP], false,
         xstrdup ("the kernel is built without seccomp (CONFIG_SECCOMP)"));
  else if ((e = run_probe (probe_seccomp, what, sizeof what)) != 0)
    set (&c->mech[SW_MECH_SECCOMP], false,
         sw_xasprintf ("cannot %s: %s%s", what, strerror (e),
                e == EINVAL ? " (kernel without CONFIG_SECCOMP_FILTER?)"
                            : ""));
  else
    set (&c->mech[SW_MECH_SECCOMP], true,
         xstrdup (mode == 2 ? "filters built in; the kernel loads them"
                              " (this process already runs under one)"
                            : "filters built in; the kernel loads them"));

  errno = 0;
  c->landlock_abi = sw_landlock_abi ();
  e = errno;
  if (c->landlock_abi > 0)
    set (&c->mech[SW_MECH_LANDLOCK], true,
         sw_xasprintf ("ABI %d", c->landlock_abi));
  else if (e == EOPNOTSUPP)
    set (&c->mech[SW_MECH_LANDLOCK], false,
         xstrdup ("built into the kernel but not enabled at boot"
                  " (add landlock to the lsm= kernel parameter)"));
  else if (e == ENOSYS)
    set (&c->mech[SW_MECH_LANDLOCK], false,
         xstrdup ("the kernel has no Landlock (Linux 5.13 or later with"
                  " CONFIG_SECURITY_LANDLOCK)"));
  else
    set (&c->mech[SW_MECH_LANDLOCK], false,
         sw_xasprintf ("cannot query the Landlock ABI: %s", strerror (e)));

  probe_cgroup (c);
  set (&c->mech[SW_MECH_SANDBOX_EXEC], false, xstrdup ("macOS only"));

  int reaper;
  bool subreaper = prctl (PR_GET_CHILD_SUBREAPER, &reaper, 0, 0, 0) == 0;
#else
  bool subreaper = false;
#endif

#ifdef SW_DARWIN
  if (access ("/usr/bin/sandbox-exec", X_OK) == 0)
    set (&c->mech[SW_MECH_SANDBOX_EXEC], true,
         xstrdup ("/usr/bin/sandbox-exec"));
  else
    set (&c->mech[SW_MECH_SANDBOX_EXEC], false,
         sw_xasprintf ("/usr/bin/sandbox-exec: %s", strerror (errno)));
#endif

  struct sw_method const methods[SW_FEAT_COUNT][4] =
    {
      { { "netns", c->mech[SW_MECH_NETNS].available },
        { "seccomp", c->mech[SW_MECH_SECCOMP].available },
        { "sandbox-exec", c->mech[SW_MECH_SANDBOX_EXEC].available },
        { NULL, false } },
      { { "tmpfs", c->mech[SW_MECH_MOUNTNS].available },
        { "dir", true },
        { NULL, false } },
      { { "pidns", c->mech[SW_MECH_PIDNS].available },
        { "subreaper", subreaper },
        { NULL, false } },
      { { "mount", c->mech[SW_MECH_MOUNTNS].available },
        { "landlock", c->landlock_abi > 0 },
        { NULL, false } },
      { { "exec", true },
        { NULL, false } }
    };
  memcpy (c->method, methods, sizeof methods);
}

char const *
sw_check_auto (struct sw_check const *c, enum sw_feature f)
{
  for (struct sw_method const *m = c->method[f]; m->name; m++)
    if (m->available)
      return m->name;
  return NULL;
}

/* What the method chosen for F cannot do, or "".  */
static char const *
caveat (char const *method)
{
  if (!method)
    return " (cannot be enforced here)";
  if (strcmp (method, "dir") == 0)
    return " (a directory on disk; the real home stays readable by its"
           " path)";
  if (strcmp (method, "subreaper") == 0)
    return " (no PID namespace: processes of the run see the host's"
           " /proc)";
  if (strcmp (method, "landlock") == 0)
    return " (read-only and hidden paths only: no bind, no private /tmp)";
  if (strcmp (method, "seccomp") == 0)
    return " (no sockets but AF_UNIX: no loopback inside either)";
  return "";
}

static enum sw_feature
feature_of (char const *name)
{
  static struct
  {
    char const *option;
    enum sw_feature f;
  } const map[] =
    {
      { "block-net", SW_FEAT_BLOCK_NET }, { "net-method", SW_FEAT_BLOCK_NET },
      { "home", SW_FEAT_HOME }, { "keep", SW_FEAT_HOME },
      { "template", SW_FEAT_HOME }, { "home-size", SW_FEAT_HOME },
      { "home-method", SW_FEAT_HOME }, { "no-keep", SW_FEAT_HOME },
      { "pid", SW_FEAT_PID },
      { "fs", SW_FEAT_FS }, { "ro", SW_FEAT_FS }, { "rw", SW_FEAT_FS },
      { "hide", SW_FEAT_FS }, { "bind", SW_FEAT_FS },
      { "bind-try", SW_FEAT_FS }, { "ro-bind", SW_FEAT_FS },
      { "ro-bind-try", SW_FEAT_FS }, { "fs-method", SW_FEAT_FS },
      { "no-ro", SW_FEAT_FS },
      { "exec", SW_FEAT_EXEC }, { "env", SW_FEAT_EXEC },
      { "inherit-env", SW_FEAT_EXEC }, { "no-inherit-env", SW_FEAT_EXEC },
      { "chdir", SW_FEAT_EXEC }, { "keep-fd", SW_FEAT_EXEC },
      { "user", SW_FEAT_EXEC }, { "allow-net", SW_FEAT_EXEC }
    };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp (map[i].option, name) == 0)
      return map[i].f;
  return SW_FEAT_COUNT;
}

int
sw_check_option (struct sw_check const *c, char const *option,
                 char const **why)
{
  while (*option == '-')
    option++;
  char *name = xstrdup (option);
  char *value = strchr (name, '=');
  if (value)
    *value++ = '\0';
  enum sw_feature f = feature_of (name);
  bool is_method = value && strlen (name) > 7
                   && strcmp (name + strlen (name) - 7, "-method") == 0;
  int ret = -1;
  if (f == SW_FEAT_COUNT || (value && !is_method))
    goto out;

  if (is_method && strcmp (value, "auto") != 0)
    {
      for (struct sw_method const *m = c->method[f]; m->name; m++)
        if (strcmp (m->name, value) == 0)
          {
            ret = m->available;
            *why = "this method is unavailable here";
            goto out;
          }
      goto out;
    }

  /* What only some methods can do.  */
  if (strcmp (name, "home-size") == 0)
    {
      ret = c->method[f][0].available;
      *why = "a size cap needs the tmpfs method (a mount namespace)";
    }
  else if (strncmp (name, "bind", 4) == 0 || strncmp (name, "ro-bind", 7) == 0)
    {
      ret = c->method[f][0].available;
      *why = "binds need the mount method (a mount namespace)";
    }
  else
    {
      ret = sw_check_auto (c, f) != NULL;
      *why = "no method is available here";
    }
 out:
  free (name);
  return ret;
}

static void
print_methods (FILE *out, struct sw_check const *c, enum sw_feature f)
{
  char const *chosen = sw_check_auto (c, f);
  fprintf (out, "%s (%s): %s%s [", feature_names[f].name,
           feature_names[f].stage, chosen ? chosen : "none",
           caveat (chosen));
  for (struct sw_method const *m = c->method[f]; m->name; m++)
    fprintf (out, "%s%s: %s", m == c->method[f] ? "" : ", ", m->name,
             m->available ? "yes" : "no");
  fputs ("]\n", out);
}

void
sw_check_print (FILE *out, struct sw_check const *c)
{
  for (int m = 0; m < SW_MECH_COUNT; m++)
    {
      char label[40];
      snprintf (label, sizeof label, "%s:", mech_names[m].name);
      fprintf (out, "%-22s %s: %s\n", label,
               c->mech[m].available ? "available" : "unavailable",
               c->mech[m].why);
    }
  fputs ("\nmethods used (auto), by option:\n", out);
  for (int f = 0; f < SW_FEAT_EXEC; f++)
    print_methods (out, c, f);
}

static void
json_string (FILE *out, char const *s)
{
  putc ('"', out);
  for (unsigned char const *p = (unsigned char const *) s; *p; p++)
    if (*p == '"' || *p == '\\')
      fprintf (out, "\\%c", *p);
    else if (*p < 0x20)
      fprintf (out, "\\u%04x", *p);
    else
      putc (*p, out);
  putc ('"', out);
}

void
sw_check_print_json (FILE *out, struct sw_check const *c)
{
  fprintf (out, "{\"privileged\":%s,\"landlock_abi\":%d,\"mechanisms\":{",
           c->privileged ? "true" : "false", c->landlock_abi);
  for (int m = 0; m < SW_MECH_COUNT; m++)
    {
      fprintf (out, "%s\"%s\":{\"available\":%s,\"why\":",
               m ? "," : "", mech_names[m].key,
               c->mech[m].available ? "true" : "false");
      json_string (out, c->mech[m].why);
      putc ('}', out);
    }
  fputs ("},\"options\":{", out);
  for (int f = 0; f < SW_FEAT_EXEC; f++)
    {
      char const *chosen = sw_check_auto (c, f);
      fprintf (out, "%s\"%s\":{\"stage\":\"%s\",\"method\":", f ? "," : "",
               feature_names[f].name, feature_names[f].stage);
      if (chosen)
        json_string (out, chosen);
      else
        fputs ("null", out);
      fputs (",\"methods\":[", out);
      for (struct sw_method const *m = c->method[f]; m->name; m++)
        fprintf (out, "%s{\"name\":\"%s\",\"available\":%s}",
                 m == c->method[f] ? "" : ",", m->name,
                 m->available ? "true" : "false");
      fputs ("]}", out);
    }
  fputs ("}}\n", out);
}
