// Presenter mode: the arrow keys (and Page Up/Down, space) press the Previous/Next buttons.
document.addEventListener("keydown", function (event) {
  if (!document.getElementById("present-slide")) { return; }
  var tag = (event.target && event.target.tagName) || "";
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
  var next = ["ArrowRight", "ArrowDown", "PageDown", " "];
  var prev = ["ArrowLeft", "ArrowUp", "PageUp"];
  var id = next.indexOf(event.key) >= 0 ? "present-next" : (prev.indexOf(event.key) >= 0 ? "present-prev" : null);
  if (!id) { return; }
  var button = document.getElementById(id);
  if (button) { event.preventDefault(); button.click(); }
});
