/* sw-user.c -- who PROGRAM runs as.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-user.h"

#include <pwd.h>

#include "xalloc.h"
#include "xstrtol.h"

static void
fill (struct sw_user *u, struct passwd const *pw)
{
  u->uid = pw->pw_uid;
  u->gid = pw->pw_gid;
  u->name = xstrdup (pw->pw_name);
  u->home = xstrdup (pw->pw_dir && *pw->pw_dir ? pw->pw_dir : "/");
  u->shell = xstrdup (pw->pw_shell && *pw->pw_shell ? pw->pw_shell
                      : "/bin/sh");
}

void
sw_user_from_uid (uid_t uid, struct sw_user *u)
{
  struct passwd *pw = getpwuid (uid);
  if (pw)
    {
      fill (u, pw);
      return;
    }
  char num[32];
  snprintf (num, sizeof num, "%lu", (unsigned long) uid);
  u->uid = uid;
  u->gid = uid;
  u->name = xstrdup (num);
  u->home = xstrdup ("/");
  u->shell = xstrdup ("/bin/sh");
}

int
sw_user_lookup (char const *spec, struct sw_user *u)
{
  /* "+UID" is a number, never a name (as in chown): no name lookup.  */
  bool numeric_only = *spec == '+';
  if (numeric_only)
    spec++;
  struct passwd *pw = numeric_only ? NULL : getpwnam (spec);
  if (pw)
    {
      fill (u, pw);
      return 0;
    }
  uintmax_t n;
  if (*spec && xstrtoumax (spec, NULL, 10, &n, "") == LONGINT_OK
      && n < (uid_t) -1)
    {
      sw_user_from_uid (n, u);
      return 0;
    }
  errno = ENOENT;
  return -1;
}
