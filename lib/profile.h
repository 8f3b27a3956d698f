/*
 * profile.h: certification profiles, for ipt check --profile NAME.
 *
 * A profile says what a certifying body asks of a training case, beyond
 * the protocol's rules: instruments given at least every so many sessions
 * held, an interpersonal inventory, a formulation.  Profiles are data:
 * lib/defs/profiles/NAME.ini compiled in, replaced whole by a practice's
 * ROOT/profiles/NAME.ini (see ipt-files(5), "Certification profiles").
 */
#ifndef IPT_PROFILE_H
#define IPT_PROFILE_H

#include <stddef.h>

struct profile_instrument {
	char	*name;
	long	 every;		/* at least once every so many held */
};

struct profile {
	char	*name;
	char	*file;		/* as messages name it */
	char	*title, *source;
	struct profile_instrument *instr;
	size_t	 ninstr;
	long	 inventory_min;	/* people; 0: not asked */
	int	 formulation;	/* a formulation recorded */
};

/*
 * Load profile name of the practice at root (NULL: built-in only).  -1
 * after ipt_setusage() when there is no such profile, after ipt_seterr()
 * ("FILE: [section] key: message") when its file is bad.
 */
int	 profile_load(const char *root, const char *name, struct profile *);
void	 profile_free(struct profile *);

#endif
