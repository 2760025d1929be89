import type { ChosenFile, FilePurpose } from '../../../preload/schemas/files';
import { callChannel, readView, useChannel, useChannelAction } from './channel';

/** Settings → Backup: the daily backups' settings and files, and the actions on them (issue 14). */
export function useBackupStatus() {
  const view = readView(useChannel('backup.status'));
  return { ...view, status: view.status, backup: view.data ?? null };
}

export function useBackupActions() {
  return {
    create: useChannelAction('backup.create'),
    saveSettings: useChannelAction('backup.saveSettings'),
    inspect: useChannelAction('backup.inspect'),
    restore: useChannelAction('backup.restore'),
  };
}

/** Pieces of at most 3 MB (base64: 4 MB, main's limit per piece). */
const UPLOAD_PIECE_BYTES = 3 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const step = 0x8000;
  for (let at = 0; at < bytes.length; at += step) binary += String.fromCharCode(...bytes.subarray(at, at + step));
  return btoa(binary);
}

/**
 * A file the window read (the headless host has no Open dialog of main's) sent to main in
 * pieces; main answers with a grant, as its dialog would in the desktop app.
 */
export async function uploadFile(file: File, purpose: FilePurpose, onProgress: (sent: number) => void = () => undefined): Promise<ChosenFile> {
  const { uploadId } = await callChannel('files.uploadBegin', { purpose, name: file.name, bytes: file.size });
  for (let at = 0; ; at += UPLOAD_PIECE_BYTES) {
    const piece = new Uint8Array(await file.slice(at, at + UPLOAD_PIECE_BYTES).arrayBuffer());
    const last = at + UPLOAD_PIECE_BYTES >= file.size;
    const answer = await callChannel('files.uploadChunk', { uploadId, base64: toBase64(piece), last });
    onProgress(Math.min(file.size, at + piece.length));
    if (last) {
      if (!('grant' in answer)) throw new Error('The file did not arrive whole: choose it again.');
      return answer;
    }
  }
}

/** The desktop app's Open dialog (main keeps the path, the window gets a grant); null when cancelled. */
export const chooseFile = (purpose: FilePurpose): Promise<ChosenFile | null> => callChannel('files.choose', { purpose });
