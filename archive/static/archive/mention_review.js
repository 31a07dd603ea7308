// The review queue of event mentions: j / k move between the suggestions'
// rows, a accepts and d dismisses the marked one (the row's own buttons).
(function () {
  "use strict";
  const rows = () => Array.from(document.querySelectorAll("#result_list tbody tr"))
    .filter((row) => row.querySelector("button[data-key]"));
  let current = 0;
  function mark(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => { row.style.outline = i === current ? "2px solid #1e88e5" : ""; });
    all[current].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    const all = rows();
    if (!all.length) return;
    if (event.key === "j") { mark(current + 1); event.preventDefault(); }
    else if (event.key === "k") { mark(current - 1); event.preventDefault(); }
    else if (event.key === "a" || event.key === "d") {
      const button = all[current].querySelector(`button[data-key="${event.key}"]`);
      if (button) { event.preventDefault(); button.click(); }
    }
  });
  document.addEventListener("DOMContentLoaded", () => mark(0));
})();
