import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { DemoBanner } from '../components/demo-banner.js';

/**
 * Tells on the <html> element what the app is showing: `data-route` is the address of the screen
 * rendered now (a screen whose code is still loading keeps the previous address); the API client
 * sets `data-busy` while requests are in flight (lib/api.ts). Browser tests wait on these instead
 * of on the clock; they cost nothing to anyone else.
 */
function AppStateMarker() {
  const location = useLocation();
  useEffect(() => {
    document.documentElement.dataset.route = location.pathname + location.search;
  }, [location.pathname, location.search]);
  return null;
}

/** The root of every route: on a demo server, every page starts with the 「演示环境」 banner. */
export function AppRoot() {
  return (
    <>
      <AppStateMarker />
      <DemoBanner />
      <Outlet />
    </>
  );
}
