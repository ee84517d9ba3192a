import { modelFilesFromList, modelFilesFromPageFiles, type PageFile } from './page-files.js';

// How deep a dropped folder is read: the model directory (or a folder around it, which then gets a
// clear "more than one folder deep"), not a whole disk someone dropped by mistake.
const MAX_FOLDER_DEPTH = 3;

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

// A directory reader returns its entries a batch at a time (100 in Chromium) until an empty batch.
async function childrenOf(entry: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = entry.createReader();
  const children: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return children;
    children.push(...batch);
  }
}

async function collect(entry: FileSystemEntry, depth: number, into: PageFile[]): Promise<void> {
  if (entry.isFile) {
    const file = entry as FileSystemFileEntry;
    into.push({
      path: file.fullPath,
      read: async () => new Uint8Array(await (await fileOf(file)).arrayBuffer()),
    });
  } else if (entry.isDirectory && depth < MAX_FOLDER_DEPTH) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry))
      await collect(child, depth + 1, into);
  }
}

/**
 * The model directory in what was dropped on the page: its files, its folder, or a `.zip` of it. Call
 * it in the `drop` handler before any `await`: the browser empties the `DataTransfer` once the handler
 * returns, and this reads what it needs from it synchronously first.
 *
 * @param dataTransfer - the drop event's `dataTransfer`
 * @returns file name (`config.json`, `model.safetensors`, `training-state.json`) → bytes; a missing
 *   file is left for `loadModelFiles` to name
 * @throws ModelFilesError for a zip or a folder that is not one model directory
 * @example
 * ```ts
 * zone.addEventListener('drop', async (event) => {
 *   event.preventDefault();
 *   const loaded = loadModelFiles(await modelFilesFromDrop(event.dataTransfer!));
 * });
 * ```
 */
export async function modelFilesFromDrop(dataTransfer: DataTransfer): Promise<Map<string, Uint8Array>> {
  // Without the entries API (or for files dragged from another page) only the files are there.
  const entries = Array.from(dataTransfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length === 0 || entries.includes(null))
    return modelFilesFromList(Array.from(dataTransfer.files));
  const files: PageFile[] = [];
  for (const entry of entries as FileSystemEntry[]) await collect(entry, 0, files);
  return modelFilesFromPageFiles(files, 'the dropped files');
}
