// The orphaned passage's page: a selection in the article's text fills the
// form with its offsets in Unicode code points (the browser counts UTF-16
// units), and with the selected text, which the server checks.
(function () {
  "use strict";
  function init() {
    var text = document.getElementById("reattach-text");
    var form = document.getElementById("reattach-selection");
    var preview = document.getElementById("reattach-preview");
    if (!text || !form) return;
    var node = text.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE) return;
    function codePoints(utf16) {
      return Array.from(node.data.slice(0, utf16)).length;
    }
    document.addEventListener("selectionchange", function () {
      var selection = window.getSelection();
      if (!selection.rangeCount) return;
      var range = selection.getRangeAt(0);
      if (range.collapsed || range.startContainer !== node || range.endContainer !== node) return;
      var start = codePoints(range.startOffset);
      var end = codePoints(range.endOffset);
      form.elements.start.value = start;
      form.elements.end.value = end;
      form.elements.quote.value = Array.from(node.data).slice(start, end).join("");
      preview.textContent = form.elements.quote.value;
    });
    // Typed offsets: show and send the text they select.
    function typed() {
      var start = parseInt(form.elements.start.value, 10);
      var end = parseInt(form.elements.end.value, 10);
      if (isNaN(start) || isNaN(end)) return;
      form.elements.quote.value = Array.from(node.data).slice(start, end).join("");
      preview.textContent = form.elements.quote.value;
    }
    form.elements.start.addEventListener("input", typed);
    form.elements.end.addEventListener("input", typed);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
