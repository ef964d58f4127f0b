/**
 * Runs `task` after the browser has painted what is on screen now (the next
 * frame, then a task), so that work a click starts but does not show (a
 * prefetch) does not delay the frame that answers the click. Returns the
 * cancellation. Without animation frames (tests), a task.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== 'function') {
    timer = setTimeout(task, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
