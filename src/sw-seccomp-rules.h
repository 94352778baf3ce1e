/* sw-seccomp-rules.h -- the seccomp filters, written with libseccomp.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   These functions run at build time only, in src/sw-mkfilters, which
   exports each filter as BPF into the generated src/sw-filters.h.  The
   stages load that BPF directly (src/sw-seccomp.c): libseccomp stays the
   one source of truth for the rules, and no stage pays for building a
   filter, or links the library, on every launch.  */

#ifndef SW_SECCOMP_RULES_H
#define SW_SECCOMP_RULES_H

#include <seccomp.h>

/* Each adds its rules to CTX (default action ALLOW, every ABI of the
   target machine added) and returns 0 or a negative errno.  */
typedef int (*sw_filter_rules) (scmp_filter_ctx ctx);

struct sw_filter_def
{
  char const *name;             /* C identifier in sw-filters.h */
  sw_filter_rules rules;
};

/* All filters, NULL-terminated.  */
extern struct sw_filter_def const sw_filter_defs[];

#endif
