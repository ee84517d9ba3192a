import { chooseModelPaths } from './model-paths.js';
import { filesFromZip, isZip } from './zip.js';

/** A file the page was given, by its path, read only when it is one of the model's files. */
export interface PageFile {
  /** `/`-separated path: a base name, or the path inside a chosen or dropped folder. */
  path: string;
  /** Its bytes. */
  read(): Promise<Uint8Array>;
}

/**
 * The model directory among the files the page was given: one zip (of the directory, as `filesFromZip`
 * reads it), or the directory's files, loose or in one folder.
 *
 * @param files - the files, by path
 * @param where - what they are, for messages: `the chosen files`, `the dropped folder`, ...
 * @returns file name (`config.json`, `model.safetensors`, `training-state.json`) → bytes
 * @throws ModelFilesError for a zip or a set of files that is not one model directory
 */
export async function modelFilesFromPageFiles(
  files: readonly PageFile[],
  where: string,
): Promise<Map<string, Uint8Array>> {
  const [only] = files;
  if (files.length === 1 && only !== undefined) {
    const bytes = await only.read();
    // A single .zip, or a zip saved without its extension; a single loose file is read as it is.
    if (only.path.toLowerCase().endsWith('.zip') || isZip(bytes)) return filesFromZip(bytes);
    return new Map([...chooseModelPaths([only.path], where).keys()].map((name) => [name, bytes]));
  }
  const byPath = new Map(files.map((file) => [file.path, file]));
  const chosen = [...chooseModelPaths(byPath.keys(), where)];
  const bytes = await Promise.all(chosen.map(([, path]) => byPath.get(path)!.read()));
  return new Map(chosen.map(([name], i) => [name, bytes[i]!]));
}

/**
 * The model directory among the files of an `<input type=file>`: several files (`multiple`), a
 * folder (`webkitdirectory`: each file's `webkitRelativePath` says where it is) or a single `.zip`.
 *
 * @param files - the input's `files`
 * @returns file name (`config.json`, `model.safetensors`, `training-state.json`) → bytes; a missing
 *   file is left for `loadModelFiles` to name
 * @throws ModelFilesError for a zip or a folder that is not one model directory
 * @example
 * ```ts
 * input.addEventListener('change', async () => {
 *   const loaded = loadModelFiles(await modelFilesFromList(input.files!));
 * });
 * ```
 */
export function modelFilesFromList(files: Iterable<File> | FileList): Promise<Map<string, Uint8Array>> {
  const list = Array.from(files as Iterable<File>);
  const inFolder = list.some((file) => file.webkitRelativePath);
  return modelFilesFromPageFiles(
    list.map((file) => ({
      path: file.webkitRelativePath || file.name,
      read: async () => new Uint8Array(await file.arrayBuffer()),
    })),
    inFolder ? 'the chosen folder' : 'the chosen files',
  );
}
