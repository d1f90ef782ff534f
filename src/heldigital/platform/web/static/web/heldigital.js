/* Progressive enhancement only: every page works without this script. */
(function () {
  "use strict";

  /* A form kept when the session had ended (heldigital.platform.web.resume):
     fill the page's own form that posts to the same address, so the text can be
     edited before it is sent again. */
  function refill() {
    var source = document.getElementById("pending-form-data");
    if (!source) {
      return;
    }
    var kept = JSON.parse(source.textContent);
    var forms = document.querySelectorAll("main form");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      if (form.closest("#pending-form")) {
        continue;
      }
      if (new URL(form.action, document.baseURI).pathname !== kept.action) {
        continue;
      }
      Object.keys(kept.data).forEach(function (name) {
        var values = kept.data[name];
        var fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
        fields.forEach(function (field, index) {
          if (field.type === "hidden" || field.type === "file") {
            return;
          }
          if (field.type === "checkbox" || field.type === "radio") {
            field.checked = values.indexOf(field.value) !== -1;
          } else if (field.tagName === "SELECT" && field.multiple) {
            Array.prototype.forEach.call(field.options, function (option) {
              option.selected = values.indexOf(option.value) !== -1;
            });
          } else if (index < values.length) {
            field.value = values[index];
          }
        });
      });
      var details = form.closest("details");
      if (details) {
        details.open = true;
      }
      var first = form.querySelector("textarea, input:not([type=hidden]), select");
      if (first) {
        first.focus();
      }
      return;
    }
  }

  function ready() {
    refill();
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
