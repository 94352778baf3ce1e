# bash completion for stowaway                             -*- shell-script -*-
# Copyright (C) 2026 the stowaway authors.  GPL-3.0-or-later.
#
# Installed as 'stowaway' in bash-completion's completions directory.
# Profile names come from 'stowaway profiles --names'.

_stowaway_run_opts='--profile= --block-net --allow-net --net-method= --home=
 --keep --no-keep --home-method= --template= --home-size= --ro --no-ro --rw=
 --hide= --bind= --bind-try= --ro-bind= --ro-bind-try= --fs-method= --env=
 --inherit-env --no-inherit-env --chdir= --keep-fd= --user= --dry-run
 --verbose --help --version'

# What 'stowaway check --require' accepts.
_stowaway_require='block-net home pid fs ro rw hide bind bind-try ro-bind
 ro-bind-try home-size keep template env inherit-env chdir keep-fd user
 net-method=netns net-method=seccomp net-method=sandbox-exec
 home-method=tmpfs home-method=dir fs-method=mount fs-method=landlock'

# Complete the argument of option $1 (the word being completed is $2).
_stowaway_optarg ()
{
  local IFS=$'\n'
  case $1 in
    -p|--profile)
      # A NAME, or a FILE once the word holds a '/'.
      if [[ $2 == */* ]]; then
        COMPREPLY=($(compgen -f -- "$2"))
      else
        COMPREPLY=($(compgen -W "$("$_stowaway_cmd" profiles --names 2>/dev/null)" -- "$2"))
      fi ;;
    --net-method) COMPREPLY=($(compgen -W $'auto\nnetns\nseccomp\nsandbox-exec' -- "$2")) ;;
    --home-method) COMPREPLY=($(compgen -W $'auto\ntmpfs\ndir' -- "$2")) ;;
    --fs-method) COMPREPLY=($(compgen -W $'auto\nmount\nlandlock' -- "$2")) ;;
    --home|--template|--chdir|-C) COMPREPLY=($(compgen -d -- "$2")) ;;
    --rw|--hide|--bind|--bind-try|--ro-bind|--ro-bind-try)
      COMPREPLY=($(compgen -f -- "$2")) ;;
    --user) COMPREPLY=($(compgen -u -- "$2")) ;;
    -e|--env) COMPREPLY=($(compgen -e -- "$2")) ;;
    *) COMPREPLY=() ;;
  esac
}

_stowaway ()
{
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD-1]}
  local _stowaway_cmd=${COMP_WORDS[0]}
  COMPREPLY=()

  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W 'run shell check profiles --help --version' -- "$cur"))
    return
  fi

  case ${COMP_WORDS[1]} in
    check)
      local i
      for ((i = 2; i < COMP_CWORD; i++)); do
        if [ "${COMP_WORDS[i]}" = --require ]; then
          COMPREPLY=($(compgen -W "$_stowaway_require" -- "$cur"))
          return
        fi
      done
      COMPREPLY=($(compgen -W '--json --require --help' -- "$cur"))
      return ;;
    profiles)
      COMPREPLY=($(compgen -W '--names --help' -- "$cur"))
      return ;;
    run|shell) ;;
    *) return ;;
  esac

  # Walk the options: the first word that is neither an option nor an
  # option's argument is PROGRAM; from there on it is PROGRAM's line.
  local i w
  for ((i = 2; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      --) ((i++)); break ;;
      --*=*) ;;
      -p|--profile|--net-method|--home|--home-method|--template|--home-size|\
      --rw|--hide|--bind|--bind-try|--ro-bind|--ro-bind-try|--fs-method|\
      -e|--env|-C|--chdir|--keep-fd|--user)
        # bash splits --opt=value at '=' (COMP_WORDBREAKS).
        if [ "${COMP_WORDS[i+1]}" = = ]; then ((i += 2)); else ((i++)); fi ;;
      -*) ;;
      *) break ;;
    esac
  done
  if [ "$i" -lt "$COMP_CWORD" ] && [ "${COMP_WORDS[1]}" = run ]; then
    # PROGRAM is at $i: hand over to its own completion if there is one.
    if declare -F _command_offset >/dev/null 2>&1; then
      _command_offset "$i"
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return
  fi
  [ "$i" -lt "$COMP_CWORD" ] && return

  # --opt=value, split by bash: "--opt" "=" "value".
  if [ "$cur" = = ]; then
    _stowaway_optarg "$prev" ""
    return
  elif [ "$prev" = = ]; then
    _stowaway_optarg "${COMP_WORDS[COMP_CWORD-2]}" "$cur"
    return
  fi
  case $cur in
    --*=*)
      _stowaway_optarg "${cur%%=*}" "${cur#*=}"
      return ;;
    -*)
      COMPREPLY=($(compgen -W "$_stowaway_run_opts" -- "$cur"))
      # An option that takes a value: no space after the '='.
      [[ ${COMPREPLY[*]} == *= ]] && type compopt >/dev/null 2>&1 &&
        compopt -o nospace 2>/dev/null
      return ;;
  esac
  case $prev in
    -p|--profile|--net-method|--home|--home-method|--template|--home-size|\
    --rw|--hide|--bind|--bind-try|--ro-bind|--ro-bind-try|--fs-method|\
    -e|--env|-C|--chdir|--keep-fd|--user)
      _stowaway_optarg "$prev" "$cur"
      return ;;
  esac
  [ "${COMP_WORDS[1]}" = run ] && COMPREPLY=($(compgen -c -- "$cur"))
}
complete -F _stowaway stowaway
