/* sw-frame.c -- the usage/--help/--version frame every binary shares.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"

#include <getopt.h>
#include <stdarg.h>
#include <time.h>

#include <fcntl.h>

#include "closeout.h"
#include "xalloc.h"
#include "version-etc.h"

/* version_etc() prints this; it must live in the same object as
   sw_version() or static-library order may drop it.  */
char const version_etc_copyright[] = "Copyright %s %d the stowaway authors.";

bool sw_verbose_flag;

/* STOWAWAY_TRACE: -1 when off, else the chain's start in microseconds.  */
static long long trace_epoch = -1;

static long long
now_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

void
sw_trace (char const *what)
{
  if (trace_epoch >= 0)
    fprintf (stderr, "%s trace: %s %lldus\n", program_name, what,
             now_us () - trace_epoch);
}

void
sw_init (int argc, char **argv)
{
  (void) argc;
  set_program_name (argv[0]);
  /* Messages start with the bare name, however we were invoked (the
     front end runs stages by absolute path).  */
  char const *slash = strrchr (program_name, '/');
  if (slash)
    program_name = slash + 1;
#ifdef __GLIBC__
  /* glibc's error() prints this one.  */
  program_invocation_name = (char *) program_name;
#endif
  exit_failure = SW_EXIT_CANCELED;
  atexit (close_stdout);

  char const *trace = getenv ("STOWAWAY_TRACE");
  if (trace)
    {
      /* The first traced program sets the epoch for those after it.  */
      trace_epoch = atoll (trace);
      if (trace_epoch <= 1)
        {
          char buf[32];
          trace_epoch = now_us ();
          snprintf (buf, sizeof buf, "%lld", trace_epoch);
          setenv ("STOWAWAY_TRACE", buf, 1);
        }
      sw_trace ("start");
    }
}

void
sw_try_help (int status)
{
  fprintf (stderr, "Try '%s --help' for more information.\n", program_name);
  exit (status);
}

void
sw_help_tail (void)
{
  fputs ("  -v, --verbose    say on stderr what this link set up, and how\n"
         "      --help       display this help and exit\n"
         "      --version    output version information and exit\n"
         "\n"
         "Exit status:\n"
         "  125  if this program itself failed (bad usage, or the isolation\n"
         "       asked for could not be set up: PROGRAM never ran)\n"
         "  126  if PROGRAM was found but could not be invoked\n"
         "  127  if PROGRAM could not be found\n"
         "  -    the exit status of PROGRAM otherwise\n", stdout);
  printf ("\nFull documentation: man %s; design: doc/design.md\n",
          program_name);
}

void
sw_version (void)
{
  version_etc (stdout, program_name, PACKAGE_NAME, PACKAGE_VERSION,
               "the stowaway authors", (char *) NULL);
  exit (EXIT_SUCCESS);
}

void
sw_verbose (char const *format, ...)
{
  if (!sw_verbose_flag)
    return;
  va_list ap;
  va_start (ap, format);
  fprintf (stderr, "%s: ", program_name);
  vfprintf (stderr, format, ap);
  putc ('\n', stderr);
  va_end (ap);
}

void
sw_require_program (int argc, char **argv)
{
  if (optind < argc)
    return;
  (void) argv;
  error (0, 0, "missing PROGRAM to run");
  sw_try_help (SW_EXIT_CANCELED);
}

int
sw_choice (char const *what, char const *arg, char const *const *names)
{
  size_t n = 0;
  for (; names[n]; n++)
    if (strcmp (arg, names[n]) == 0)
      return n;
  fprintf (stderr, "%s: invalid %s %s (", program_name, what, quote (arg));
  for (size_t i = 0; i < n; i++)
    fprintf (stderr, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : " or ",
             names[i]);
  fputs (")\n", stderr);
  sw_try_help (SW_EXIT_CANCELED);
}

char *
sw_xasprintf (char const *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int len = vsnprintf (NULL, 0, format, ap);
  va_end (ap);
  if (len < 0)
    xalloc_die ();
  char *s = xmalloc (len + 1);
  va_start (ap, format);
  vsnprintf (s, len + 1, format, ap);
  va_end (ap);
  return s;
}

int
sw_write_file (char const *path, char const *text)
{
  int fd = open (path, O_WRONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  size_t len = strlen (text);
  ssize_t n = write (fd, text, len);
  int e = errno;
  close (fd);
  if (n != (ssize_t) len)
    {
      errno = n < 0 ? e : EIO;
      return -1;
    }
  return 0;
}
