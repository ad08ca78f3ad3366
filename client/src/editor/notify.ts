import type { ReactNode } from 'react';
import { notifications } from '@mantine/notifications';

/** Shows a short message at the bottom of the page; a sticky one (a failed save) stays until dismissed. */
export function notify(color: 'green' | 'red' | 'blue', title: string, message: ReactNode, sticky = color === 'red'): void {
  notifications.show({
    color,
    title,
    message,
    autoClose: sticky ? false : 6000,
    closeButtonProps: { 'aria-label': 'Dismiss message' },
  });
}
