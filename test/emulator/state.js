'use strict';
// The emulator's in-memory database. Maps (not plain objects) so that any uid, even "__proto__", is a key.
const crypto = require('node:crypto');

const md5Hex = (text) => crypto.createHash('md5').update(text).digest('hex');

const ROLE = { member: 0, owner: 1, admin: 2 };

/** Nanoseconds since the epoch as a BigInt, strictly increasing (sendTime and group ids must be unique). */
function nanoClock() {
	const origin = BigInt(Date.now()) * 1000000n - process.hrtime.bigint();
	let last = 0n;
	return () => {
		const now = origin + process.hrtime.bigint();
		last = now > last ? now : last + 1n;
		return last;
	};
}

const SEED_GROUP_ID = md5Hex('openim-emulator demo group');
// Demo data for people trying the node by hand (`--seed`, POST /__emulator/seed): three users, alice owns a
// group with bob and carol in it. Kept small on purpose; tests create what they need themselves.
const SEED_USERS = [
	{ uid: 'alice', name: 'Alice', gender: 2, email: 'alice@example.com' },
	{ uid: 'bob', name: 'Bob', gender: 1, email: 'bob@example.com' },
	{ uid: 'carol', name: 'Carol', gender: 2, email: 'carol@example.com' },
];

class State {
	constructor() {
		this.users = new Map();
		this.tokens = [];
		this.groups = new Map();
		this.friends = new Map();
		this.blacklist = new Map();
		this.messages = [];
	}

	addUser({ uid, name = '', icon = '', gender = 0, mobile = '', birth = '', email = '', ex = '' }) {
		this.users.set(uid, { uid, name, icon, gender, mobile, birth, email, ex });
	}

	/** Deleting a user also drops their group memberships, friendships and blacklist entries. */
	deleteUser(uid) {
		this.users.delete(uid);
		for (const group of this.groups.values()) group.members.delete(uid);
		for (const relation of [this.friends, this.blacklist]) {
			relation.delete(uid);
			for (const others of relation.values()) others.delete(uid);
		}
	}

	addGroup(groupID, info, createTime) {
		const group = {
			groupID,
			groupName: '',
			introduction: '',
			notification: '',
			faceUrl: '',
			ex: '',
			...info,
			createTime,
			members: new Map(),
		};
		this.groups.set(groupID, group);
		return group;
	}

	addMember(group, uid, role, joinTime) {
		group.members.set(uid, { uid, role, joinTime });
	}

	befriend(a, b) {
		for (const [x, y] of [
			[a, b],
			[b, a],
		]) {
			if (!this.friends.has(x)) this.friends.set(x, new Set());
			this.friends.get(x).add(y);
		}
	}

	block(owner, uid) {
		if (!this.blacklist.has(owner)) this.blacklist.set(owner, new Set());
		this.blacklist.get(owner).add(uid);
	}

	/** Idempotent: existing users and the demo group are left as they are. */
	seed() {
		const now = Math.floor(Date.now() / 1000);
		for (const user of SEED_USERS) if (!this.users.has(user.uid)) this.addUser(user);
		if (this.groups.has(SEED_GROUP_ID)) return;
		const group = this.addGroup(
			SEED_GROUP_ID,
			{ groupName: 'Demo group', introduction: 'Seeded by the OpenIM emulator' },
			now,
		);
		this.addMember(group, 'alice', ROLE.owner, now);
		this.addMember(group, 'bob', ROLE.member, now);
		this.addMember(group, 'carol', ROLE.member, now);
	}

	/** A deep, plain-JSON copy (the shape documented in README.md). */
	snapshot() {
		const fromMap = (map, fn) => Object.fromEntries([...map].map(([k, v]) => [k, fn(v)]));
		return structuredClone({
			users: fromMap(this.users, (u) => u),
			tokens: this.tokens,
			groups: fromMap(this.groups, ({ members, ...group }) => ({
				...group,
				ownerUid: [...members.values()].find((m) => m.role === ROLE.owner)?.uid ?? '',
				members: fromMap(members, (m) => m),
			})),
			friends: fromMap(this.friends, (set) => [...set]),
			blacklist: fromMap(this.blacklist, (set) => [...set]),
			messages: this.messages,
		});
	}
}

module.exports = { State, ROLE, nanoClock, md5Hex, SEED_USERS, SEED_GROUP_ID };
