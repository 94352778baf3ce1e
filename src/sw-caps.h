/* sw-caps.h -- capabilities: query, drop, hand on.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_CAPS_H
#define SW_CAPS_H

#include <stdbool.h>

/* True if the calling thread has capability CAP (a CAP_* number) in its
   effective set.  */
bool sw_caps_have (int cap);

/* True if the effective or permitted set is not empty.  */
bool sw_caps_any (void);

/* Empty the bounding set as far as CAP_SETPCAP allows and clear the
   ambient set.  Returns true if the bounding set is now empty.  */
bool sw_caps_drop_bounding (void);

/* Drop every capability this process holds: ambient, inheritable,
   permitted, effective, and the bounding set when CAP_SETPCAP allows it.
   Afterwards an execve() grants nothing, whatever the uid: when the
   calling thread is uid 0 and the bounding set could not be emptied,
   that would not hold, so this fails with EPERM instead.
   Returns 0, or -1 with errno set; WHAT then names the step that failed.  */
int sw_caps_drop_all (char const **what);

#endif
