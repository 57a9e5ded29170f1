export * from './agencies.js';
export * from './members.js';
export * from './chats.js';
export * from './updates.js';
export * from './conversations.js';
export * from './ideas.js';
export * from './rate-limits.js';
