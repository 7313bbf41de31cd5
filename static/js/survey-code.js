// The survey links carry their code after "#", which the browser never sends to the server (so no
// server log holds it). Post it in the form's body, and take it out of the address bar and history.
(function () {
  "use strict";
  var code = decodeURIComponent(window.location.hash.slice(1));
  var form = document.querySelector("[data-survey-code]");
  if (!code || !form) return;
  history.replaceState(null, "", window.location.pathname);
  form.querySelector("input[name=code]").value = code;
  form.submit();
})();
