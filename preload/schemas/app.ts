import { z } from 'zod';

export const noInput = z.object({}).strict().optional();

export interface AppInfo {
  version: string;
  schemaVersion: number;
  databasePath: string;
  host: 'electron' | 'headless';
}
