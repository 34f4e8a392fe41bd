export { failureOf, OpenImClient, OpenImError, type RequestSettings, type Session } from './client';
