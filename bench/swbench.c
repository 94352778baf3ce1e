/* swbench -- time whole-process launches, interleaved, without a shell.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   swbench latency ROUNDS NAME=CMD... : each round runs every command once,
     in rotating order, and times it from fork to reaped exit; prints per
     command the median, p10 and p90 in ms and the peak RSS, then one line
     per command with its median as a ratio of the second command's.
   swbench throughput N P NAME=CMD... : for each command, P workers run it
     N/P times each, all at once; prints launches per second.
   CMD is split on spaces (no quoting).  A command that exits non-zero
   stops the benchmark: a failed launch is not a fast one.  */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd
{
  char *name;
  char **argv;
  double *ms;
  long maxrss_kb;
};

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
parse (struct cmd *c, char *spec, int rounds)
{
  char *eq = strchr (spec, '=');
  if (!eq)
    {
      fprintf (stderr, "swbench: %s: want NAME=CMD\n", spec);
      exit (2);
    }
  *eq = '\0';
  c->name = spec;
  int n = 0;
  c->argv = calloc (strlen (eq + 1) + 2, sizeof *c->argv);
  for (char *t = strtok (eq + 1, " "); t; t = strtok (NULL, " "))
    c->argv[n++] = t;
  c->ms = calloc (rounds > 0 ? rounds : 1, sizeof *c->ms);
  c->maxrss_kb = 0;
}

static double
run_once (struct cmd *c)
{
  int devnull = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  double t0 = now_ms ();
  pid_t pid = fork ();
  if (pid == 0)
    {
      dup2 (devnull, 1);
      execvp (c->argv[0], c->argv);
      _exit (127);
    }
  int st;
  struct rusage ru;
  while (wait4 (pid, &st, 0, &ru) < 0 && errno == EINTR)
    ;
  double t = now_ms () - t0;
  close (devnull);
  if (!WIFEXITED (st) || WEXITSTATUS (st) != 0)
    {
      fprintf (stderr, "swbench: %s failed (status %#x); run it by hand\n",
               c->name, st);
      exit (1);
    }
  if (ru.ru_maxrss > c->maxrss_kb)
    c->maxrss_kb = ru.ru_maxrss;
  return t;
}

static int
cmp (void const *a, void const *b)
{
  double x = *(double const *) a, y = *(double const *) b;
  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  if (argc >= 4 && strcmp (argv[1], "latency") == 0)
    {
      int rounds = atoi (argv[2]);
      int n = argc - 3;
      struct cmd *c = calloc (n, sizeof *c);
      for (int i = 0; i < n; i++)
        parse (&c[i], argv[3 + i], rounds);
      for (int i = 0; i < n; i++)       /* warm up caches */
        run_once (&c[i]);
      for (int r = 0; r < rounds; r++)
        for (int k = 0; k < n; k++)
          {
            int i = (r + k) % n;
            c[i].ms[r] = run_once (&c[i]);
          }
      for (int i = 0; i < n; i++)
        qsort (c[i].ms, rounds, sizeof *c[i].ms, cmp);
      printf ("%-12s %9s %9s %9s %10s\n", "command", "median", "p10", "p90",
              "maxrss");
      for (int i = 0; i < n; i++)
        printf ("%-12s %7.3fms %7.3fms %7.3fms %8ldkB\n", c[i].name,
                c[i].ms[rounds / 2], c[i].ms[rounds / 10],
                c[i].ms[rounds * 9 / 10], c[i].maxrss_kb);
      /* The first command against the second, last, for scripts.  */
      if (n > 1)
        printf ("ratio %s/%s: %.2f\n", c[0].name, c[1].name,
                c[0].ms[rounds / 2] / c[1].ms[rounds / 2]);
      return 0;
    }
  if (argc >= 5 && strcmp (argv[1], "throughput") == 0)
    {
      int total = atoi (argv[2]), par = atoi (argv[3]);
      int n = argc - 4;
      double *rate = calloc (n, sizeof *rate);
      for (int i = 0; i < n; i++)
        {
          struct cmd c;
          parse (&c, argv[4 + i], 1);
          double t0 = now_ms ();
          for (int p = 0; p < par; p++)
            if (fork () == 0)
              {
                for (int k = 0; k < total / par; k++)
                  run_once (&c);
                _exit (0);
              }
          int st, bad = 0;
          while (wait (&st) > 0)
            bad |= !WIFEXITED (st) || WEXITSTATUS (st) != 0;
          if (bad)
            return 1;
          rate[i] = (total / par) * par / ((now_ms () - t0) / 1e3);
          printf ("%-12s %8.0f launches/s (%d parallel)\n", c.name, rate[i],
                  par);
        }
      if (n > 1)
        printf ("throughput ratio %s: %.2f\n", "first/second",
                rate[0] / rate[1]);
      return 0;
    }
  fputs ("usage: swbench latency ROUNDS NAME=CMD...\n"
         "       swbench throughput N P NAME=CMD...\n", stderr);
  return 2;
}
