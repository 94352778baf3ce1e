/* sw-stagedir.h -- keep the suite's own programs reachable when a stage
   hides the directory they are installed in.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   The front end runs every stage by absolute path.  When sw-mkhome
   mounts a tmpfs over a home that holds them (~/.local/bin, a build tree
   in ~/src), or sw-fsview hides /tmp with a build tree in it, the stages
   after it would not be found.  A stage that hides PATH therefore saves
   the stage directory before (an O_PATH descriptor) when it lies beneath
   PATH, and binds it back, read-only, at the same place after.  Only
   that one directory comes back; PROGRAM's own files stay hidden.
   Call sw_stagedir_save() before mounting anything, and
   sw_stagedir_restore() when the view is complete.  */

#ifndef SW_STAGEDIR_H
#define SW_STAGEDIR_H

struct sw_stagedir
{
  int fd;               /* O_PATH descriptor of the directory, or -1 */
  char *path;           /* its absolute path, or NULL */
};

/* Open the directory of the running program into SD.  Returns 0, or -1
   with errno set.  */
int sw_stagedir_save (struct sw_stagedir *sd);

/* If the saved directory is no longer what its path shows (something
   was mounted over it or over a directory above it), create that path in
   what covers it and bind the saved directory there, read-only.  Closes
   the descriptor.  Returns 0, or -1 with errno set and *WHAT naming the
   step.  */
int sw_stagedir_restore (struct sw_stagedir *sd, char const **what);

#endif
