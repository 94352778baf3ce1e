/* sw-ns.h -- entering namespaces, with or without a user namespace.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_NS_H
#define SW_NS_H

#include <stdbool.h>

/* Move the calling process into new namespaces NSFLAGS (CLONE_NEWNET,
   CLONE_NEWNS, CLONE_NEWPID, ...).  With CAP_SYS_ADMIN in its user
   namespace (root, or a stage handed root's capabilities) the process
   unshares them directly.  Otherwise it creates a user namespace along
   with them, mapping only its own uid and gid to themselves (setgroups
   denied first), so it holds capabilities over the new namespaces alone
   and loses them at its next execve().

   Returns 0, or -1 with errno set and *WHAT naming the step that failed.
   *MADE_USERNS (if not NULL) tells whether a user namespace was made.  */
int sw_ns_enter (int nsflags, bool *made_userns, char const **what);

/* Always create a user namespace together with NSFLAGS, mapping only
   the caller's uid and gid (setgroups denied first).  Returns 0, or -1
   with errno set and *WHAT naming the step.  */
int sw_userns_enter (int nsflags, char const **what);

/* A hint to append to a namespace failure message, for errno E:
   e.g. " (are unprivileged user namespaces disabled? see 'stowaway check')",
   or "" when there is nothing useful to say.  */
char const *sw_ns_hint (int e);

#endif
