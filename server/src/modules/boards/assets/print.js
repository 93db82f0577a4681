/* global window, location */
// Opened with ?print=1 (the board's print link): show the browser's print dialog once the page is laid out.
if (new URLSearchParams(location.search).get('print') === '1')
  window.addEventListener('load', () => window.print());
