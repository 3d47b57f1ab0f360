// The planning form's live clash warning: whenever the form changes, it is posted to
// clash-check and the answer (an HTML fragment rendered by the server) replaces the warning
// region. Without this script the same warnings appear when the form is submitted.
(function () {
  "use strict";
  var form = document.querySelector("form[data-clash-check]");
  if (!form) return;
  var region = document.getElementById("clash-live");
  if (!region) return;
  var timer = null;
  var latest = 0;
  function check() {
    var ticket = ++latest;
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-clash-check"), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (ticket === latest) region.innerHTML = html;
      })
      .catch(function () { /* the warning on submit still applies */ });
  }
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  form.addEventListener("change", schedule);
  form.addEventListener("input", schedule);
})();

// The import form: a file chosen on the device is read into the text area, so the form posts
// the calendar's text. Without this script the picker stays hidden and the text is pasted.
(function () {
  "use strict";
  var picker = document.querySelector("[data-ics-picker]");
  if (!picker || !window.FileReader) return;
  var input = picker.querySelector("input[type=file]");
  var target = input && document.getElementById(input.getAttribute("data-ics-target"));
  if (!target) return;
  picker.hidden = false;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () { target.value = String(reader.result || ""); };
    reader.readAsText(file);
  });
})();
