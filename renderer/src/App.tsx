import { AppShell } from './components/Layout/AppShell';
import { ToastsProvider } from './components/Toasts';
import { useCurrentPath } from './lib/router';
import { renderRoute } from './routes';

export function App() {
  const path = useCurrentPath();
  return (
    <ToastsProvider>
      <AppShell currentPath={path}>{renderRoute(path)}</AppShell>
    </ToastsProvider>
  );
}
