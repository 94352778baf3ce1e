/* sw-env.c -- an environment built apart and applied at exec time.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#include "system.h"
#include "sw-env.h"

#include "c-ctype.h"
#include "xalloc.h"

void
sw_env_init (struct sw_env *env)
{
  env->v = NULL;
  env->n = env->alloc = 0;
}

static size_t
name_len (char const *entry)
{
  char const *eq = strchr (entry, '=');
  return eq ? (size_t) (eq - entry) : strlen (entry);
}

static ptrdiff_t
find (struct sw_env const *env, char const *name, size_t len)
{
  for (size_t i = 0; i < env->n; i++)
    if (strncmp (env->v[i], name, len) == 0 && env->v[i][len] == '=')
      return i;
  return -1;
}

static void
put_owned (struct sw_env *env, char *entry)
{
  ptrdiff_t i = find (env, entry, name_len (entry));
  if (i >= 0)
    {
      free (env->v[i]);
      env->v[i] = entry;
      return;
    }
  if (env->n + 1 >= env->alloc)
    env->v = x2nrealloc (env->v, &env->alloc, sizeof *env->v);
  env->v[env->n++] = entry;
  env->v[env->n] = NULL;
}

void
sw_env_put (struct sw_env *env, char const *entry)
{
  put_owned (env, xstrdup (entry));
}

void
sw_env_set (struct sw_env *env, char const *name, char const *value)
{
  size_t nl = strlen (name), vl = strlen (value);
  char *e = xmalloc (nl + 1 + vl + 1);
  memcpy (e, name, nl);
  e[nl] = '=';
  memcpy (e + nl + 1, value, vl + 1);
  put_owned (env, e);
}

void
sw_env_unset (struct sw_env *env, char const *name)
{
  ptrdiff_t i = find (env, name, strlen (name));
  if (i < 0)
    return;
  free (env->v[i]);
  memmove (env->v + i, env->v + i + 1, (env->n - i) * sizeof *env->v);
  env->n--;
}

char const *
sw_env_get (struct sw_env const *env, char const *name)
{
  size_t len = strlen (name);
  ptrdiff_t i = find (env, name, len);
  return i < 0 ? NULL : env->v[i] + len + 1;
}

char **
sw_env_vector (struct sw_env *env)
{
  if (!env->v)
    {
      env->alloc = 4;
      env->v = xcalloc (env->alloc, sizeof *env->v);
    }
  return env->v;
}

bool
sw_env_name_ok (char const *name, size_t len)
{
  if (len == 0 || c_isdigit (name[0]))
    return false;
  for (size_t i = 0; i < len; i++)
    if (!(c_isalnum (name[i]) || name[i] == '_'))
      return false;
  return true;
}

bool
sw_env_allowed (char const *name, size_t len)
{
  static char const *const allow[] =
    { "PATH", "TERM", "COLORTERM", "LANG", "LANGUAGE", "TZ" };
  for (size_t i = 0; i < sizeof allow / sizeof *allow; i++)
    if (strlen (allow[i]) == len && memcmp (allow[i], name, len) == 0)
      return true;
  return len > 3 && memcmp (name, "LC_", 3) == 0;
}
