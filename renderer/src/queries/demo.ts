/** What the demo holds: main's defaults (main/handlers/workspace.ts builds it), spelled out so the card can say what it builds. */
export const DEMO_SIZE = { clients: 25, cdrs: 5000 } as const;
