import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@xyflow/react/dist/style.css';
import { App } from './App.tsx';
import './styles.css';
import './editor/editor.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, sans-serif",
});

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="bottom-center" />
      <App />
    </MantineProvider>
  </StrictMode>,
);
