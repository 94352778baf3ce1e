/* sw-sbprofile.h -- the sandbox-exec profile of sw-netdeny (macOS).
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Portable code, built and unit-tested on every platform
   (tests/unit/test-sbprofile.c); only the exec of /usr/bin/sandbox-exec
   in src/sw-netdeny.c is macOS-only.  */

#ifndef SW_SBPROFILE_H
#define SW_SBPROFILE_H

#include <stddef.h>

/* Write the Seatbelt (SBPL) profile that denies every network operation
   and allows everything else into BUF of SIZE bytes, NUL-terminated.
   Returns the length of the whole profile (as snprintf does): when it is
   SIZE or more, the text was cut short and BUF must be larger.  */
size_t sw_sbprofile_netdeny (char *buf, size_t size);

#endif
