/* sw-execnext.h -- the last step of every link: exec the rest of argv.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_EXECNEXT_H
#define SW_EXECNEXT_H

#include <stdbool.h>

enum
{
  /* Drop every capability even when the next program is one of ours
     (sw-exec: the next program is always the user's).  */
  SW_EXEC_NEVER_HAND_ON = 1 << 0
};

/* Find NAME as execvp() would, in the directories of PATH (the current
   environment's; a default when unset).  Returns a malloc'd path, or
   NULL with errno set (ENOENT, or EACCES when only a non-executable
   candidate was found).  A NAME with a slash is returned as it is.  */
char *sw_find_program (char const *name);

/* True if PATH is one of the suite's own stage binaries installed beside
   the running one (same directory, same file).  */
bool sw_is_sibling_stage (char const *path);

/* Exec ARGV (ARGV[0] searched in PATH).  Capabilities this process holds
   pass on only to a sibling stage (the explicit agreement between the
   suite's binaries: same directory, same inode, a known stage name);
   before any other program they are all dropped, so the composition
   invariant holds.  Checks stderr for write errors first.  On failure,
   dies: 127 if PROGRAM was not found, 126 if it could not be run, 125 if
   the capabilities could not be dropped.  */
_Noreturn void sw_exec_next (char **argv, unsigned flags);

#endif
