/* sw-sbprofile.c -- the sandbox-exec profile of sw-netdeny (macOS).
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   The profile is built from a table of rules, each with the reason it is
   there, so that the text sandbox-exec gets carries its own explanation.
   Seatbelt cannot tell the sandbox's loopback from the host's (there is
   no network namespace on macOS), so loopback is denied with the rest:
   failing closed on the host's loopback services costs PROGRAM its own
   loopback server.  Unix-domain sockets are denied too, since macOS
   resolves names through one (mDNSResponder's).  */

#include "system.h"
#include "sw-sbprofile.h"

struct sb_rule
{
  char const *why;              /* becomes a ";" comment line, or NULL */
  char const *rule;
};

static struct sb_rule const netdeny_rules[] =
{
  { NULL, "(version 1)" },
  { "sw-netdeny: everything but the network is left as it was",
    "(allow default)" },
  { "every network operation: IPv4, IPv6, loopback, unix-domain sockets"
    " (DNS goes through mDNSResponder's)",
    "(deny network*)" },
};

size_t
sw_sbprofile_netdeny (char *buf, size_t size)
{
  size_t len = 0;
  if (size)
    buf[0] = '\0';
  for (size_t i = 0; i < sizeof netdeny_rules / sizeof *netdeny_rules; i++)
    {
      struct sb_rule const *r = &netdeny_rules[i];
      int n = snprintf (len < size ? buf + len : NULL,
                        len < size ? size - len : 0,
                        "%s%s%s%s\n",
                        r->why ? ";; " : "", r->why ? r->why : "",
                        r->why ? "\n" : "", r->rule);
      len += n < 0 ? 0 : (size_t) n;
    }
  return len;
}
