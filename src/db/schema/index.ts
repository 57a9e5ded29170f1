export * from './agencies.js';
export * from './members.js';
export * from './chats.js';
export * from './updates.js';
export * from './conversations.js';
export * from './ideas.js';
export * from './settings.js';
export * from './drafts.js';
