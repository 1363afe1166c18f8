// Autosave of the text fields of item forms (progressive enhancement: the forms still post without JS).
//
// Markup: a container [data-autozapis-teksty] with the messages as data-tekst-* and a
// [data-autozapis-komunikat] banner; inside it forms with data-autozapis-url (the JSON endpoint) and
// data-autozapis-klucz (localStorage prefix: user + object) and data-autozapis-prefiks (the form's
// field-name prefix), a hidden input [data-autozapis-wersja]
// (the row's version), text fields [data-autozapis-pole="<name>"] and a [data-autozapis-status] line.
//
// Nothing typed is lost: every change is kept in localStorage under prefix + ":v" + version until the
// server confirms it; offline or after the session expired (401) it waits and is sent again when the
// connection is back or the page is opened again. 409 offers "keep mine" / "take theirs".
(function () {
  "use strict";
  var root = document.querySelector("[data-autozapis-teksty]");
  if (!root) { return; }
  var T = root.dataset;
  var banner = root.querySelector("[data-autozapis-komunikat]");
  var DELAY = 600;
  var busy = new WeakMap();
  var timers = new WeakMap();
  var blocked = new WeakMap(); // a form waiting for the user's choice after a conflict

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]") || document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function prefix(form) { return form.dataset.autozapisKlucz + ":v"; }
  function versionInput(form) { return form.querySelector("[data-autozapis-wersja]"); }
  function version(form) { return parseInt(versionInput(form).value || "0", 10); }
  function field(form, pole) { return form.querySelector('[data-autozapis-pole="' + pole + '"]'); }

  // --- localStorage: {prefix}:v{version} → {pole: text} -------------------------------------------
  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }
  function write(key, entries) {
    try {
      if (Object.keys(entries).length) { window.localStorage.setItem(key, JSON.stringify(entries)); }
      else { window.localStorage.removeItem(key); }
    } catch (e) { /* storage full or disabled: the server save still runs */ }
  }
  function keep(form, pole, text) {
    var key = prefix(form) + version(form);
    var entries = read(key); entries[pole] = text; write(key, entries);
  }
  function drop(form, wersja, pole, onlyIf) {
    var key = prefix(form) + wersja;
    var entries = read(key);
    if (pole in entries && (onlyIf === undefined || entries[pole] === onlyIf)) { delete entries[pole]; }
    write(key, entries);
  }
  function pending(form) {
    // Every kept entry of this object, oldest version first: [{wersja, pole, text}].
    var out = [];
    var p = prefix(form);
    for (var i = 0; i < window.localStorage.length; i++) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf(p) === 0) {
        var v = parseInt(key.slice(p.length), 10);
        var entries = read(key);
        Object.keys(entries).forEach(function (pole) { out.push({ wersja: v, pole: pole, text: entries[pole] }); });
      }
    }
    out.sort(function (a, b) { return a.wersja - b.wersja; });
    return out;
  }
  function moveAll(form, from, to) {
    if (from === to) { return; }
    var old = read(prefix(form) + from);
    var target = read(prefix(form) + to);
    Object.keys(old).forEach(function (pole) { target[pole] = old[pole]; });
    write(prefix(form) + to, target);
    write(prefix(form) + from, {});
  }

  // --- Messages next to the field -----------------------------------------------------------------
  function status(form, text) {
    var el = form.querySelector("[data-autozapis-status]");
    if (el) { el.textContent = text; }
  }
  function box(form, pole, cls) {
    var input = field(form, pole);
    var el = form.querySelector('[data-autozapis-' + cls + '="' + pole + '"]');
    if (!el && input) {
      el = document.createElement("div");
      el.setAttribute("data-autozapis-" + cls, pole);
      input.insertAdjacentElement("afterend", el);
    }
    return el;
  }
  function error(form, pole, text) {
    var el = box(form, pole, "blad");
    if (!el) { return; }
    el.className = text ? "text-danger small mt-1" : "d-none";
    el.setAttribute("role", "alert");
    el.textContent = text || "";
  }
  function showBanner(text) { banner.textContent = text; banner.classList.remove("d-none"); }
  function hideBanner() { banner.classList.add("d-none"); }

  // --- Sending ------------------------------------------------------------------------------------
  function send(form) {
    if (busy.get(form) || blocked.get(form)) { return; }
    var next = pending(form)[0];
    if (!next) { return; }
    if (!field(form, next.pole)) { drop(form, next.wersja, next.pole); send(form); return; }
    busy.set(form, true);
    status(form, T.tekstZapisywanie);
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf(form));
    body.append("pole", next.pole);
    body.append("wartosc", next.text);
    body.append("wersja", String(next.wersja));
    fetch(form.dataset.autozapisUrl, { method: "POST", body: body, credentials: "same-origin",
                                       headers: { "HX-Request": "true", "X-CSRFToken": csrf(form) } })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
        if (response.status === 401 || (response.status === 403 && !json)) {
          showBanner(T.tekstSesja);
          status(form, T.tekstOffline);
          return null;
        }
        if (!json) {
          // The item is gone or no longer ours to change: keeping the text would resend it forever.
          drop(form, next.wersja, next.pole);
          error(form, next.pole, T.tekstUsunieta);
          status(form, "");
          return null;
        }
        return response.json().then(function (data) { return { code: response.status, data: data }; });
      })
      .then(function (result) {
        busy.set(form, false);
        if (!result) { return; }
        var data = result.data;
        if (result.code === 200) {
          drop(form, next.wersja, next.pole, next.text);
          if (data.zapisano) {
            // Our save was the only change since next.wersja: what was typed over it moves on.
            moveAll(form, next.wersja, data.wersja);
            if (next.wersja === version(form)) { versionInput(form).value = data.wersja; }
          }
          error(form, next.pole, "");
          hideBanner();
          status(form, data.komunikat + ": " + data.autor + ", " + data.czas);
          document.dispatchEvent(new CustomEvent("doradztwo:aktywnosc"));
          send(form);
        } else if (result.code === 409) {
          conflict(form, next, data);
        } else {
          drop(form, next.wersja, next.pole);
          error(form, next.pole, data.blad || "");
          status(form, "");
          send(form);
        }
      })
      .catch(function () {
        busy.set(form, false);
        status(form, T.tekstOffline);
      });
  }

  // Take the server's values of every field (choices too) except text still waiting to be sent.
  function adopt(form, theirs, except) {
    var waiting = {};
    pending(form).forEach(function (x) { waiting[x.pole] = true; });
    var p = form.dataset.autozapisPrefiks ? form.dataset.autozapisPrefiks + "-" : "";
    Object.keys(theirs.pola || {}).forEach(function (name) {
      if (name === except || waiting[name]) { return; }
      var value = theirs.pola[name];
      var values = Array.isArray(value) ? value.map(String) : [String(value === null ? "" : value)];
      form.querySelectorAll('[name="' + p + name + '"]').forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") { el.checked = values.indexOf(el.value) !== -1; }
        else { el.value = values[0]; }
      });
    });
    versionInput(form).value = theirs.wersja;
  }

  function conflict(form, mine, theirs) {
    blocked.set(form, true);
    var el = box(form, mine.pole, "konflikt");
    el.className = "alert alert-warning mt-2";
    el.textContent = "";
    var p = document.createElement("p");
    p.className = "mb-2";
    p.textContent = T.tekstKonflikt + " „" + theirs.wartosc + "” (" + theirs.autor + ", " + theirs.czas + ").";
    var keepMine = document.createElement("button");
    keepMine.type = "button"; keepMine.className = "btn btn-sm btn-primary me-2"; keepMine.textContent = T.tekstMoja;
    var takeTheirs = document.createElement("button");
    takeTheirs.type = "button"; takeTheirs.className = "btn btn-sm btn-outline-dark"; takeTheirs.textContent = T.tekstTamta;
    function close() { el.className = "d-none"; el.textContent = ""; blocked.set(form, false); }
    keepMine.addEventListener("click", function () {
      // Mine again, now over their version: the server accepts it as a new change.
      var input = field(form, mine.pole);
      drop(form, mine.wersja, mine.pole);
      adopt(form, theirs, mine.pole);
      keep(form, mine.pole, input ? input.value : mine.text);
      close();
      send(form);
    });
    takeTheirs.addEventListener("click", function () {
      var input = field(form, mine.pole);
      if (input) { input.value = theirs.wartosc; }
      drop(form, mine.wersja, mine.pole);
      adopt(form, theirs, mine.pole);
      close();
      status(form, T.tekstZapisano + ": " + theirs.autor + ", " + theirs.czas);
      send(form);
    });
    el.appendChild(p); el.appendChild(keepMine); el.appendChild(takeTheirs);
    takeTheirs.focus();
  }

  function changed(form, input) {
    keep(form, input.dataset.autozapisPole, input.value);
    window.clearTimeout(timers.get(form));
    timers.set(form, window.setTimeout(function () { send(form); }, DELAY));
  }

  function flushAll() { root.querySelectorAll("form[data-autozapis-url]").forEach(send); }

  root.addEventListener("input", function (e) {
    var input = e.target;
    var form = input.closest && input.closest("form[data-autozapis-url]");
    if (form && input.dataset.autozapisPole) { changed(form, input); }
  });
  // A plain "Save" posts everything typed: what was kept for this form is no longer needed.
  root.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.dataset && form.dataset.autozapisUrl) {
      pending(form).forEach(function (x) { drop(form, x.wersja, x.pole); });
    }
  });
  window.addEventListener("online", flushAll);

  // Back on the page: restore what was typed here before (offline, expired session) and send it.
  root.querySelectorAll("form[data-autozapis-url]").forEach(function (form) {
    pending(form).forEach(function (x) {
      var input = field(form, x.pole);
      if (input) { input.value = x.text; }
    });
  });
  flushAll();
})();
