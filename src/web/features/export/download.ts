import type { ExportFile } from '#contract/export.ts';

// Long enough for any browser to have handed the blob to its download.
const REVOKE_AFTER_MS = 60_000;

/** Saves `file` through the browser's download, built in memory (no request). */
export function downloadFile(
  file: Pick<ExportFile, 'text' | 'filename' | 'mimeType'>,
) {
  const url = URL.createObjectURL(
    new Blob([file.text], { type: file.mimeType }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
