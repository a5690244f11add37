// visadesk web chat: renders the engine's replies (text, buttons, documents, map places)
// and sends what the user types or presses. Every word shown comes from /api/web/texts or
// from the replies themselves, i.e. from the locales.
(function () {
  "use strict";
  const log = document.getElementById("log");
  const form = document.getElementById("composer");
  const input = document.getElementById("input");
  const languageSelect = document.getElementById("language");
  const shareButton = document.getElementById("share-location");
  let locale = localStorage.getItem("visadesk-locale") || navigator.language || "en";
  let texts = {};
  let busy = false;

  function bubble(kind, text) {
    const div = document.createElement("div");
    div.className = "message " + kind;
    div.setAttribute("dir", "auto");
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function disableOldChoices() {
    log.querySelectorAll(".choices button").forEach(function (b) { b.disabled = true; });
  }

  function render(replies) {
    disableOldChoices();
    replies.forEach(function (reply) {
      const div = bubble("bot", reply.text);
      if (reply.buttons && reply.buttons.length) {
        const choices = document.createElement("div");
        choices.className = "choices";
        reply.buttons.forEach(function (b) {
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = b.label;
          button.dataset.id = b.id;
          button.addEventListener("click", function () {
            bubble("user", b.label);
            if (b.proof_of_work) { sendWithWork({ button: b.id }); } else { send({ button: b.id }); }
          });
          choices.appendChild(button);
        });
        div.appendChild(choices);
      }
      if (reply.location) {
        const place = document.createElement("span");
        place.className = "map";
        place.textContent = "📍 " + reply.location.address + " (" +
          reply.location.latitude.toFixed(5) + ", " + reply.location.longitude.toFixed(5) + ")";
        div.appendChild(place);
      }
      if (reply.document) {
        const link = document.createElement("a");
        link.className = "download";
        link.href = reply.document.url;
        link.download = reply.document.filename;
        link.textContent = "📎 " + (texts["web-download"] || "") + " " + reply.document.filename;
        div.appendChild(link);
      }
    });
    const last = log.querySelector(".choices button:not(:disabled)");
    if (last && document.activeElement !== input) { last.focus({ preventScroll: true }); }
  }

  async function send(message) {
    if (busy) { return; }
    busy = true;
    message.locale = locale;
    try {
      const response = await fetch("/api/web/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(message),
      });
      if (!response.ok) { throw new Error(String(response.status)); }
      const body = await response.json();
      render(body.replies);
    } catch (e) {
      bubble("bot", texts["web-error"] || "…");
    } finally {
      busy = false;
    }
  }

  // An anonymous booking's confirmation: ask for a challenge, find its proof of work (a
  // fraction of a second), then send the message with it.
  async function sendWithWork(message) {
    if (busy) { return; }
    busy = true;
    const checking = bubble("bot", texts["web-checking"] || "…");
    let solved = null;
    try {
      const response = await fetch("/api/web/challenge", { method: "POST", credentials: "same-origin" });
      if (!response.ok) { throw new Error(String(response.status)); }
      const challenge = await response.json();
      const nonce = await new Promise(function (resolve) {
        visadeskProofOfWork.solve(challenge.challenge, challenge.bits, resolve);
      });
      solved = { challenge: challenge.challenge, nonce: nonce };
    } catch (e) {
      bubble("bot", texts["web-error"] || "…");
    } finally {
      checking.remove();
      busy = false;
    }
    if (solved) {
      message.proof_of_work = solved;
      send(message);
    }
  }

  async function loadTexts() {
    const response = await fetch("/api/web/texts?locale=" + encodeURIComponent(locale));
    const body = await response.json();
    locale = body.locale;
    texts = body.texts;
    document.documentElement.lang = locale;
    document.title = texts["web-title"];
    document.getElementById("title").textContent = texts["web-title"];
    document.getElementById("language-label").textContent = texts["web-language"];
    input.placeholder = texts["web-placeholder"];
    document.getElementById("send").setAttribute("aria-label", texts["web-send"]);
    shareButton.setAttribute("aria-label", texts["web-share-location"]);
    shareButton.title = texts["web-share-location"];
    languageSelect.setAttribute("aria-label", texts["web-language"]);
    languageSelect.innerHTML = "";
    body.locales.forEach(function (l) {
      const option = document.createElement("option");
      option.value = l.code;
      option.textContent = l.name;
      option.selected = l.code === locale;
      languageSelect.appendChild(option);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) { return; }
    bubble("user", text);
    input.value = "";
    send({ text: text });
  });

  languageSelect.addEventListener("change", async function () {
    locale = languageSelect.value;
    localStorage.setItem("visadesk-locale", locale);
    await loadTexts();
    send({ button: "lang:" + locale });
  });

  shareButton.addEventListener("click", function () {
    if (!navigator.geolocation) { bubble("bot", texts["web-location-unavailable"]); return; }
    navigator.geolocation.getCurrentPosition(function (position) {
      send({ location: { latitude: position.coords.latitude, longitude: position.coords.longitude } });
    }, function () { bubble("bot", texts["web-location-unavailable"]); }, { timeout: 10000 });
  });

  loadTexts().then(function () { send({ command: "start" }); });
})();
