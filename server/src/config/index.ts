export { loadConfig, describeConfig, ConfigError } from './load.ts';
export { settings, type Config, type SettingKey } from './schema.ts';
