// How this project starts Debian's Chromium (browser tests and benchmark alike): no
// sandbox as root, and none of the background connections that the closed network refuses.
export const CHROMIUM = '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];
