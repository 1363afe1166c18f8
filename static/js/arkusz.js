// Per-answer autosave of the diagnostic sheet. Nothing typed is lost: every change is kept in
// localStorage (keyed by user + participation + template version) until the server confirms it;
// offline or after the session expired (401) it waits and is sent again when the user is back.
(function () {
  "use strict";
  var root = document.getElementById("arkusz");
  if (!root || root.dataset.edytowalny !== "1") { return; }
  var url = root.dataset.url;
  var key = root.dataset.klucz;
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var banner = document.getElementById("arkusz-komunikat");
  var timers = {};

  function pending() {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function store(all) {
    if (Object.keys(all).length) { window.localStorage.setItem(key, JSON.stringify(all)); }
    else { window.localStorage.removeItem(key); }
  }
  function fieldset(id) { return root.querySelector('fieldset[data-pytanie="' + id + '"]'); }
  function status(fs, text) { fs.querySelector(".status-zapisu").textContent = text; }
  function showBanner(text) { banner.textContent = text; banner.classList.remove("d-none"); }
  function hideBanner() { banner.classList.add("d-none"); }

  function read(fs) {
    var type = fs.dataset.typ;
    var entry = { wartosc: "", nie_wiem: false, wersja: parseInt(fs.dataset.wersja || "0", 10) };
    if (type === "wielokrotny") {
      entry.wartosc = Array.prototype.map.call(fs.querySelectorAll("input:checked"), function (i) { return i.value; });
    } else if (fs.querySelector("input[type=radio]")) {
      var checked = fs.querySelector("input:checked");
      if (checked && checked.dataset.nieWiem === "1") { entry.nie_wiem = true; }
      else if (checked) { entry.wartosc = checked.value; }
    } else {
      entry.wartosc = fs.querySelector("input, textarea").value;
    }
    return entry;
  }
  function apply(fs, entry) {
    var values = Array.isArray(entry.wartosc) ? entry.wartosc.map(String) : [String(entry.wartosc)];
    fs.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (input) {
      input.checked = entry.nie_wiem ? input.dataset.nieWiem === "1" : (input.dataset.nieWiem !== "1" && values.indexOf(input.value) !== -1);
    });
    var text = fs.querySelector("input[type=text], input[type=date], textarea");
    if (text) { text.value = entry.wartosc || ""; }
  }

  function send(id, entry) {
    var fs = fieldset(id);
    if (!fs) { return; }
    status(fs, root.dataset.tekstZapisywanie);
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf);
    body.append("pytanie", id);
    body.append("wersja", String(entry.wersja));
    if (entry.nie_wiem) { body.append("nie_wiem", "1"); }
    (Array.isArray(entry.wartosc) ? entry.wartosc : [entry.wartosc]).forEach(function (v) { body.append("wartosc", v); });
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "HX-Request": "true", "X-CSRFToken": csrf } })
      .then(function (response) {
        if (response.status === 401 || response.status === 403 && response.headers.get("Content-Type").indexOf("json") === -1) {
          showBanner(root.dataset.tekstSesja);
          status(fs, root.dataset.tekstOffline);
          return null;
        }
        return response.json().then(function (data) { return { code: response.status, data: data }; });
      })
      .then(function (result) {
        if (!result) { return; }
        var all = pending();
        fs.querySelector(".blad-pola").textContent = "";
        if (result.code === 200) {
          fs.dataset.wersja = result.data.wersja;
          delete all[id];
          store(all);
          hideBanner();
          status(fs, root.dataset.tekstZapisano + ": " + result.data.autor + ", " + result.data.czas);
          document.dispatchEvent(new CustomEvent("doradztwo:aktywnosc"));
        } else if (result.code === 409) {
          conflict(fs, id, entry, result.data);
        } else if (result.data && result.data.blad) {
          fs.querySelector(".blad-pola").textContent = result.data.blad;
          delete all[id];
          store(all);
          status(fs, "");
        }
      })
      .catch(function () { status(fs, root.dataset.tekstOffline); });
  }

  function conflict(fs, id, mine, theirs) {
    var box = fs.querySelector(".konflikt");
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "mb-2";
    p.textContent = root.dataset.tekstKonflikt + " „" + theirs.etykieta + "” (" + theirs.autor + ", " + theirs.czas + ").";
    var keep = document.createElement("button");
    keep.type = "button"; keep.className = "btn btn-sm btn-primary me-2"; keep.textContent = root.dataset.tekstMoja;
    var take = document.createElement("button");
    take.type = "button"; take.className = "btn btn-sm btn-outline-dark"; take.textContent = root.dataset.tekstTamta;
    keep.addEventListener("click", function () {
      box.classList.add("d-none");
      fs.dataset.wersja = theirs.wersja;
      var entry = read(fs); entry.wersja = theirs.wersja;
      var all = pending(); all[id] = entry; store(all);
      send(id, entry);
    });
    take.addEventListener("click", function () {
      box.classList.add("d-none");
      fs.dataset.wersja = theirs.wersja;
      apply(fs, { wartosc: theirs.nie_wiem ? "" : (theirs.wartosc === null ? "" : theirs.wartosc), nie_wiem: theirs.nie_wiem });
      var all = pending(); delete all[id]; store(all);
      status(fs, root.dataset.tekstZapisano + ": " + theirs.autor + ", " + theirs.czas);
    });
    box.appendChild(p); box.appendChild(keep); box.appendChild(take);
    box.classList.remove("d-none");
    take.focus();
  }

  function changed(fs) {
    var id = fs.dataset.pytanie;
    var entry = read(fs);
    var all = pending(); all[id] = entry; store(all);
    window.clearTimeout(timers[id]);
    timers[id] = window.setTimeout(function () { send(id, entry); }, fs.dataset.typ.indexOf("tekst") === 0 || fs.dataset.typ === "liczba" ? 600 : 50);
    visibility();
  }

  function visibility() {
    root.querySelectorAll("fieldset[data-pokaz-kod]").forEach(function (fs) {
      var source = root.querySelector('fieldset[data-kod="' + fs.dataset.pokazKod + '"]');
      var allowed = (fs.dataset.pokazWartosci || "").split("|");
      var value = source ? read(source).wartosc : "";
      var show = (Array.isArray(value) ? value : [value]).some(function (v) { return allowed.indexOf(String(v)) !== -1; });
      fs.hidden = !show;
    });
  }

  function flush() {
    var all = pending();
    Object.keys(all).forEach(function (id) { send(id, all[id]); });
  }

  root.addEventListener("change", function (e) {
    var fs = e.target.closest("fieldset.pytanie"); if (fs) { changed(fs); }
  });
  root.addEventListener("input", function (e) {
    var fs = e.target.closest("fieldset.pytanie");
    if (fs && (e.target.tagName === "TEXTAREA" || e.target.type === "text")) { changed(fs); }
  });
  window.addEventListener("online", flush);

  // Back on the page: restore what was typed here before (offline, expired session) and send it.
  var saved = pending();
  Object.keys(saved).forEach(function (id) { var fs = fieldset(id); if (fs) { apply(fs, saved[id]); } });
  visibility();
  flush();
})();
