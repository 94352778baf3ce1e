/* sw-proc.h -- the parts of /proc a uid-0 PROGRAM must not write.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_PROC_H
#define SW_PROC_H

/* Bind /proc/sys, /proc/sysrq-trigger, /proc/irq, /proc/bus and /proc/fs
   read-only over themselves, in the current (private) mount namespace.
   The kernel lets uid 0 write sysctls by file mode alone, without any
   capability: a capability-less uid 0 could otherwise set
   kernel.core_pattern and so run a program as full root on the host.
   Needed only where PROGRAM may be uid 0 of the host's user namespace
   (a stage that made no user namespace).  Returns 0, or -1 with errno
   set and *WHAT naming the step.  */
int sw_proc_protect (char const **what);

#endif
