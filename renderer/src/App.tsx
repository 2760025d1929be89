import { useEffect } from 'react';
import { AppShell } from './components/Layout/AppShell';
import { ToastsProvider } from './components/Toasts';
import { useCurrentPath } from './lib/router';
import { renderRoute } from './routes';
import { useAppInfo } from './stores/appInfo';

export function App() {
  const path = useCurrentPath();
  const loadAppInfo = useAppInfo((state) => state.load);
  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  return (
    <ToastsProvider>
      <AppShell currentPath={path}>{renderRoute(path)}</AppShell>
    </ToastsProvider>
  );
}
