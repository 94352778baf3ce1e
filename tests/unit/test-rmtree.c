/* test-rmtree.c -- sw_rmtree(): removes everything, follows no link,
   crosses no mount.  Prints TAP.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "tap.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#ifdef SW_LINUX
# include <sched.h>
# include <sys/mount.h>
#endif

#include "sw-rmtree.h"

static char base[] = "/tmp/test-rmtree.XXXXXX";

static char *
at (char const *rel)
{
  static char buf[4][4096];
  static int i;
  i = (i + 1) % 4;
  snprintf (buf[i], sizeof buf[i], "%s/%s", base, rel);
  return buf[i];
}

static void
put (char const *rel, char const *text)
{
  FILE *f = fopen (at (rel), "w");
  if (!f || fputs (text, f) < 0 || fclose (f) != 0)
    {
      printf ("Bail out! cannot write %s\n", at (rel));
      exit (EXIT_FAILURE);
    }
}

static bool
holds (char const *rel, char const *text)
{
  char buf[256] = "";
  FILE *f = fopen (at (rel), "r");
  if (!f)
    return false;
  bool r = fgets (buf, sizeof buf, f) && strcmp (buf, text) == 0;
  fclose (f);
  return r;
}

static bool
gone (char const *rel)
{
  struct stat st;
  return lstat (at (rel), &st) != 0 && errno == ENOENT;
}

static void
must (int r, char const *what)
{
  if (r != 0)
    {
      printf ("Bail out! %s: %s\n", what, strerror (errno));
      exit (EXIT_FAILURE);
    }
}

#ifdef SW_LINUX
/* A private mount namespace: as root directly, else in a user
   namespace mapping only ourselves.  */
static bool
private_mounts (void)
{
  uid_t uid = geteuid ();
  gid_t gid = getegid ();
  if (uid != 0)
    {
      if (unshare (CLONE_NEWUSER | CLONE_NEWNS) != 0)
        return false;
      char map[64];
      int fd = open ("/proc/self/setgroups", O_WRONLY);
      if (fd >= 0)
        {
          if (write (fd, "deny", 4) != 4)
            return false;
          close (fd);
        }
      snprintf (map, sizeof map, "%lu %lu 1", (unsigned long) uid,
                (unsigned long) uid);
      fd = open ("/proc/self/uid_map", O_WRONLY);
      if (fd < 0 || write (fd, map, strlen (map)) < 0)
        return false;
      close (fd);
      snprintf (map, sizeof map, "%lu %lu 1", (unsigned long) gid,
                (unsigned long) gid);
      fd = open ("/proc/self/gid_map", O_WRONLY);
      if (fd < 0 || write (fd, map, strlen (map)) < 0)
        return false;
      close (fd);
    }
  else if (unshare (CLONE_NEWNS) != 0)
    return false;
  return mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0;
}
#endif

int
main (void)
{
  umask (022);
  if (!mkdtemp (base))
    {
      printf ("Bail out! mkdtemp: %s\n", strerror (errno));
      return EXIT_FAILURE;
    }
  printf ("1..10\n");

  ok (sw_rmtree (at ("no-such"), NULL) == 0, "a missing tree is success");

  /* Outside the tree: what must survive.  */
  must (mkdir (at ("outside"), 0755), "mkdir outside");
  put ("outside/inner", "keep\n");
  put ("precious", "precious\n");

  /* The tree: files, nested directories, links of every kind, a fifo, a
     directory we may not enter.  */
  must (mkdir (at ("t"), 0700), "mkdir t");
  must (mkdir (at ("t/a"), 0755), "mkdir t/a");
  must (mkdir (at ("t/a/b"), 0755), "mkdir t/a/b");
  put ("t/f", "x\n");
  put ("t/a/b/g", "y\n");
  must (symlink (at ("precious"), at ("t/x")), "symlink x");
  must (symlink (at ("outside"), at ("t/d")), "symlink d");
  must (symlink (at ("outside"), at ("t/a/b/d2")), "symlink d2");
  must (symlink ("/no/such/target", at ("t/dangling")), "symlink dangling");
  must (mkfifo (at ("t/fifo"), 0600), "mkfifo");
  must (mkdir (at ("t/locked"), 0755), "mkdir locked");
  put ("t/locked/h", "z\n");
  must (chmod (at ("t/locked"), 0), "chmod locked");

  struct sw_rmtree_left left = { 0, 0, NULL };
  int r = sw_rmtree (at ("t"), &left);
  ok (r == 0, "the whole tree is removed");
  if (r != 0)
    printf ("# %zu left, first %s: %s\n", left.count, left.first,
            strerror (left.err));
  ok (gone ("t"), "nothing of it is left");
  ok (holds ("precious", "precious\n") && holds ("outside/inner", "keep\n"),
      "what the links pointed to is untouched");

  /* The root itself a link: the link goes, not the directory.  */
  must (symlink (at ("outside"), at ("rootlink")), "symlink rootlink");
  ok (sw_rmtree (at ("rootlink"), NULL) == 0 && gone ("rootlink")
      && holds ("outside/inner", "keep\n"),
      "a link as the root is removed, not followed");

#ifdef SW_LINUX
  pid_t pid = fork ();
  if (pid == 0)
    {
      /* In a child: its mount namespace dies with it.  Exit status: a
         bit per failed check, 100 for "cannot".  */
      if (!private_mounts ())
        _exit (100);
      int bad = 0;
      must (mkdir (at ("m"), 0700), "mkdir m");
      must (mkdir (at ("m/bind"), 0700), "mkdir m/bind");
      must (mkdir (at ("m/tmpfs"), 0700), "mkdir m/tmpfs");
      if (mount (at ("outside"), at ("m/bind"), NULL, MS_BIND, NULL) != 0
          || mount ("test", at ("m/tmpfs"), "tmpfs", 0, "size=64k") != 0)
        _exit (100);
      put ("m/tmpfs/on-tmpfs", "tmpfs\n");
      struct sw_rmtree_left l = { 0, 0, NULL };
      if (sw_rmtree (at ("m"), &l) == 0)
        bad |= 1;
      if (!holds ("outside/inner", "keep\n"))
        bad |= 2;
      if (!holds ("m/tmpfs/on-tmpfs", "tmpfs\n"))
        bad |= 4;
      if (l.count < 2 || !l.first || l.err != EBUSY)
        bad |= 8;
      umount (at ("m/bind"));
      umount (at ("m/tmpfs"));
      if (sw_rmtree (at ("m"), NULL) != 0)
        bad |= 16;
      _exit (bad);
    }
  int status = -1;
  if (pid > 0)
    waitpid (pid, &status, 0);
  if (pid > 0 && WIFEXITED (status) && WEXITSTATUS (status) != 100)
    {
      int bad = WEXITSTATUS (status);
      ok (!(bad & 1), "a tree holding mount points is reported not removed");
      ok (!(bad & 2), "a bind mount of the same file system is not entered");
      ok (!(bad & 4), "a mount of another file system is not entered");
      ok (!(bad & 8), "the report counts the mount points, EBUSY");
      ok (!(bad & 16), "once unmounted, the rest goes");
    }
  else
    for (int i = 0; i < 5; i++)
      skip ("mount points in the tree", "no mount namespace here");
#else
  for (int i = 0; i < 5; i++)
    skip ("mount points in the tree", "not Linux");
#endif

  sw_rmtree (base, NULL);
  return n_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
