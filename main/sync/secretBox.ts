/**
 * Where a secret (the provider's API password) is kept encrypted at rest (DESIGN.md:
 * "Credentials never sit in plain text"). The desktop app seals with the operating system's
 * keychain (Electron safeStorage, main/electron/secretBox.ts); a host without one cannot
 * save a password at all and reads it from the environment instead.
 */
export interface SecretBox {
  /** False where nothing can be kept encrypted (no keychain): the password is then not saved. */
  canSeal(): boolean;
  /** The secret encrypted, as text for the settings table (base64). */
  seal(secret: string): string;
  /** Undoes seal; throws when the sealed text cannot be opened (another computer's keychain, damaged). */
  open(sealed: string): string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/** The headless host's and the command line's box: no keychain, so nothing is sealed (they read RESELLER_API_PASSWORD). */
export const NO_SECRET_BOX: SecretBox = {
  canSeal: () => false,
  seal: () => {
    throw new SecretBoxError('This computer cannot keep the API password encrypted');
  },
  open: () => {
    throw new SecretBoxError('This computer cannot open the saved API password');
  },
};
