/* sw-check.h -- what this host can enforce, found by trying it.
   Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.

   Each mechanism is probed the way the stages use it, in a forked child
   that exits afterwards (so nothing of the probe survives), and when it
   fails the likely cause is read off the host: sysctls, AppArmor, a
   seccomp filter on this process, the kernel's configuration.  */

#ifndef SW_CHECK_H
#define SW_CHECK_H

#include <stdbool.h>
#include <stdio.h>

enum sw_mech
{
  SW_MECH_USERNS,
  SW_MECH_MOUNTNS,
  SW_MECH_NETNS,
  SW_MECH_PIDNS,
  SW_MECH_SECCOMP,
  SW_MECH_LANDLOCK,
  SW_MECH_CGROUP,
  SW_MECH_SANDBOX_EXEC,
  SW_MECH_COUNT
};

struct sw_mech_state
{
  bool available;
  char *why;            /* how it is available, or why it is not */
};

/* What a stage chooses from, in its "auto" order.  */
enum sw_feature
{
  SW_FEAT_BLOCK_NET,    /* sw-netdeny: netns > seccomp > sandbox-exec */
  SW_FEAT_HOME,         /* sw-mkhome: tmpfs > dir */
  SW_FEAT_PID,          /* sw-pidns: pidns > subreaper */
  SW_FEAT_FS,           /* sw-fsview: mount > landlock */
  SW_FEAT_EXEC,         /* sw-exec: always */
  SW_FEAT_COUNT
};

struct sw_method
{
  char const *name;
  bool available;
};

struct sw_check
{
  bool privileged;      /* holds CAP_SYS_ADMIN: no user namespace needed */
  int landlock_abi;
  struct sw_mech_state mech[SW_MECH_COUNT];
  /* Per feature, the methods in auto order (NULL-name terminated).  */
  struct sw_method method[SW_FEAT_COUNT][4];
};

/* Probe everything.  */
void sw_check_probe (struct sw_check *c);

/* "user namespaces", ...; and a key for JSON ("user-namespaces").  */
char const *sw_check_mech_name (enum sw_mech m);
char const *sw_check_mech_key (enum sw_mech m);

/* "block-net", "home", "pid", "fs", "exec".  */
char const *sw_check_feature_name (enum sw_feature f);

/* The method auto would choose for F, or NULL when none is available.  */
char const *sw_check_auto (struct sw_check const *c, enum sw_feature f);

/* Can OPTION (a stowaway option name, "NAME=VALUE" for the --*-method
   options, or a feature name) be enforced here?  Returns 1 yes, 0 no
   (with *WHY set), -1 for an unknown OPTION.  */
int sw_check_option (struct sw_check const *c, char const *option,
                     char const **why);

/* Print the report: text, or one JSON object.  */
void sw_check_print (FILE *out, struct sw_check const *c);
void sw_check_print_json (FILE *out, struct sw_check const *c);

#endif
