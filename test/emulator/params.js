'use strict';
// The request structs of the 2021 server ("W", server-notes.md §3 and §6), with their Go names and binding
// tags: the names appear verbatim in the 400 messages clients see.
const { STRING, INT32, UINT64, MAP, sliceOf, ptr, struct } = require('./gojson');

const STRINGS = sliceOf(STRING);

const GroupAddMemberInfo = struct('group.GroupAddMemberInfo', [
	['Uid', 'uid', STRING],
	['SetRole', 'setRole', INT32],
]);

const GroupMemberFullInfo = struct('group.GroupMemberFullInfo', [
	['UserId', 'userId', STRING],
	['Role', 'role', INT32],
	['JoinTime', 'joinTime', UINT64],
	['NickName', 'nickName', STRING],
	['FaceUrl', 'faceUrl', STRING],
]);

// Shared by user/update_user_info and user/get_user_info: no validation beyond operationID.
const userParams = struct('user.paramsStruct', [
	['OperationID', 'operationID', STRING, 'required'],
	['UIDList', 'uidList', STRINGS],
	['Platform', 'platform', INT32],
	['Name', 'name', STRING],
	['Icon', 'icon', STRING],
	['Gender', 'gender', INT32],
	['Mobile', 'mobile', STRING],
	['Birth', 'birth', STRING],
	['Email', 'email', STRING],
	['Ex', 'ex', STRING],
	['Uid', 'uid', STRING],
]);

// add_blacklist reuses get_friends_info's struct at W; import_friend has its own with the same fields.
const friendFields = [
	['OperationID', 'operationID', STRING, 'required'],
	['UID', 'uid', STRING, 'required'],
	['OwnerUid', 'ownerUid', STRING],
];

module.exports = {
	userRegister: struct('auth.paramsUserRegister', [
		['Secret', 'secret', STRING, 'required,max=32'],
		['Platform', 'platform', INT32, 'required,min=1,max=7'],
		['UID', 'uid', STRING, 'required,min=1,max=64'],
		// The doc says name "may be an empty string"; W's tag says min=1. We keep W's: see README.
		['Name', 'name', STRING, 'required,min=1,max=64'],
		['Icon', 'icon', STRING, 'omitempty,max=1024'],
		['Gender', 'gender', INT32, 'omitempty,oneof=0 1 2'],
		['Mobile', 'mobile', STRING, 'omitempty,max=32'],
		['Birth', 'birth', STRING, 'omitempty,max=16'],
		['Email', 'email', STRING, 'omitempty,max=64'],
		['Ex', 'ex', STRING, 'omitempty,max=1024'],
	]),
	userToken: struct('auth.paramsUserToken', [
		['Secret', 'secret', STRING, 'required,max=32'],
		// max=8 from 2021-09-27 on (W had 7): admins commonly use platform 8.
		['Platform', 'platform', INT32, 'required,min=1,max=8'],
		['UID', 'uid', STRING, 'required,min=1,max=64'],
	]),
	createGroup: struct('group.paramsCreateGroupStruct', [
		['MemberList', 'memberList', sliceOf(ptr(GroupAddMemberInfo))],
		['GroupName', 'groupName', STRING],
		['Introduction', 'introduction', STRING],
		['Notification', 'notification', STRING],
		['FaceUrl', 'faceUrl', STRING],
		['OperationID', 'operationID', STRING, 'required'],
		['Ex', 'ex', STRING],
	]),
	inviteUserToGroup: struct('group.InviteUserToGroupReq', [
		['GroupID', 'groupID', STRING],
		['UidList', 'uidList', STRINGS, 'required'],
		['Reason', 'reason', STRING],
		['OperationID', 'operationID', STRING, 'required'],
	]),
	kickGroup: struct('group.KickGroupMemberReq', [
		['GroupID', 'groupID', STRING],
		['UidListInfo', 'uidListInfo', sliceOf(ptr(GroupMemberFullInfo)), 'required'],
		['Reason', 'reason', STRING],
		['OperationID', 'operationID', STRING, 'required'],
	]),
	getGroupsInfo: struct('group.paramsGetGroupInfo', [
		['GroupIDList', 'groupIDList', STRINGS, 'required'],
		['OperationID', 'operationID', STRING, 'required'],
	]),
	getGroupAllMember: struct('group.getGroupAllMemberReq', [
		['GroupID', 'groupID', STRING],
		['OperationID', 'operationID', STRING],
	]),
	importFriend: struct('friend.paramsImportFriendReq', friendFields),
	addBlacklist: struct('friend.paramsSearchFriend', friendFields),
	updateUserInfo: userParams,
	getUserInfo: userParams,
	deleteUsers: struct('manage.paramsDeleteUsers', [
		['OperationID', 'operationID', STRING, 'required'],
		['DeleteUidList', 'deleteUidList', STRINGS, 'required'],
	]),
	getAllUsersUid: struct('manage.paramsGetAllUsersUid', [
		['OperationID', 'operationID', STRING, 'required'],
	]),
	sendMsg: struct('manage.paramsManagementSendMsg', [
		['OperationID', 'operationID', STRING, 'required'],
		['SendID', 'sendID', STRING, 'required'],
		['RecvID', 'recvID', STRING, 'required'],
		['SenderNickName', 'senderNickName', STRING],
		['SenderFaceURL', 'senderFaceURL', STRING],
		['ForceList', 'forceList', STRINGS],
		['Content', 'content', MAP, 'required'],
		['ContentType', 'contentType', INT32, 'required'],
		['SessionType', 'sessionType', INT32, 'required'],
	]),
};
