/**
 * Saves a Blob as a file behind a temporary `<a download>`. Works in Electron (a save
 * dialog) and in a browser on the headless host alike, with no network request.
 */
function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next turn: the click has already handed the Blob to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves text as a file (a CSV). */
export function downloadTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  saveBlob(fileName, new Blob([text], { type }));
}

/** Bytes sent as base64 (an invoice PDF from main) → their binary form. */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Saves bytes sent as base64 as a file, e.g. an invoice's PDF. */
export function downloadBase64File(fileName: string, base64: string, type = 'application/pdf'): void {
  saveBlob(fileName, new Blob([bytesOfBase64(base64)], { type }));
}
