import { useId } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Dialog, DialogClose, DialogContent } from '@/components/ui/dialog.tsx';
import { SHORTCUTS } from '@/lib/shortcuts.ts';

/**
 * The shortcuts' help (loaded when first opened): what each key does, and
 * the switch that turns them off.
 */
export function ShortcutsHelpDialog({
  isEnabled,
  onEnabledChange,
  onClose,
  returnFocusTo,
}: {
  isEnabled: boolean;
  onEnabledChange: (isEnabled: boolean) => void;
  onClose: () => void;
  /** Where focus goes back to on close: the trigger, or what had it before `?`. */
  returnFocusTo: Element | null;
}) {
  const enabledId = useId();
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        title="Keyboard shortcuts"
        description={
          <p>
            Press the key on its own. Shortcuts do nothing while you type in a
            field or in the filter editor, while a dialog is open, or with Ctrl,
            Alt or ⌘ held down. Turn them off if they get in the way, for
            example with speech input.
          </p>
        }
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          if (
            returnFocusTo instanceof HTMLElement &&
            returnFocusTo.isConnected
          ) {
            returnFocusTo.focus();
          }
        }}
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Keyboard shortcuts</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1.5 pr-3 font-semibold">
                Key
              </th>
              <th scope="col" className="py-1.5 pr-3 font-semibold">
                Does
              </th>
              <th scope="col" className="py-1.5 font-semibold">
                Where
              </th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.id} className="border-b border-slate-100">
                <td className="py-1.5 pr-3">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                    {shortcut.key}
                  </kbd>
                </td>
                <td className="py-1.5 pr-3">{shortcut.action}</td>
                <td className="py-1.5 text-slate-700">{shortcut.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2 text-sm">
            <input
              id={enabledId}
              type="checkbox"
              checked={isEnabled}
              onChange={(event) => onEnabledChange(event.target.checked)}
              className="size-4 accent-brand-700"
            />
            <label htmlFor={enabledId}>Use single-key shortcuts</label>
          </div>
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
