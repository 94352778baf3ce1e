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

/* For a PROGRAM about to be exec'd that will stay uid 0: unless done
   already in this mount namespace, or /proc/sys is read-only anyway,
   move into a mount namespace of its own (a slave of the current one:
   later mounts still show, nothing propagates back) and call
   sw_proc_protect() there.  Needs CAP_SYS_ADMIN; without it, and with
   /proc/sys writable, fails with EPERM.  Does nothing for a euid other
   than 0.  Returns 0, or -1 with errno set and *WHAT naming the step.  */
int sw_proc_protect_uid0 (char const **what);

#endif
