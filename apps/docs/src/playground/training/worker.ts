/**
 * The playground's training worker (a module worker): hands the page's messages to a
 * {@link TrainingHost}, which trains one model at a time off the page's main thread, so the page stays
 * responsive while the model trains.
 */
import type { PageMessage, WorkerMessage } from './protocol.js';
import { TrainingDevices } from './training-devices.js';
import { TrainingHost } from './training-host.js';

/** The parts of a dedicated worker's global scope used here (the DOM library types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<PageMessage>) => void) | null;
  postMessage(message: WorkerMessage): void;
  crossOriginIsolated?: boolean;
}

const scope = self as unknown as WorkerScope;

const devices = new TrainingDevices({
  crossOriginIsolated: scope.crossOriginIsolated === true,
  // Loaded only when more than one thread is asked for and the page is isolated.
  createThreadPool: async (threads) =>
    (await import('@makemore/tensor/browser')).createBrowserThreadPool(threads),
});

const host = new TrainingHost((message) => scope.postMessage(message), devices);

scope.onmessage = (event) => {
  void host.receive(event.data);
};
