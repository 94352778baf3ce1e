/* sw-profile.h -- profiles and the user config: find, read, list.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   A profile is a text file of long options without the leading "--",
   one per line: "NAME" or "NAME VALUE" (or "NAME=VALUE"), '#' comments
   and blank lines, and "include NAME".  NAME is looked up in the same
   getopt_long table the command line uses, and the caller applies it
   with the same code: there is no second grammar.  */

#ifndef SW_PROFILE_H
#define SW_PROFILE_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

/* The longest line a profile may have, newline excluded.  */
enum { SW_PROFILE_LINE_MAX = 4096 };

/* Include depth limit (a loop is caught before this).  */
enum { SW_PROFILE_DEPTH_MAX = 32 };

/* Where profiles are looked up by name, first match wins.  */
struct sw_profile_dirs
{
  char const *dir[16];
  size_t n;
};

/* Fill D: $XDG_CONFIG_HOME/stowaway/profiles (default
   ~/.config/stowaway/profiles), then either the directories of
   $STOWAWAY_PROFILE_PATH (colon-separated) when it is set, or
   SYSCONFDIR/stowaway/profiles and PKGDATADIR/profiles.  */
void sw_profile_dirs (struct sw_profile_dirs *d);

/* The user config file, $XDG_CONFIG_HOME/stowaway/config (default
   ~/.config/stowaway/config), or NULL when no home is known.  */
char *sw_profile_config_file (void);

/* The file profile NAME names: NAME itself when it holds a '/', else
   the first DIR/NAME that exists.  Returns a new string, or NULL with
   errno ENOENT (no such profile) or EINVAL (a bad name).  */
char *sw_profile_find (struct sw_profile_dirs const *d, char const *name);

/* One "NAME [VALUE]" line, handed to the caller's apply function with
   OPT, the matching entry of the option table.  It returns NULL, or a
   message (e.g. "bad value 'x' for net-method") that becomes the error
   for this file and line.  */
typedef char const *(*sw_profile_apply_fn) (void *ctx,
                                             struct option const *opt,
                                             char const *value);

/* Where reading stopped: FILE:LINE: MSG (LINE 0 when the file as a
   whole failed).  MSG is allocated.  */
struct sw_profile_error
{
  char *file;
  unsigned long line;
  char *msg;
};

/* Read profile FILE (a path), applying each option with APPLY in
   order.  "include NAME" reads NAME (looked up in D; a relative path is
   taken from FILE's directory) at that point; when D is NULL, includes
   are not followed but handed to APPLY as an option named "include".  Options named in REJECT
   (a NULL-terminated list, e.g. "help") are refused.  Returns 0, or -1
   with *ERR filled.  */
int sw_profile_read (char const *file, struct sw_profile_dirs const *d,
                     struct option const *longopts,
                     char const *const *reject,
                     sw_profile_apply_fn apply, void *ctx,
                     struct sw_profile_error *err);

/* One profile found by sw_profile_list().  */
struct sw_profile_entry
{
  char *name;
  char *file;
  char *shadows;        /* the file of the same name it hides, or NULL */
};

/* Every profile in D, sorted by name, each name once (the first
   directory wins; what it shadows is noted).  Returns the count and
   sets *LIST (malloc'ed).  */
size_t sw_profile_list (struct sw_profile_dirs const *d,
                        struct sw_profile_entry **list);

#endif
