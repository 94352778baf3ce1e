/* tap.h -- a few lines of TAP for the C unit tests.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_TAP_H
#define SW_TAP_H

#include <stdbool.h>
#include <stdio.h>

static int n_tests, n_failed;

/* Report test WHAT as passed if COND.  */
__attribute__ ((__unused__)) static void
ok (bool cond, char const *what)
{
  n_tests++;
  if (!cond)
    n_failed++;
  printf ("%sok %d - %s\n", cond ? "" : "not ", n_tests, what);
}

/* Report test WHAT as skipped, because WHY.  */
__attribute__ ((__unused__)) static void
skip (char const *what, char const *why)
{
  n_tests++;
  printf ("ok %d - %s # SKIP %s\n", n_tests, what, why);
}

#endif
