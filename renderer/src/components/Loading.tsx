/** A polite, labelled loading line (announced once; no spinner that never ends silently). */
export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="loading__dot" aria-hidden="true" />
      {label}
    </p>
  );
}
