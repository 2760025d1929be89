/**
 * Saves text as a file: a Blob behind a temporary `<a download>`. Works in Electron (a
 * save dialog) and in a browser on the headless host alike, with no network request.
 */
export function downloadTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
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
