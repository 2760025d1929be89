/** Opens a finished file's one-time address (headless host): the browser downloads it (Content-Disposition: attachment) as `fileName`. */
export function downloadFrom(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}
