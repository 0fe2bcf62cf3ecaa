// One EventSource on /commander/live for the whole page; views subscribe while they are shown.
const listeners = new Set();
let source = null;
let last = null;

export function startLive() {
  if (source) return;
  source = new EventSource('/commander/live');
  source.addEventListener('status', (event) => {
    last = JSON.parse(event.data);
    for (const listener of listeners) listener(last);
  });
}

export function stopLive() {
  source?.close();
  source = null;
}

export function onLive(listener) {
  listeners.add(listener);
  if (last) listener(last);
  return () => listeners.delete(listener);
}

// Loads now, and again whenever the task events counted by the live feed move past what the load saw.
// The count is read before the load starts, so a change during the load still brings a reload.
export async function refreshOnTaskEvents(load) {
  let seen = last?.task_events ?? null;
  await load();
  return onLive((frame) => {
    if (frame.task_events !== seen) {
      seen = frame.task_events;
      load().catch(() => {});
    }
  });
}
