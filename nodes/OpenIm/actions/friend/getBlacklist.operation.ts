import { ownerList } from './ownerList';

export const { description, execute } = ownerList('getBlacklist', 'blacklist');
