/* sw-profile.c -- profiles and the user config: find, read, list.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-profile.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>

#include "configmake.h"
#include "xalloc.h"

static char *
concat (char const *a, char const *b)
{
  char *s = xmalloc (strlen (a) + strlen (b) + 1);
  stpcpy (stpcpy (s, a), b);
  return s;
}

/* $XDG_CONFIG_HOME/stowaway, or ~/.config/stowaway, or NULL.  */
static char *
user_dir (void)
{
  char const *xdg = getenv ("XDG_CONFIG_HOME");
  /* The XDG spec: a relative value is invalid and is ignored.  */
  if (xdg && *xdg == '/')
    return concat (xdg, "/stowaway");
  char const *home = getenv ("HOME");
  if (home && *home)
    return concat (home, "/.config/stowaway");
  return NULL;
}

void
sw_profile_dirs (struct sw_profile_dirs *d)
{
  d->n = 0;
  char *u = user_dir ();
  if (u)
    {
      d->dir[d->n++] = concat (u, "/profiles");
      free (u);
    }
  char const *path = getenv ("STOWAWAY_PROFILE_PATH");
  if (path)
    {
      char *p = xstrdup (path);
      for (char *s = p, *colon; s; s = colon ? colon + 1 : NULL)
        {
          colon = strchr (s, ':');
          if (colon)
            *colon = '\0';
          if (*s && d->n < sizeof d->dir / sizeof d->dir[0])
            d->dir[d->n++] = s;
        }
      return;
    }
  d->dir[d->n++] = SYSCONFDIR "/stowaway/profiles";
  d->dir[d->n++] = PKGDATADIR "/profiles";
}

char *
sw_profile_config_file (void)
{
  char *u = user_dir ();
  if (!u)
    return NULL;
  char *f = concat (u, "/config");
  free (u);
  return f;
}

static bool
good_name (char const *name)
{
  return *name && *name != '.';
}

char *
sw_profile_find (struct sw_profile_dirs const *d, char const *name)
{
  if (strchr (name, '/'))
    return xstrdup (name);
  if (!good_name (name))
    {
      errno = EINVAL;
      return NULL;
    }
  for (size_t i = 0; i < d->n; i++)
    {
      char *dir = concat (d->dir[i], "/");
      char *f = concat (dir, name);
      free (dir);
      struct stat st;
      if (stat (f, &st) == 0 && !S_ISDIR (st.st_mode))
        return f;
      free (f);
    }
  errno = ENOENT;
  return NULL;
}

/* The reading of one tree of includes.  */
struct reader
{
  struct sw_profile_dirs const *dirs;
  struct option const *longopts;
  char const *const *reject;
  sw_profile_apply_fn apply;
  void *ctx;
  struct sw_profile_error *err;
  struct { dev_t dev; ino_t ino; } open[SW_PROFILE_DEPTH_MAX];
  size_t depth;
};

static int
fail (struct reader *r, char const *file, unsigned long line,
      char const *format, ...)
  _GL_ATTRIBUTE_FORMAT_PRINTF_STANDARD (4, 5);

static int
fail (struct reader *r, char const *file, unsigned long line,
      char const *format, ...)
{
  va_list ap;
  va_start (ap, format);
  int len = vsnprintf (NULL, 0, format, ap);
  va_end (ap);
  char *msg = xmalloc (len < 0 ? 1 : len + 1);
  *msg = '\0';
  va_start (ap, format);
  if (len >= 0)
    vsnprintf (msg, len + 1, format, ap);
  va_end (ap);
  r->err->file = xstrdup (file);
  r->err->line = line;
  r->err->msg = msg;
  return -1;
}

/* A printable, quoted form of S for messages.  */
static char const *
q (char const *s)
{
  return quote (s);
}

static int read_file (struct reader *r, char const *file,
                      char const *from, unsigned long from_line);

/* Resolve "include NAME" found in FILE.  */
static char *
include_path (struct reader *r, char const *file, char const *name)
{
  if (*name == '/' || !strchr (name, '/'))
    return sw_profile_find (r->dirs, name);
  /* A relative path is taken from the including file's directory.  */
  char const *slash = strrchr (file, '/');
  if (!slash)
    return xstrdup (name);
  size_t dl = slash + 1 - file;
  char *p = xmalloc (dl + strlen (name) + 1);
  memcpy (p, file, dl);
  strcpy (p + dl, name);
  return p;
}

static bool
is_blank (int c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Handle one line (NUL-terminated, no newline) of FILE.  */
static int
do_line (struct reader *r, char const *file, unsigned long lineno,
         char *line)
{
  char *p = line;
  while (is_blank (*p))
    p++;
  char *end = p + strlen (p);
  while (end > p && is_blank (end[-1]))
    *--end = '\0';
  if (*p == '\0' || *p == '#')
    return 0;

  /* NAME, then blanks, then VALUE (the rest of the line, spaces and all);
     or NAME=VALUE as on the command line.  */
  char *name = p;
  char *value = NULL;
  while (*p && !is_blank (*p) && *p != '=')
    p++;
  if (*p == '=')
    {
      *p = '\0';
      value = p + 1;
    }
  else if (*p)
    {
      *p++ = '\0';
      while (is_blank (*p))
        p++;
      value = p;
    }
  if (*name == '-')
    return fail (r, file, lineno,
                 "write options without the leading dashes: %s", q (name));

  if (strcmp (name, "include") == 0)
    {
      if (!value || !*value)
        return fail (r, file, lineno, "include needs a profile name");
      if (!r->dirs)
        {
          static struct option const include_opt =
            { "include", required_argument, NULL, 0 };
          char const *why = r->apply (r->ctx, &include_opt,
                                      xstrdup (value));
          return why ? fail (r, file, lineno, "%s", why) : 0;
        }
      char *inc = include_path (r, file, value);
      if (!inc)
        return fail (r, file, lineno, errno == EINVAL
                     ? "bad profile name %s" : "no profile named %s",
                     q (value));
      int ret = read_file (r, inc, file, lineno);
      free (inc);
      return ret;
    }

  struct option const *opt;
  for (opt = r->longopts; opt->name; opt++)
    if (strcmp (opt->name, name) == 0)
      break;
  if (!opt->name)
    return fail (r, file, lineno, "unknown option %s", q (name));
  for (char const *const *no = r->reject; no && *no; no++)
    if (strcmp (*no, name) == 0)
      return fail (r, file, lineno, "%s is not allowed in a profile",
                   q (name));
  if (opt->has_arg == no_argument && value)
    return fail (r, file, lineno, "option %s takes no value", q (name));
  if (opt->has_arg == required_argument && !value)
    return fail (r, file, lineno, "option %s needs a value", q (name));

  /* The line buffer is reused: the caller may keep VALUE.  */
  char const *why = r->apply (r->ctx, opt, value ? xstrdup (value) : NULL);
  if (why)
    return fail (r, file, lineno, "%s", why);
  return 0;
}

/* Read FILE; FROM:FROM_LINE is the include that named it, if any.  */
static int
read_file (struct reader *r, char const *file, char const *from,
           unsigned long from_line)
{
  char const *where = from ? from : file;
  unsigned long where_line = from ? from_line : 0;

  int fd = open (file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0)
    return fail (r, where, where_line, "cannot read %s: %s", q (file),
                 strerror (errno));
  struct stat st;
  if (fstat (fd, &st) != 0 || S_ISDIR (st.st_mode))
    {
      int e = S_ISDIR (st.st_mode) ? EISDIR : errno;
      close (fd);
      return fail (r, where, where_line, "cannot read %s: %s", q (file),
                   strerror (e));
    }
  for (size_t i = 0; i < r->depth; i++)
    if (r->open[i].dev == st.st_dev && r->open[i].ino == st.st_ino)
      {
        close (fd);
        return fail (r, where, where_line,
                     "include loop: %s is already being read", q (file));
      }
  if (r->depth == SW_PROFILE_DEPTH_MAX)
    {
      close (fd);
      return fail (r, where, where_line, "includes nested too deeply");
    }
  FILE *in = fdopen (fd, "r");
  if (!in)
    {
      int e = errno;
      close (fd);
      return fail (r, where, where_line, "cannot read %s: %s", q (file),
                   strerror (e));
    }
  r->open[r->depth].dev = st.st_dev;
  r->open[r->depth].ino = st.st_ino;
  r->depth++;

  char line[SW_PROFILE_LINE_MAX + 1];
  unsigned long lineno = 0;
  int ret = 0;
  for (;;)
    {
      size_t len = 0;
      int c;
      bool nul = false, eof = false;
      lineno++;
      while ((c = getc (in)) != '\n')
        {
          if (c == EOF)
            {
              eof = true;
              break;
            }
          if (c == '\0')
            nul = true;
          if (len == SW_PROFILE_LINE_MAX)
            {
              ret = fail (r, file, lineno,
                          "line too long (more than %d bytes)",
                          SW_PROFILE_LINE_MAX);
              goto done;
            }
          line[len++] = c;
        }
      if (ferror (in))
        {
          ret = fail (r, file, lineno, "read error: %s", strerror (errno));
          goto done;
        }
      if (nul)
        {
          ret = fail (r, file, lineno, "NUL byte in line (not a text file?)");
          goto done;
        }
      if (eof && len == 0)
        break;
      line[len] = '\0';
      ret = do_line (r, file, lineno, line);
      if (ret != 0 || eof)
        break;
    }
 done:
  r->depth--;
  fclose (in);
  return ret;
}

int
sw_profile_read (char const *file, struct sw_profile_dirs const *d,
                 struct option const *longopts, char const *const *reject,
                 sw_profile_apply_fn apply, void *ctx,
                 struct sw_profile_error *err)
{
  struct reader r;
  memset (&r, 0, sizeof r);
  r.dirs = d;
  r.longopts = longopts;
  r.reject = reject;
  r.apply = apply;
  r.ctx = ctx;
  r.err = err;
  return read_file (&r, file, NULL, 0);
}

static int
entry_cmp (void const *a, void const *b)
{
  struct sw_profile_entry const *x = a, *y = b;
  return strcmp (x->name, y->name);
}

size_t
sw_profile_list (struct sw_profile_dirs const *d,
                 struct sw_profile_entry **list)
{
  size_t n = 0, alloc = 0;
  struct sw_profile_entry *v = NULL;
  for (size_t i = 0; i < d->n; i++)
    {
      DIR *dir = opendir (d->dir[i]);
      if (!dir)
        continue;
      struct dirent *e;
      while ((e = readdir (dir)))
        {
          size_t len = strlen (e->d_name);
          if (!good_name (e->d_name) || e->d_name[len - 1] == '~')
            continue;
          char *base = concat (d->dir[i], "/");
          char *f = concat (base, e->d_name);
          free (base);
          struct stat st;
          if (stat (f, &st) != 0 || S_ISDIR (st.st_mode))
            {
              free (f);
              continue;
            }
          size_t j;
          for (j = 0; j < n; j++)
            if (strcmp (v[j].name, e->d_name) == 0)
              break;
          if (j < n)
            {
              if (!v[j].shadows)
                v[j].shadows = f;
              else
                free (f);
              continue;
            }
          if (n == alloc)
            v = x2nrealloc (v, &alloc, sizeof *v);
          v[n].name = xstrdup (e->d_name);
          v[n].file = f;
          v[n].shadows = NULL;
          n++;
        }
      closedir (dir);
    }
  if (n)
    qsort (v, n, sizeof *v, entry_cmp);
  *list = v;
  return n;
}
