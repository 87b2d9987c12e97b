import { DragEvent, useRef, useState } from 'react';

/**
 * Choose a roster: the button opens the computer's file window; a file dropped on the area does the same.
 * Only the first file counts (one roster per case).
 */
export function RosterFilePicker({ buttonLabel, onFile, disabled = false }: { buttonLabel: string; onFile: (file: File) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`drop-zone${over ? ' drop-over' : ''}`}
      onDragOver={(e) => (e.preventDefault(), setOver(true))}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <button type="button" className="primary" onClick={() => input.current?.click()} disabled={disabled}>
        {buttonLabel}
      </button>
      <span className="hint">or drop the roster file here (CSV or Excel .xlsx)</span>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
