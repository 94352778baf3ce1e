/* test-sbprofile -- the sandbox-exec profile of sw-netdeny, exact text.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Runs on every platform (the generator is portable); prints TAP.  The
   profile itself has never been run by sandbox-exec in this project's
   CI (no macOS there).  */

#include "system.h"
#include "tap.h"
#include "sw-sbprofile.h"

static char const expected[] =
  "(version 1)\n"
  ";; sw-netdeny: everything but the network is left as it was\n"
  "(allow default)\n"
  ";; every network operation: IPv4, IPv6, loopback, unix-domain sockets"
  " (DNS goes through mDNSResponder's)\n"
  "(deny network*)\n";

int
main (void)
{
  printf ("1..6\n");

  char buf[4096];
  size_t len = sw_sbprofile_netdeny (buf, sizeof buf);
  ok (len == strlen (expected), "the length returned is the text's");
  ok (strcmp (buf, expected) == 0, "the profile is exactly the expected text");
  if (strcmp (buf, expected) != 0)
    printf ("# got:\n# %s\n", buf);

  ok (sw_sbprofile_netdeny (NULL, 0) == len,
      "with no buffer, the length needed is returned");

  char small[16];
  memset (small, 'x', sizeof small);
  ok (sw_sbprofile_netdeny (small, sizeof small) == len
      && small[sizeof small - 1] == '\0'
      && strncmp (small, expected, sizeof small - 1) == 0,
      "a short buffer gets a NUL-terminated prefix, and the full length");

  /* What the contract asks of the profile: nothing of the network is
     allowed back after it is denied, and the deny comes last.  */
  char const *deny = strstr (buf, "\n(deny network*)\n");
  ok (deny && !strstr (deny + 1, "(allow"),
      "network* is denied and nothing is allowed after that");

  int open = 0, bad = 0;
  for (char const *p = buf; *p; p++)
    {
      if (*p == ';')
        while (*p && *p != '\n')
          p++;
      if (*p == '(')
        open++;
      else if (*p == ')' && --open < 0)
        bad = 1;
    }
  ok (!bad && open == 0, "the parentheses balance");

  return n_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
