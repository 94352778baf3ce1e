/* sw-env.h -- an environment built apart and applied at exec time.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.  */

#ifndef SW_ENV_H
#define SW_ENV_H

#include <stdbool.h>
#include <stddef.h>

/* A list of "NAME=VALUE" strings, later names replacing earlier ones.  */
struct sw_env
{
  char **v;
  size_t n, alloc;
};

void sw_env_init (struct sw_env *env);

/* Set NAME to VALUE (both copied).  */
void sw_env_set (struct sw_env *env, char const *name, char const *value);

/* Add ENTRY, "NAME=VALUE", copied.  */
void sw_env_put (struct sw_env *env, char const *entry);

/* Remove NAME if present.  */
void sw_env_unset (struct sw_env *env, char const *name);

/* VALUE of NAME, or NULL.  */
char const *sw_env_get (struct sw_env const *env, char const *name);

/* A NULL-terminated vector for execve(), valid until ENV changes.  */
char **sw_env_vector (struct sw_env *env);

/* True if NAME is a syntactically valid environment variable name.  */
bool sw_env_name_ok (char const *name, size_t len);

/* True if NAME (of LEN bytes) is on the default allow-list of variables
   that pass into the sandbox: PATH TERM COLORTERM LANG LANGUAGE LC_* TZ.  */
bool sw_env_allowed (char const *name, size_t len);

#endif
