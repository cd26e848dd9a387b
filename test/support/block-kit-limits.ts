/** Slack's limits on Block Kit and the Web API, as the fake Slack and the property tests check them. */
export * from '../../src/chat/block-kit-limits.js';
