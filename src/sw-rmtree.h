/* sw-rmtree.h -- remove a directory tree without following links.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_RMTREE_H
#define SW_RMTREE_H

#include <stddef.h>

/* What sw_rmtree() could not remove.  */
struct sw_rmtree_left
{
  size_t count;         /* entries left behind */
  int err;              /* errno of the first failure */
  char *first;          /* malloc'd name of the first one, or NULL */
};

/* Remove PATH and everything below it, like 'rm -rf' but never following
   a symbolic link (a link is removed, never what it points to, also when
   the tree changes under our feet: every step is relative to a directory
   descriptor opened without following links) and never entering another
   mount (a mount point is left in place, and so is what is above it).
   A directory the caller owns but may not search or write is given
   u+rwx first.  PATH itself is not followed if it is a symbolic link.

   Returns 0 when PATH is gone.  Otherwise -1 with errno set to the first
   error; if LEFT is not NULL it then says what is left (free LEFT->first).
   ENOENT for PATH itself counts as success.  */
int sw_rmtree (char const *path, struct sw_rmtree_left *left);

#endif
