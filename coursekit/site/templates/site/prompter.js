// Teleprompter controls: space starts and pauses the scroll, arrows set its speed, m mirrors the text,
// + and - change the text size, Home goes back to the top, d follows the draft video's pace, t the last take's. State is kept on <body> for tests and styling.
(function () {
  "use strict";
  var body = document.body;
  var speed = 40; // pixels a second
  var running = false;
  var last = null;
  var carry = 0;
  var started = null; // when the first start happened, for the elapsed clock
  var pausedFor = 0, pausedAt = null;
  var total = parseInt(body.dataset.totalSeconds || "0", 10);
  var $ = function (id) { return document.getElementById(id); };
  var segments = Array.prototype.slice.call(document.querySelectorAll(".segment"));

  function clock(seconds) {
    seconds = Math.max(0, Math.round(seconds));
    return Math.floor(seconds / 60) + ":" + ("0" + (seconds % 60)).slice(-2);
  }
  function show() {
    $("speed").textContent = speed;
    $("state").textContent = running ? "scrolling" : "paused";
    body.dataset.speed = speed;
    body.dataset.state = running ? "scrolling" : "paused";
    press("btn-start", running);
  }
  function elapsed() {
    if (started === null) return 0;
    var now = Date.now();
    return (now - started - pausedFor - (pausedAt !== null ? now - pausedAt : 0)) / 1000;
  }
  // Draft pace and take pace: each line of the script reaches the reading line when the draft video (or the
  // instructor's last aligned take) says it.
  var paces = { draft: [], take: [] };
  var following = null;
  [["draft", "draft-pace"], ["take", "take-pace-data"]].forEach(function (p) {
    var data = document.getElementById(p[1]);
    if (!data) return;
    JSON.parse(data.textContent).anchors.forEach(function (a) {
      var el = document.querySelector('[data-line="' + a[0] + '"]');
      if (el) paces[p[0]].push({ t: a[1], el: el });
    });
  });
  var anchors = [];
  function paceTarget(t) {
    var line = window.innerHeight * 0.35;
    var y = function (a) { return a.el.getBoundingClientRect().top + window.scrollY - line; };
    if (!anchors.length) return window.scrollY;
    if (t <= anchors[0].t) return y(anchors[0]);
    for (var i = 1; i < anchors.length; i++) {
      if (t < anchors[i].t) {
        var a = anchors[i - 1], b = anchors[i];
        return y(a) + (y(b) - y(a)) * (t - a.t) / (b.t - a.t);
      }
    }
    return y(anchors[anchors.length - 1]);
  }
  function tick(now) {
    if (running && following) {
      window.scrollTo(0, Math.max(0, Math.round(paceTarget(elapsed()))));
    } else if (running) {
      if (last !== null) {
        carry += speed * (now - last) / 1000;
        var whole = Math.floor(carry);
        if (whole >= 1) { window.scrollBy(0, whole); carry -= whole; }
      }
      last = now;
    }
    requestAnimationFrame(tick);
  }
  function currentSegment() {
    var mid = window.innerHeight * 0.4, found = segments[0];
    segments.forEach(function (s) { if (s.getBoundingClientRect().top < mid) found = s; });
    segments.forEach(function (s) { s.classList.toggle("current", s === found); });
    if (found) { $("segment-name").textContent = found.dataset.title; $("segment-time").textContent = found.dataset.clock; }
  }
  function everySecond() {
    var d = new Date();
    $("clock").textContent = ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2) + ":" + ("0" + d.getSeconds()).slice(-2);
    $("elapsed").textContent = clock(elapsed());
    $("remaining").textContent = clock(total - elapsed());
  }
  function toggle() {
    running = !running;
    last = null;
    if (running) {
      if (started === null) started = Date.now();
      if (pausedAt !== null) { pausedFor += Date.now() - pausedAt; pausedAt = null; }
    } else {
      pausedAt = Date.now();
    }
    show();
  }
  function press(id, on) { var b = $(id); if (b) b.setAttribute("aria-pressed", on ? "true" : "false"); }
  function togglePace(kind) {
    if (!paces[kind].length) return false;
    following = following === kind ? null : kind;
    anchors = following ? paces[following] : [];
    body.dataset.pace = following || "speed";
    if ($("pace")) $("pace").textContent = following === "draft" ? "on" : "off";
    if ($("take-pace")) $("take-pace").textContent = following === "take" ? "on" : "off";
    press("btn-pace", following === "draft");
    press("btn-take", following === "take");
    return true;
  }
  function mirror() { press("btn-mirror", body.classList.toggle("mirror")); }
  function faster(step) { speed = Math.max(0, Math.min(400, speed + step)); show(); }
  var buttons = { "btn-start": toggle, "btn-slower": function () { faster(-10); },
                  "btn-faster": function () { faster(10); }, "btn-mirror": mirror,
                  "btn-pace": function () { togglePace("draft"); }, "btn-take": function () { togglePace("take"); } };
  Object.keys(buttons).forEach(function (id) { if ($(id)) $(id).addEventListener("click", function () { buttons[id](); }); });
  document.addEventListener("keydown", function (e) {
    // Space and Enter on a focused button or link are that control's own; the shortcuts are for the page.
    if ((e.key === " " || e.key === "Enter") && e.target.closest && e.target.closest("button, a")) return;
    var size = parseFloat(getComputedStyle(body).getPropertyValue("--size")) || 44;
    switch (e.key) {
      case " ": toggle(); break;
      case "ArrowUp": faster(10); break;
      case "ArrowDown": faster(-10); break;
      case "m": case "M": mirror(); break;
      case "+": case "=": body.style.setProperty("--size", (size + 4) + "px"); break;
      case "-": case "_": body.style.setProperty("--size", Math.max(16, size - 4) + "px"); break;
      case "Home": window.scrollTo(0, 0); break;
      case "d": case "D": if (!togglePace("draft")) return; break;
      case "t": case "T": if (!togglePace("take")) return; break;
      default: return;
    }
    e.preventDefault();
  });
  window.addEventListener("scroll", currentSegment, { passive: true });
  show(); currentSegment(); everySecond();
  setInterval(everySecond, 1000);
  requestAnimationFrame(tick);
})();
