/* sw-user.h -- who PROGRAM runs as.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_USER_H
#define SW_USER_H

#include <sys/types.h>

struct sw_user
{
  uid_t uid;
  gid_t gid;
  char *name;   /* login name, or the number when not in the passwd file */
  char *home;   /* passwd home, or "/" */
  char *shell;  /* passwd shell, or "/bin/sh" */
};

/* Fill U for SPEC, a user name or a numeric uid; "+UID" is taken as a
   number without looking it up as a name first.  Returns 0, or -1 with
   errno set (ENOENT: no such user name).  */
int sw_user_lookup (char const *spec, struct sw_user *u);

/* Fill U for UID; a uid absent from the passwd file still succeeds.  */
void sw_user_from_uid (uid_t uid, struct sw_user *u);

#endif
