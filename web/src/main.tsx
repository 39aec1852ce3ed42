import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import './i18n/index.ts';
import { App } from './app/App.tsx';
import { takeTokenFromFragment } from './embed/token.ts';

/** /embed/* is the discussion shown inside the widget's iframe on a host page; everything else is the application. */
const embedded = window.location.pathname.startsWith('/embed/');
if (embedded) takeTokenFromFragment();
const Root = embedded ? lazy(() => import('./embed/EmbedApp.tsx')) : App;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={null}>
      <Root />
    </Suspense>
  </StrictMode>,
);
