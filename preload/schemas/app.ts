import { z } from 'zod';

export const noInput = z.object({}).strict().optional();

/** Which database the app has open: the reseller's own, or the demo file beside it (issue 10). */
export const workspaces = ['real', 'demo'] as const;
export type Workspace = (typeof workspaces)[number];

/**
 * "Try the demo" / "Back to my data": which database the app serves from now on.
 * `startOver` builds the demo afresh ("Start the demo again") instead of reopening it.
 */
export const workspaceOpenInput = z
  .object({
    to: z.enum(workspaces),
    startOver: z.boolean().default(false),
  })
  .strict();

export interface AppInfo {
  version: string;
  schemaVersion: number;
  /** The file open now: the reseller's own, or the demo's while the demo is open. */
  databasePath: string;
  host: 'electron' | 'headless';
  workspace: Workspace;
  /** Where the demo lives (beside the reseller's own file), and whether it was built already. */
  demoDatabasePath: string;
  demoExists: boolean;
  /** Issue 14: the host has an Open dialog of main's (the desktop app): the window chooses files through it (a grant), not with its own file field. */
  openDialog: boolean;
}
