/** sonner, loaded on first use: no toast is needed to draw the first screen. */
export function loadToasts() {
  return import('sonner');
}

/**
 * Short-lived messages (toasts). The toaster is mounted by the app's
 * provider; a toast raised before it has loaded is shown once it has.
 */
export const notify = {
  success(message: string) {
    void loadToasts().then(({ toast }) => toast.success(message));
  },
  error(message: string) {
    void loadToasts().then(({ toast }) => toast.error(message));
  },
};
