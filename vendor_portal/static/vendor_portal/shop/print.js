// The packing slip's "Print" link: without JavaScript it opens the slip (print it from the
// browser's menu); with JavaScript it opens the print dialog.
document.addEventListener("click", function (event) {
  var link = event.target.closest("[data-print]");
  if (!link) return;
  event.preventDefault();
  window.print();
});
