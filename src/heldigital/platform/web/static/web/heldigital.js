/* Progressive enhancement only: every page works without this script. */
(function () {
  "use strict";
  function ready() {
    /* An error summary takes the focus, so screen readers announce it (Designsystemet). */
    var summary = document.querySelector("[data-autofocus]");
    if (summary) {
      summary.focus();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
