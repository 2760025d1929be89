interface ProgressBarProps {
  /** Accessible name, e.g. "Import progress". */
  label: string;
  /** 0–100; null while the total is not known (the bar then shows no fill and no value). */
  percent: number | null;
  /** What a screen reader says instead of the bare number, e.g. "42% of the file read". */
  valueText?: string;
}

/** A determinate progress bar with its value exposed to assistive technology. */
export function ProgressBar({ label, percent, valueText }: ProgressBarProps) {
  const value = percent === null ? null : Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value ?? undefined}
      aria-valuetext={valueText}
    >
      <div className="progress__fill" style={{ width: `${value ?? 0}%` }} />
    </div>
  );
}
