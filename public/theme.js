// Sets <html data-theme> before the first paint, from the theme toggle's
// saved choice or else the system's, so a dark page never flashes light.
// A file rather than an inline script: the Content-Security-Policy allows
// scripts from 'self' only. The app keeps it current afterwards; the key and
// the rule are src/web/lib/theme.ts's (theme.test.ts checks they agree).
/* global document, matchMedia */
(function () {
  var saved = null;
  try {
    saved = localStorage.getItem('lifeguard.theme');
  } catch {
    // Site data blocked: follow the system.
  }
  var dark =
    saved === 'dark' ||
    (saved !== 'light' &&
      typeof matchMedia === 'function' &&
      matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
