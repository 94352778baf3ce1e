/* sw-argv.c -- argument vectors built for a chain.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-argv.h"


#include "c-ctype.h"
#include "xalloc.h"

void
sw_argv_init (struct sw_argv *a)
{
  a->alloc = 16;
  a->v = xnmalloc (a->alloc, sizeof *a->v);
  a->n = 0;
  a->v[0] = NULL;
}

void
sw_argv_push (struct sw_argv *a, char const *arg)
{
  if (a->n + 1 >= a->alloc)
    a->v = x2nrealloc (a->v, &a->alloc, sizeof *a->v);
  a->v[a->n++] = (char *) arg;
  a->v[a->n] = NULL;
}

void
sw_shell_quote (FILE *out, char const *arg)
{
  bool plain = *arg != '\0';
  for (char const *p = arg; *p && plain; p++)
    plain = c_isalnum (*p) || strchr ("_-./:=@%+,", *p);
  if (plain)
    {
      fputs (arg, out);
      return;
    }
  putc ('\'', out);
  for (char const *p = arg; *p; p++)
    if (*p == '\'')
      fputs ("'\\''", out);
    else
      putc (*p, out);
  putc ('\'', out);
}

void
sw_argv_print (FILE *out, struct sw_argv const *a)
{
  for (size_t i = 0; i < a->n; i++)
    {
      if (i)
        putc (' ', out);
      sw_shell_quote (out, a->v[i]);
    }
  putc ('\n', out);
}
