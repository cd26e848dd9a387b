// The fake WeCom is product code now, shared with the WeCom sandbox: one strict stand-in for both.
export * from '../../src/sandbox/wecom/wecom-api.js';
