/* Upload progress for photo forms marked data-upload-progress (htmx posts them).
   Without JavaScript the form posts normally and the page reloads. */
(function () {
  "use strict";
  function bar(event) {
    var form = event.target && event.target.closest ? event.target.closest("[data-upload-progress]") : null;
    return form ? form.querySelector("progress") : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var progress = bar(event);
    if (progress) { progress.hidden = false; progress.value = 0; }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var progress = bar(event);
    if (progress && event.detail && event.detail.lengthComputable && event.detail.total) {
      progress.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
})();
