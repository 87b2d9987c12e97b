import { ReactNode, RefObject, useCallback, useEffect, useRef, useState } from 'react';

/**
 * An inline confirmation for an action that cannot be undone: it says what will happen, offers the
 * action and Cancel, and takes the focus when it opens so that a screen reader reads it out.
 */
export function InlineConfirm({
  id,
  title,
  children,
  confirmLabel,
  pendingLabel,
  pending,
  onConfirm,
  onCancel,
}: {
  id: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} className="confirm" role="group" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} tabIndex={-1}>
      <p id={`${id}-title`} className="confirm-title">
        {title}
      </p>
      <p id={`${id}-text`}>{children}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </button>
        <button type="button" disabled={pending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Whether a confirmation is open, and the button that opens it: Cancel (or closing it otherwise)
 * gives that button the focus back.
 */
export function useConfirmStep<T extends HTMLElement = HTMLButtonElement>(): {
  open: boolean;
  opener: RefObject<T | null>;
  start: () => void;
  cancel: () => void;
  close: () => void;
} {
  const opener = useRef<T>(null);
  const [open, setOpen] = useState(false);
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!open && refocus) {
      opener.current?.focus();
      setRefocus(false);
    }
  }, [open, refocus]);
  const start = useCallback(() => setOpen(true), []);
  const cancel = useCallback(() => {
    setOpen(false);
    setRefocus(true);
  }, []);
  const close = useCallback(() => setOpen(false), []);
  return { open, opener, start, cancel, close };
}
