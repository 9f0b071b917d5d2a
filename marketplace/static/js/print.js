// A "Print" control marked `data-print` (packing slips, officers' reports). Without JavaScript a
// link simply opens the printable page (print it from the browser's menu) and a button is hidden
// by the page's CSS; with JavaScript it opens the print dialog. No inline handler: the CSP
// allows only our own script files.
document.documentElement.classList.add("js");
document.addEventListener("click", function (event) {
  var control = event.target.closest("[data-print]");
  if (!control) return;
  event.preventDefault();
  window.print();
});
