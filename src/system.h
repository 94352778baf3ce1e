/* system.h -- what every stowaway source file includes first.
   Copyright (C) 2026 the stowaway authors.

   This program is free software: you can redistribute it and/or modify
   it under the terms of the GNU General Public License as published by
   the Free Software Foundation, either version 3 of the License, or
   (at your option) any later version.  See COPYING.  */

#ifndef SW_SYSTEM_H
#define SW_SYSTEM_H

#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "exitfail.h"
#include "progname.h"
#include "quote.h"

extern char **environ;

/* One exit-status policy for every binary (GNU env, timeout, chroot).  */
enum
{
  SW_EXIT_CANCELED = 125,       /* the tool itself failed */
  SW_EXIT_CANNOT_INVOKE = 126,  /* PROGRAM found but not executable */
  SW_EXIT_ENOENT = 127          /* PROGRAM not found */
};

/* Options every binary shares in its getopt_long table.  */
enum
{
  SW_OPT_HELP = 0x100,
  SW_OPT_VERSION,
  SW_OPT_FIRST_PRIVATE          /* each program numbers its own from here */
};

#define SW_HELP_OPTION_DECL { "help", no_argument, NULL, SW_OPT_HELP }
#define SW_VERSION_OPTION_DECL { "version", no_argument, NULL, SW_OPT_VERSION }

/* True when --verbose was given; sw_verbose() prints only then.  */
extern bool sw_verbose_flag;

/* The fixed main() prologue: program name, exit status 125 for our own
   failures, stdout checked at exit.  No locale set-up: every link runs on
   every launch, and our messages are not translated.  */
void sw_init (int argc, char **argv);

/* "Try 'PROG --help' for more information." then exit STATUS.  */
_Noreturn void sw_try_help (int status);

/* Print the common tail of --help: --verbose/--help/--version lines,
   the exit-status table, and where to find the manual.  */
void sw_help_tail (void);

/* --version, then exit 0.  */
_Noreturn void sw_version (void);

/* With --verbose, print "PROG: MESSAGE" on stderr.  */
void sw_verbose (char const *format, ...)
  _GL_ATTRIBUTE_FORMAT_PRINTF_STANDARD (1, 2);

/* With STOWAWAY_TRACE in the environment, print "PROG trace: WHAT Nus"
   on stderr: microseconds since the first traced program of the chain
   started (bench/bench.sh -t shows where a launch spends its time).  */
void sw_trace (char const *what);

/* The index of ARG in NAMES (NULL-terminated).  Otherwise say
   "invalid WHAT 'ARG' (a, b or c)" and exit 125 with the Try line.  */
int sw_choice (char const *what, char const *arg,
               char const *const *names);

/* The cases every stage's option loop ends with: -v, --help, --version,
   and an unknown option.  USAGE must be a noreturn usage().  */
#define SW_COMMON_OPTION_CASES                  \
  case 'v':                                     \
    sw_verbose_flag = true;                     \
    break;                                      \
  case SW_OPT_HELP:                             \
    usage ();                                   \
  case SW_OPT_VERSION:                          \
    sw_version ();                              \
  default:                                      \
    sw_try_help (SW_EXIT_CANCELED)

/* A string formatted into memory that never fails (xalloc_die).  */
char *sw_xasprintf (char const *format, ...)
  _GL_ATTRIBUTE_FORMAT_PRINTF_STANDARD (1, 2);

/* Write the whole of TEXT to the existing file PATH.  Returns 0, or -1
   with errno set.  */
int sw_write_file (char const *path, char const *text);

/* Die with 125 unless ARGV holds a PROGRAM.  */
void sw_require_program (int argc, char **argv);

#endif
