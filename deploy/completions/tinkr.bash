# bash completion for tinkr. Subcommands and flags are read from tinkr's own --help (CLI11), so the
# completion never falls behind the program. Installed as share/bash-completion/completions/tinkr.
_tinkr_words_from_help() {
  # Subcommands: the first word of each line under "Subcommands:"; flags: the names under "Options:".
  "$@" --help 2>/dev/null | awk '
    /^[A-Z][A-Za-z ]*:$/ { section = $0; next }
    section == "Subcommands:" && NF > 0 { print $1; next }
    section == "Options:" {
      n = split($1, names, ",")
      for (i = 1; i <= n; i++) if (names[i] ~ /^--?[a-zA-Z][-a-zA-Z]*$/) print names[i]
    }'
}
_tinkr() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  case "$prev" in
    -o | --output) mapfile -t COMPREPLY < <(compgen -W "table json ndjson csv chart" -- "$cur"); return ;;
    --config | --save) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
  esac
  local top command="" word
  top=$(_tinkr_words_from_help "${COMP_WORDS[0]}")
  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
    case "$word" in -*) continue ;; esac
    if grep -qx -- "$word" <<<"$top"; then command=$word; break; fi
  done
  if [ -z "$command" ]; then
    mapfile -t COMPREPLY < <(compgen -W "$top" -- "$cur")
  elif [ "$command" = ingest ] && [[ "$cur" != -* ]]; then
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  else
    mapfile -t COMPREPLY < <(compgen -W "$(_tinkr_words_from_help "${COMP_WORDS[0]}" "$command")" -- "$cur")
  fi
}
complete -F _tinkr tinkr
