import { Badge, createTheme } from '@mantine/core';

/** The Mantine theme of the application and of the embedded discussion. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  components: {
    // Sentence case reads better than capitals in Russian and Polish.
    Badge: Badge.extend({ styles: { label: { textTransform: 'none' } } }),
  },
});
