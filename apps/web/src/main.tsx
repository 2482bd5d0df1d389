import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { parseRoute } from './routing/routes';
import { currentLocation } from './routing/useRoute';
import { preloadStartPage } from './shell/AppShell';
import './styles.css';

// A deep link (a plan, the matrix, a meeting room…) fetches its page while the app asks who is signed in.
preloadStartPage(parseRoute(currentLocation()));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
