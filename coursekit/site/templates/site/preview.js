// Live preview: injected into each page by `coursekit preview` only, never part of the built site.
// It listens to the server's events (one way: it sends nothing back). "building" shows a badge; "built"
// reloads this page when it, or a file it loaded, changed, and brings it back on the same slide and
// fragment or scroll position; "failed" shows the build's file:line messages over the last good page.
(function () {
  "use strict";
  var KEY = "coursekit-preview:" + location.pathname;
  var badge = null, overlay = null;

  function restore(state) {
    if (state.indices) {  // a deck: reveal.js loads after this script, through require.js
      var tries = 0;
      var wait = setInterval(function () {
        if (window.Reveal && Reveal.isReady && Reveal.isReady()) {
          clearInterval(wait);
          Reveal.slide(state.indices.h, state.indices.v, state.indices.f);
        } else if (++tries > 200) {
          clearInterval(wait);
        }
      }, 50);
    } else {
      var scroll = function () { window.scrollTo(0, state.y); };
      if (document.readyState === "complete") scroll(); else window.addEventListener("load", scroll);
    }
  }
  var saved = sessionStorage.getItem(KEY);
  if (saved) { sessionStorage.removeItem(KEY); restore(JSON.parse(saved)); }

  function save() {
    var state = { y: window.scrollY };
    if (window.Reveal && Reveal.getIndices) state.indices = Reveal.getIndices();
    sessionStorage.setItem(KEY, JSON.stringify(state));
  }
  function path(url) {
    try { return decodeURIComponent(new URL(url, location.href).pathname); } catch (e) { return ""; }
  }
  function mine(changed) {
    var own = {};
    own[path(location.href)] = true;
    performance.getEntriesByType("resource").forEach(function (e) { own[path(e.name)] = true; });
    document.querySelectorAll("[src], link[href]").forEach(function (el) { own[path(el.src || el.href)] = true; });
    return changed.some(function (p) { return own[p]; });
  }
  function box(role, css) {
    var el = document.createElement("div");
    el.setAttribute("role", role);
    el.className = "coursekit-preview";
    el.style.cssText = "position:fixed;z-index:2147483647;font:16px/1.4 system-ui,sans-serif;" + css;
    document.body.appendChild(el);
    return el;
  }
  function clear() {
    if (badge) { badge.remove(); badge = null; }
    if (overlay) { overlay.remove(); overlay = null; }
  }
  var events = new EventSource("/__preview__/events");
  events.addEventListener("building", function () {
    if (!badge) badge = box("status", "right:12px;bottom:12px;padding:6px 12px;border-radius:6px;background:#1a1a1a;color:#fff;");
    badge.textContent = "rebuilding…";
  });
  events.addEventListener("built", function (e) {
    var data = JSON.parse(e.data);
    if (mine(data.changed)) { save(); location.reload(); return; }
    clear();
  });
  events.addEventListener("failed", function (e) {
    var data = JSON.parse(e.data);
    clear();
    overlay = box("alert", "left:5%;right:5%;top:10%;max-height:70%;overflow:auto;padding:16px 20px;" +
                  "border:3px solid #b00020;border-radius:8px;background:#fff;color:#1a1a1a;");
    var title = document.createElement("h2");
    title.textContent = "The build failed; this is the last good page";
    title.style.cssText = "margin:0 0 8px;font-size:20px;color:#b00020;";
    var pre = document.createElement("pre");
    pre.textContent = data.problems.join("\n");
    pre.style.cssText = "white-space:pre-wrap;margin:0;font:14px/1.4 monospace;";
    overlay.appendChild(title);
    overlay.appendChild(pre);
  });
})();
