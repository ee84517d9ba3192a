import { describe, expect, it } from 'vitest';
import { modelFilesFromDrop } from './dropped-files.js';
import { ModelFilesError } from './model-files-error.js';
import { modelFilesFromList } from './page-files.js';
import { modelZip } from './zip.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const model = new Map([
  ['config.json', bytes('{"model":"gru"}')],
  ['model.safetensors', bytes('weights')],
  ['training-state.json', bytes('{"step":5}')],
]);

/** A File as a folder input gives it: `webkitRelativePath` says where it is in the chosen folder. */
function file(path: string, content: Uint8Array): File {
  const f = new File([content.slice()], path.split('/').pop()!);
  if (path.includes('/')) Object.defineProperty(f, 'webkitRelativePath', { value: path });
  return f;
}

// The parts of the browser's file-system entries API that a dropped folder is read through.
function fileEntry(fullPath: string, content: Uint8Array): FileSystemFileEntry {
  return {
    isFile: true,
    isDirectory: false,
    fullPath,
    file: (resolve: (f: File) => void) => resolve(file(fullPath.split('/').pop()!, content)),
  } as unknown as FileSystemFileEntry;
}

function folderEntry(fullPath: string, children: FileSystemEntry[]): FileSystemDirectoryEntry {
  // Chromium hands the children out a batch at a time, then an empty batch.
  const batches = [children.slice(0, 2), children.slice(2), []];
  return {
    isFile: false,
    isDirectory: true,
    fullPath,
    createReader: () => ({
      readEntries: (resolve: (e: FileSystemEntry[]) => void) => resolve(batches.shift()!),
    }),
  } as unknown as FileSystemDirectoryEntry;
}

function dataTransfer(entries: FileSystemEntry[]): DataTransfer {
  return {
    items: entries.map((entry) => ({ kind: 'file', webkitGetAsEntry: () => entry })),
    files: [],
  } as unknown as DataTransfer;
}

const junk = () =>
  [
    ['.DS_Store', bytes('junk')],
    ['last.safetensors', bytes('latest')],
    ['optimizer.safetensors', bytes('moments')],
  ] as const;

describe('modelFilesFromList', () => {
  it('takes the files of a multiple-file input, keeping only the model directory’s', async () => {
    const files = [...model, ...junk()].map(([name, content]) => file(name, content));
    expect(await modelFilesFromList(files)).toEqual(model);
  });

  it('takes a folder input’s files by their folder-relative paths', async () => {
    const files = [...model, ...junk()].map(([name, content]) => file(`gru/${name}`, content));
    expect(await modelFilesFromList(files)).toEqual(model);
    const runs = [...model].map(([name, content]) => file(`runs/gru/${name}`, content));
    await expect(modelFilesFromList(runs)).rejects.toThrow(
      /^config.json is at runs\/gru\/config.json in the chosen folder, more than one folder deep;/,
    );
  });

  it('takes a single zip, with or without its extension', async () => {
    expect(await modelFilesFromList([file('gru.zip', modelZip(model))])).toEqual(model);
    expect(await modelFilesFromList([file('download', modelZip(model))])).toEqual(model);
    await expect(modelFilesFromList([file('gru.zip', bytes('not a zip'))])).rejects.toThrow(ModelFilesError);
  });

  it('takes a single loose file as the file it is named', async () => {
    expect(await modelFilesFromList([file('config.json', model.get('config.json')!)])).toEqual(
      new Map([['config.json', model.get('config.json')]]),
    );
    expect(await modelFilesFromList([file('notes.txt', bytes('hi'))])).toEqual(new Map());
  });
});

describe('modelFilesFromDrop', () => {
  it('reads a dropped folder through the entries API', async () => {
    const children = [...model, ...junk()].map(([name, content]) => fileEntry(`/gru/${name}`, content));
    expect(await modelFilesFromDrop(dataTransfer([folderEntry('/gru', children)]))).toEqual(model);
  });

  it('reads dropped files and a dropped zip', async () => {
    const loose = [...model].map(([name, content]) => fileEntry(`/${name}`, content));
    expect(await modelFilesFromDrop(dataTransfer(loose))).toEqual(model);
    expect(await modelFilesFromDrop(dataTransfer([fileEntry('/gru.zip', modelZip(model))]))).toEqual(model);
  });

  it('refuses two dropped model folders', async () => {
    const folders = ['/gru', '/mlp'].map((path) =>
      folderEntry(
        path,
        [...model].map(([name, content]) => fileEntry(`${path}/${name}`, content)),
      ),
    );
    await expect(modelFilesFromDrop(dataTransfer(folders))).rejects.toThrow(
      'There are files of more than one model in the dropped files (/gru/config.json and /mlp/config.json); give one model directory at a time.',
    );
  });

  it('falls back to the dropped files where the entries API is missing', async () => {
    const files = [...model].map(([name, content]) => file(name, content));
    const transfer = { items: [], files } as unknown as DataTransfer;
    expect(await modelFilesFromDrop(transfer)).toEqual(model);
  });
});
