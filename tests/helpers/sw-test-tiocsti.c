/* sw-test-tiocsti -- try to inject input into the terminal on fd 0.
   Exit 0 if either ioctl succeeded (the attack worked), 1 if both were
   refused, 2 on a setup error.  Copyright (C) 2026 the stowaway authors.
   GPL-3.0-or-later.  */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int
main (int argc, char **argv)
{
  int fd = 0;
  if (!isatty (fd))
    {
      fputs ("sw-test-tiocsti: stdin is not a terminal\n", stderr);
      return 2;
    }
  char const c = argc > 1 ? argv[1][0] : '#';
  int worked = 0;
  /* The plain request, then the same with high bits set in the 64-bit
     request number, which the kernel truncates to 32 bits
     (CVE-2019-10063).  */
  unsigned long reqs[] = { TIOCSTI, TIOCSTI | 0xdead00000000UL };
  for (size_t i = 0; i < sizeof reqs / sizeof *reqs; i++)
    {
      if (ioctl (fd, reqs[i], &c) == 0)
        {
          printf ("tiocsti %#lx: injected\n", reqs[i]);
          worked = 1;
        }
      else
        printf ("tiocsti %#lx: %s\n", reqs[i], strerror (errno));
    }
  char sub = 6;         /* TIOCL_SETSEL-family probe: any TIOCLINUX */
  if (ioctl (fd, TIOCLINUX, &sub) == 0)
    {
      printf ("tioclinux: accepted\n");
      worked = 1;
    }
  else
    printf ("tioclinux: %s\n", strerror (errno));
  return worked ? 0 : 1;
}
