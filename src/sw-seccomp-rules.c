/* sw-seccomp-rules.c -- the seccomp filters, written with libseccomp.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Build time only: see sw-seccomp-rules.h.  To add a filter, write its
   rules function here, list it in sw_filter_defs, and load it by name
   with sw_seccomp_load (SW_FILTER_<NAME>) (src/sw-seccomp.h).  */

#include <errno.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "sw-seccomp-rules.h"

/* TIOCSTI and TIOCLINUX fail with EPERM.  The kernel compares only the
   low 32 bits of the request, so must the filter (CVE-2019-10063).  */
static int
tty_injection (scmp_filter_ctx ctx)
{
  int r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                            SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu,
                                     TIOCSTI));
  if (r == 0)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                          SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu,
                                   TIOCLINUX));
  return r;
}

/* sw-netdeny, seccomp method: no socket of any family but AF_UNIX, and no
   io_uring (its IORING_OP_SOCKET creates sockets without socket()).

   libseccomp writes each rule for every ABI of the filter: on x86_64 the
   native, x32 and i386 system call numbers.  On i386, socket() also goes
   through socketcall(SYS_SOCKET, args), whose family lies in user memory
   that seccomp cannot read; libseccomp (2.4 and later) then refuses that
   socketcall call whatever its family, AF_UNIX included.  That is what we
   want (fail closed) and tests/bats/sw-netdeny.bats checks it with an
   i386 socketcall; the cost is that a 32-bit program whose libc uses
   socketcall cannot create AF_UNIX sockets either.  The family is an int:
   the filter compares all 64 bits, so junk in the upper half is refused,
   never let through.  socketpair() is held to AF_UNIX the same way.

   Without a network namespace, another process of the same user outside
   still has the network: PROGRAM could borrow it by ptrace(), by taking
   one of its descriptors (pidfd_getfd), or by writing its memory
   (process_vm_writev).  Those fail with EPERM (debuggers inside do not
   work under this method).  */
static int
net_deny (scmp_filter_ctx ctx)
{
  static int const creators[] = { SCMP_SYS (socket), SCMP_SYS (socketpair) };
  static int const uring[] =
    { SCMP_SYS (io_uring_setup), SCMP_SYS (io_uring_enter),
      SCMP_SYS (io_uring_register) };
  int r = 0;
  for (size_t i = 0; r == 0 && i < sizeof creators / sizeof *creators; i++)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EACCES), creators[i], 1,
                          SCMP_A0 (SCMP_CMP_NE, AF_UNIX));
  /* ENOSYS, as on a kernel without io_uring: programs fall back to
     ordinary system calls.  */
  for (size_t i = 0; r == 0 && i < sizeof uring / sizeof *uring; i++)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), uring[i], 0);
  static int const borrow[] =
    { SCMP_SYS (ptrace), SCMP_SYS (pidfd_getfd), SCMP_SYS (process_vm_writev),
      SCMP_SYS (process_vm_readv) };
  for (size_t i = 0; r == 0 && i < sizeof borrow / sizeof *borrow; i++)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), borrow[i], 0);
  return r;
}

struct sw_filter_def const sw_filter_defs[] =
{
  { "tty_injection", tty_injection },
  { "net_deny", net_deny },
  { NULL, NULL }
};
