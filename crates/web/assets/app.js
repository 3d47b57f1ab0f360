// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Suggest a slug from the title while the slug field is still untouched.
  var title = document.querySelector("[data-slug-source]");
  var slug = document.querySelector("[data-slug-target]");
  if (title && slug) {
    var touched = slug.value !== "";
    slug.addEventListener("input", function () { touched = true; });
    title.addEventListener("input", function () {
      if (touched) return;
      slug.value = title.value
        .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .replace(/[łŁ]/g, "l")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^[-0-9]+|-+$/g, "")
        .slice(0, 60);
    });
  }
  // Ask before destructive actions.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });
  // Apply the language as soon as it is picked.
  var picker = document.getElementById("language-select");
  if (picker && picker.form) {
    picker.addEventListener("change", function () { picker.form.submit(); });
  }
  // Move focus to the error summary so screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
