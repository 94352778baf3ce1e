/* sw-test-nons -- run a command on a "host" without some namespaces.
   Usage: sw-test-nons KINDS -- COMMAND [ARG]...
   KINDS is a comma-separated list of user, net, mount, pid.  A seccomp
   filter (libseccomp) makes unshare() and clone() with those flags fail
   with EPERM and clone3() fail with ENOSYS (so libc falls back to clone),
   as on a host whose sysctl, AppArmor policy or container seccomp profile
   refuses them.  Copyright (C) 2026 the stowaway authors.
   GPL-3.0-or-later.  */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  if (argc < 4 || strcmp (argv[2], "--") != 0)
    {
      fputs ("usage: sw-test-nons user[,net,mount,pid] -- COMMAND...\n",
             stderr);
      return 2;
    }
  unsigned long flags = 0;
  char *kinds = strdup (argv[1]);
  for (char *k = strtok (kinds, ","); k; k = strtok (NULL, ","))
    if (strcmp (k, "user") == 0)
      flags |= CLONE_NEWUSER;
    else if (strcmp (k, "net") == 0)
      flags |= CLONE_NEWNET;
    else if (strcmp (k, "mount") == 0)
      flags |= CLONE_NEWNS;
    else if (strcmp (k, "pid") == 0)
      flags |= CLONE_NEWPID;
    else
      {
        fprintf (stderr, "sw-test-nons: unknown kind %s\n", k);
        return 2;
      }

  scmp_filter_ctx ctx = seccomp_init (SCMP_ACT_ALLOW);
  int r = 0;
#ifdef __x86_64__
  r |= seccomp_arch_add (ctx, SCMP_ARCH_X86) & ~-EEXIST;
#endif
  for (unsigned long bit = 1; bit; bit <<= 1)
    {
      if (!(flags & bit))
        continue;
      r |= seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (unshare),
                             1, SCMP_A0 (SCMP_CMP_MASKED_EQ, bit, bit));
      r |= seccomp_rule_add (ctx, SCMP_ACT_ERRNO (EPERM), SCMP_SYS (clone),
                             1, SCMP_A0 (SCMP_CMP_MASKED_EQ, bit, bit));
    }
  r |= seccomp_rule_add (ctx, SCMP_ACT_ERRNO (ENOSYS), SCMP_SYS (clone3), 0);
  if (r != 0 || prctl (PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
      || seccomp_load (ctx) != 0)
    {
      fputs ("sw-test-nons: cannot install the seccomp filter\n", stderr);
      return 2;
    }
  execvp (argv[3], argv + 3);
  fprintf (stderr, "sw-test-nons: %s: %s\n", argv[3], strerror (errno));
  return 127;
}
