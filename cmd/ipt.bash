# ipt.bash: bash completion for ipt(1).
#
# Install as ipt in bash-completion's completions directory (make install
# does), or source it from ~/.bashrc.  It completes the global options,
# the commands (those `ipt --list-cmds' prints, plus ipt-NAME executables
# on PATH), the verbs of each command and the long options of each verb
# (both from `ipt --list-opts', which reads the table the option parser
# uses, so nothing here can fall behind the code; nothing is cached), and
# the values of the options that take names: formats,
# session kinds (those of the client's variant, from `ipt --list-kinds',
# inside a client), attendance, phases, techniques, problem areas, variants
# and instruments (the built-in ones and those of the practice in hand),
# event and relapse-plan kinds, dates (today) and directories.  Session
# numbers, people of the inventory, goal and plan ids are read from the
# client in hand by running ipt's own read-only list commands.
#
# The value lists below follow the usage lines of cmd/*.c; the test
# tests/cli/t90-completion.sh checks that every command, verb and option
# that ipt lists is completed.

_ipt_areas='grief role-dispute role-transition interpersonal-deficits lost-healthy-self'
_ipt_kinds='individual conjoint parent group maintenance'
_ipt_attendance='attended cancelled no-show'
_ipt_phases='pregroup initial middle final extension maintenance'
_ipt_techniques='building-support clarification communication-analysis
    contract decision-analysis direct-elicitation directive
    encouragement-of-affect exploration formulation interval-history
    inventory psychoeducation relapse-prevention role-play sick-role
    social-rhythm termination therapeutic-relationship work-at-home'
_ipt_variants='standard brief adolescent couples eating ptsd bipolar group
    perinatal maintenance'
_ipt_instruments='phq9 gad7 phqa pcl5 wsas hrsd17 edeq srm5 epds'
_ipt_event_kinds='loss transition dispute isolation symptom other'
_ipt_relapse_kinds='warning-sign action contact'
_ipt_statuses='active paused ended maintenance'

# Options that may be given more than once.
_ipt_repeatable=' --technique --status --variant --table '

declare -A _ipt_formats=(
	['session list']='table csv tsv json'
	['session show']='text json'
	['focus show']='text json'
	['focus history']='table csv tsv json'
	['inventory list']='table csv tsv json'
	['event list']='table csv tsv json'
	['goal list']='table csv tsv json'
	['relapse list']='table csv tsv json'
	['risk list']='table csv tsv json'
	['measure list']='table csv tsv json'
	['measure change']='table csv tsv json'
	['measure instruments']='text table csv tsv json'
	[status]='text json'
	[plan]='text json'
	[report]='text md html json'
	[ls]='table csv tsv json'
	[outcomes]='text md html json csv'
	[remind]='text tsv json'
	[export]='csv json fhir'
	[schedule]='text ics'
	[history]='text json'
)

# The files ipt history --file takes.
_ipt_record_files='client.ini sessions.csv measures.csv inventory.csv
    timeline.csv goals.csv focus.csv relapse.csv risk.csv formulation.csv'

# Run ipt as typed, with the -C and --today options of the command line,
# standard error silenced.
_ipt_run() {
	"${_ipt_prog:-ipt}" "${_ipt_global[@]}" "$@" 2>/dev/null
}

# The values of one column of `ipt CMD list --format tsv'.
_ipt_column() {
	local cmd=$1 col=$2
	_ipt_run "$cmd" list --format tsv | awk -F '\t' -v col="$col" '
	    NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
	    c && $c != "" && !seen[$c]++ { print $c }'
}

# The directory the command works in: the current one after any -C.
_ipt_workdir() {
	local d=$PWD a
	for a in "${_ipt_cdirs[@]}"; do
		a=${a/#\~/$HOME}
		case $a in
		/*) d=$a ;;
		*) d=$d/$a ;;
		esac
	done
	printf '%s\n' "$d"
}

# Names of a practice's own definitions (variants or instruments): the
# .ini files in that folder of the nearest directory holding ipt.ini.
_ipt_practice_defs() {
	local d
	d=$(_ipt_workdir)
	while [[ -n $d && ! -f $d/ipt.ini ]]; do
		[[ $d == */* ]] || return
		d=${d%/*}
	done
	[[ -n $d && -d $d/$1 ]] || return
	(cd "$d/$1" 2>/dev/null && for f in *.ini; do
		[[ -f $f ]] && printf '%s\n' "${f%.ini}"
	done)
}

_ipt_today() {
	if [[ -n ${_ipt_todayopt:-} ]]; then
		printf '%s\n' "$_ipt_todayopt"
	elif [[ -n ${IPT_TODAY:-} ]]; then
		printf '%s\n' "$IPT_TODAY"
	else
		date +%Y-%m-%d
	fi
}

# Put the words of $1 that start with $2 in COMPREPLY, each prefixed
# with $3 (the "--option=" of a joined word, when bash did not split it).
_ipt_add() {
	local w
	for w in $1; do
		[[ $w == "$2"* ]] && COMPREPLY+=("$3$w")
	done
}

_ipt_dirs() {
	local IFS=$'\n'
	COMPREPLY+=($(compgen -d -- "$1"))
	compopt -o filenames 2>/dev/null
}

_ipt_files() {
	local IFS=$'\n'
	COMPREPLY+=($(compgen -f -- "$1"))
	compopt -o filenames 2>/dev/null
}

# The commands: those of the binary and the ipt-NAME executables on PATH.
_ipt_commands() {
	local list
	list=$(_ipt_run --list-cmds)
	list+=" $(compgen -c ipt- 2>/dev/null | sed -n 's/^ipt-//p' | sort -u)"
	printf '%s\n' $list
}

# What `ipt --list-opts KEY' prints for a command or "command verb": its
# verbs (words) and its long options ("--name", or "--name=" for one that
# takes a value), one a line.  Nothing for a name ipt does not know.
_ipt_listing() {
	_ipt_run --list-opts "$1"
}

# Complete the value of option $1 of command key $2 ("cmd" or "cmd verb").
_ipt_value() {
	local opt=$1 key=$2 cur=$3 pre=$4
	case $opt in
	-C)
		_ipt_dirs "$cur" ;;
	--output)
		_ipt_files "$cur" ;;
	--format)
		_ipt_add "${_ipt_formats[$key]:-table csv tsv json}" "$cur" "$pre" ;;
	--kind)
		case $key in
		event*) _ipt_add "$_ipt_event_kinds" "$cur" "$pre" ;;
		relapse*) _ipt_add "$_ipt_relapse_kinds" "$cur" "$pre" ;;
		*)
			# The kinds of the client's variant, when in one.
			local kinds
			kinds=$(_ipt_run --list-kinds)
			_ipt_add "${kinds:-$_ipt_kinds}" "$cur" "$pre" ;;
		esac ;;
	--attendance)
		_ipt_add "$_ipt_attendance" "$cur" "$pre" ;;
	--phase)
		_ipt_add "$_ipt_phases" "$cur" "$pre" ;;
	--status)
		_ipt_add "$_ipt_statuses" "$cur" "$pre" ;;
	--technique)
		_ipt_add "$_ipt_techniques" "$cur" "$pre" ;;
	--secondary)
		_ipt_add "$_ipt_areas" "$cur" "$pre" ;;
	--variant)
		_ipt_add "$_ipt_variants $(_ipt_practice_defs variants)" \
		    "$cur" "$pre" ;;
	--by)
		_ipt_add 'area variant therapist phase-ended' "$cur" "$pre" ;;
	--date | --start | --today | --on | --since)
		_ipt_add "$(_ipt_today)" "$cur" "$pre" ;;
	--mood | --stress)
		_ipt_add '0 1 2 3 4 5 6 7 8 9 10' "$cur" "$pre" ;;
	--closeness | --support | --conflict)
		_ipt_add '1 2 3 4 5' "$cur" "$pre" ;;
	--session)
		_ipt_add "$(_ipt_column session number)" "$cur" "$pre" ;;
	--file)
		_ipt_add "$_ipt_record_files" "$cur" "$pre" ;;
	--dates)
		_ipt_add 'real shifted none' "$cur" "$pre" ;;
	--table)
		[[ $key == export ]] && _ipt_add 'clients sessions measures items
		    focus outcomes all' "$cur" "$pre" ;;
	esac
}

# Complete operand number $1 (from 0) of command key $2.
_ipt_operand() {
	local n=$1 key=$2 cur=$3
	case $key in
	init)
		((n == 0)) && _ipt_dirs "$cur" ;;
	ls | remind | check | export | outcomes)
		_ipt_dirs "$cur" ;;
	help)
		((n == 0)) && _ipt_add "$(_ipt_commands) files" "$cur" ;;
	'session show' | 'session edit' | 'session rm' | 'session note')
		((n == 0)) && _ipt_add "$(_ipt_column session number)" "$cur" ;;
	'focus set')
		((n == 0)) && _ipt_add "$_ipt_areas" "$cur" ;;
	'inventory rate' | 'inventory edit' | 'inventory rm')
		if ((n == 0)); then
			local IFS=$'\n' p
			for p in $(_ipt_column inventory person); do
				[[ $p == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$p")")
			done
		fi ;;
	'goal done' | 'goal drop' | 'goal reopen')
		((n == 0)) && _ipt_add "$(_ipt_column goal id)" "$cur" ;;
	'relapse rm')
		((n == 0)) && _ipt_add "$(_ipt_column relapse id)" "$cur" ;;
	'measure add' | 'measure list' | 'measure change' | 'measure instruments')
		((n == 0)) && _ipt_add "$_ipt_instruments \
		    $(_ipt_practice_defs instruments)" "$cur" ;;
	'measure import')
		((n == 0)) && _ipt_files "$cur" ;;
	esac
}

_ipt() {
	local -a words=() _ipt_global=() _ipt_cdirs=()
	local _ipt_prog=${COMP_WORDS[0]} _ipt_todayopt=
	local i w n cur cword cmd= verb= key start valopt= pre= used nop=0 dd=0
	local listing verbs opts flags

	COMPREPLY=()
	# Join "--opt" "=" "value", which COMP_WORDBREAKS splits.
	for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		n=${#words[@]}
		if ((n > 1)) && [[ $w == = && ${words[n-1]} == --* &&
		    ${words[n-1]} != *=* ]]; then
			words[n-1]+='='
		elif ((n > 1)) && [[ ${words[n-1]} == --*= &&
		    ${COMP_WORDS[i-1]} == = ]]; then
			words[n-1]+=$w
		else
			words+=("$w")
		fi
	done
	((COMP_CWORD < ${#COMP_WORDS[@]})) || words+=("")
	cword=$((${#words[@]} - 1))
	cur=${words[cword]}

	# The global options and the command.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-C)
			if ((i + 1 == cword)); then
				_ipt_dirs "$cur"
				return
			fi
			_ipt_cdirs+=("${words[i+1]}")
			_ipt_global+=(-C "${words[i+1]}")
			((i++)) ;;
		-C?*)
			_ipt_cdirs+=("${w#-C}")
			_ipt_global+=("$w") ;;
		--today)
			if ((i + 1 == cword)); then
				_ipt_value --today '' "$cur" ''
				return
			fi
			_ipt_todayopt=${words[i+1]}
			_ipt_global+=(--today "${words[i+1]}")
			((i++)) ;;
		--today=*)
			_ipt_todayopt=${w#--today=}
			_ipt_global+=("$w") ;;
		-*) ;;
		*)
			cmd=$w
			break ;;
		esac
	done
	if [[ -z $cmd ]]; then
		case $cur in
		--today=*)
			[[ $COMP_WORDBREAKS == *=* ]] || pre=--today=
			_ipt_value --today '' "${cur#--today=}" "$pre" ;;
		-*)
			_ipt_add '-C --today --help --version' "$cur" ;;
		*)
			_ipt_add "$(_ipt_commands)" "$cur" ;;
		esac
		return
	fi

	# The verb.
	key=$cmd
	start=$((i + 1))
	listing=$(_ipt_listing "$cmd")
	verbs=$(printf '%s\n' "$listing" | sed -n '/^[a-z]/p')
	if [[ -n $verbs ]]; then
		if ((i + 1 == cword)); then
			case $cur in
			-*) _ipt_add "$(printf '%s\n' "$listing" |
			    sed -n 's/=$//; /^-/p')" "$cur" ;;
			*) _ipt_add "$verbs" "$cur" ;;
			esac
			return
		fi
		verb=${words[i+1]}
		key="$cmd $verb"
		start=$((i + 2))
		listing=$(_ipt_listing "$key")
	fi
	# The options of the key, and those of them that take no value.
	opts=$(printf '%s\n' "$listing" | sed -n 's/=$//; /^-/p')
	flags=" $(printf '%s\n' "$listing" | sed -n '/^-.*[^=]$/p' | tr '\n' ' ')"

	# Options given so far, and operands before the cursor.
	used=' '
	for ((i = start; i < cword; i++)); do
		w=${words[i]}
		if ((dd)) || [[ $w != -* || $w == - ]]; then
			((nop++))
		elif [[ $w == -- ]]; then
			dd=1
		elif [[ $w == --*=* ]]; then
			used+="${w%%=*} "
		else
			used+="$w "
			if [[ $flags != *" $w "* ]]; then
				if ((i + 1 == cword)); then
					valopt=$w
					break
				fi
				((i++))
			fi
		fi
	done

	if [[ -n $valopt ]]; then
		_ipt_value "$valopt" "$key" "$cur" ''
	elif ((!dd)) && [[ $cur == --*=* ]]; then
		[[ $COMP_WORDBREAKS == *=* ]] || pre=${cur%%=*}=
		_ipt_value "${cur%%=*}" "$key" "${cur#*=}" "$pre"
	elif ((!dd)) && [[ $cur == -* ]]; then
		for w in $opts; do
			[[ $used == *" $w "* && $_ipt_repeatable != *" $w "* ]] ||
			    _ipt_add "$w" "$cur"
		done
	else
		_ipt_operand "$nop" "$key" "$cur"
	fi
}

complete -F _ipt ipt
