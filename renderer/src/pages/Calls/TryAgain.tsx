/** The error banner's action on the call pages: read the list again. */
export function TryAgain({ reload }: { reload: () => Promise<unknown> }) {
  return (
    <button type="button" className="button button--secondary" onClick={() => void reload()}>
      Try again
    </button>
  );
}
