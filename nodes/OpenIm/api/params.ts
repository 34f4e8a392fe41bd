import type { Param } from '../helpers/params';

/**
 * The parameters the generations' endpoint tables name in their refusals. The
 * operations' properties take their names and labels from here, so that api/
 * needs nothing of actions/.
 */
export const PARAMS = {
	uid: { name: 'uid', displayName: 'User ID' },
	memberList: { name: 'memberList', displayName: 'Members' },
} satisfies Record<string, Param>;
