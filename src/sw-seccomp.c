/* sw-seccomp.c -- seccomp filters, built with libseccomp.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-seccomp.h"

#ifdef HAVE_LIBSECCOMP
# include <seccomp.h>
# include <sys/ioctl.h>

bool
sw_seccomp_available (void)
{
  return true;
}

/* Add to CTX the architectures whose programs can run on this machine
   beside the native one: a filter that ignored them would be bypassed by
   a 32-bit binary.  */
static int
add_compat_arches (scmp_filter_ctx ctx)
{
  static uint32_t const compat[] =
    {
# if defined __x86_64__
      SCMP_ARCH_X86, SCMP_ARCH_X32,
# elif defined __aarch64__
      SCMP_ARCH_ARM,
# endif
      0
    };
  for (size_t i = 0; compat[i]; i++)
    {
      int r = seccomp_arch_add (ctx, compat[i]);
      if (r != 0 && r != -EEXIST)
        return r;
    }
  return 0;
}

int
sw_seccomp_block_tty_injection (char const **what)
{
  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  if (!ctx)
    {
      *what = "initialise a seccomp filter";
      errno = ENOMEM;
      return -1;
    }
  int r = add_compat_arches (ctx);
  if (r == 0)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                          SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu, TIOCSTI));
  if (r == 0)
    r = seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (ioctl), 1,
                          SCMP_A1 (SCMP_CMP_MASKED_EQ, 0xFFFFFFFFu,
                                   TIOCLINUX));
  if (r != 0)
    {
      *what = "build the seccomp filter against TIOCSTI/TIOCLINUX";
      seccomp_release (ctx);
      errno = -r;
      return -1;
    }
  r = seccomp_load (ctx);
  seccomp_release (ctx);
  if (r != 0)
    {
      *what = "load the seccomp filter against TIOCSTI/TIOCLINUX";
      errno = -r;
      return -1;
    }
  return 0;
}

#else /* !HAVE_LIBSECCOMP */

bool
sw_seccomp_available (void)
{
  return false;
}

int
sw_seccomp_block_tty_injection (char const **what)
{
  *what = "block TIOCSTI/TIOCLINUX (built without libseccomp)";
  errno = ENOSYS;
  return -1;
}

#endif
