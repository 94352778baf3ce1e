/* sw-argv.h -- argument vectors built for a chain.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_ARGV_H
#define SW_ARGV_H

#include <stddef.h>
#include <stdio.h>

struct sw_argv
{
  char **v;             /* NULL-terminated */
  size_t n, alloc;
};

void sw_argv_init (struct sw_argv *a);

/* Append ARG (not copied: it must outlive A).  */
void sw_argv_push (struct sw_argv *a, char const *arg);

/* Write ARG to OUT quoted for a POSIX shell: unchanged when it is made
   only of safe characters, else in single quotes, each ' as '\''.  */
void sw_shell_quote (FILE *out, char const *arg);

/* Write the vector on one line, each argument quoted, so that pasting
   the line into a shell runs the same command.  */
void sw_argv_print (FILE *out, struct sw_argv const *a);

#endif
