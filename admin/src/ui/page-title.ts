// Each page names itself in the browser tab and in the history list (WCAG 2.4.2).
import { useEffect } from 'react';

export const APP_NAME = 'Weave 城市治理工作台';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} - ${APP_NAME}`;
  }, [title]);
}
