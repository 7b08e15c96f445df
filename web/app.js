// The public tracking page and tariff calculator: one page whose path says what it shows
// (/, /track/AWB[,AWB…], /tariff?from=…), so links can be shared and the back button works.
// It reads the server's /public/v1 routes and writes text only (never HTML from the server).
"use strict";

const $ = (id) => document.getElementById(id);

// ---- Language -----------------------------------------------------------------------------

let lang = (() => {
  const kept = localStorage.getItem("lang");
  if (kept === "id" || kept === "en") return kept;
  const wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || "id"];
  for (const l of wanted) {
    if (/^(id|in|ms)\b/i.test(l)) return "id";
    if (/^en\b/i.test(l)) return "en";
  }
  return "id";
})();

function t(key, values = {}) {
  const text = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in values ? String(values[name]) : ""));
}

function applyLanguage() {
  document.documentElement.lang = lang;
  document.title = t("title");
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]"))
    el.placeholder = t(el.dataset.i18nPlaceholder);
  const button = $("language");
  button.textContent = lang === "id" ? "EN" : "ID";
  button.setAttribute("aria-label", lang === "id" ? "Switch to English" : "Ganti ke Bahasa Indonesia");
}

// ---- Small helpers ------------------------------------------------------------------------

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Times as Jakarta's clock shows them, in the page's language.
function when(iso, withTime = true) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options = { timeZone: "Asia/Jakarta", day: "numeric", month: "short", year: "numeric" };
  if (withTime) Object.assign(options, { hour: "2-digit", minute: "2-digit", hour12: false });
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", options).format(date) + (withTime ? " WIB" : "");
}

function rupiah(amount) {
  return new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 }).format(amount);
}

function days(from, thru) {
  if (from == null) return "–";
  if (thru == null || thru === from) return t(from === 1 ? "day" : "days", { days: from });
  return t("days", { days: `${from}–${thru}` });
}

// A failure's words: the server's error code when it sent one, else what went wrong here.
async function fetchJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: "application/json" } });
  } catch {
    throw new Error("failed");
  }
  if (response.status === 429) throw new Error("too_many_requests");
  let body = null;
  try {
    body = await response.json();
  } catch {
    throw new Error(response.ok ? "failed" : "unavailable");
  }
  if (!response.ok) throw new Error((body && body.error && body.error.code) || "unavailable");
  return body;
}

function showNotice(id, key, values) {
  const notice = $(id);
  notice.hidden = !key;
  notice.textContent = key ? t(key, values) : "";
}

// ---- Views and the address bar -------------------------------------------------------------

let lastRender = null;  // re-run on a language switch

function route() {
  const path = location.pathname;
  const tracking = path === "/" || path.startsWith("/track/");
  $("track-view").hidden = !tracking;
  $("tariff-view").hidden = tracking;
  $("tab-track").classList.toggle("active", tracking);
  $("tab-tariff").classList.toggle("active", !tracking);
  if (tracking) {
    const numbers = path.startsWith("/track/") ? decodeURIComponent(path.slice("/track/".length)) : "";
    $("awb").value = numbers;
    if (numbers) track(numbers);
    else {
      $("shipments").replaceChildren();
      showNotice("track-error");
      lastRender = null;
    }
  } else {
    const query = new URLSearchParams(location.search);
    if (query.get("from") && query.get("thru")) {
      for (const name of ["weight", "length", "width", "height"]) $(name).value = query.get(name) || (name === "weight" ? "1" : "");
      pickers.from.set(query.get("from"), query.get("from_name") || query.get("from"));
      pickers.thru.set(query.get("thru"), query.get("thru_name") || query.get("thru"));
      quote(query);
    } else {
      $("quote").replaceChildren();
      showNotice("tariff-error");
      lastRender = null;
    }
  }
}

function go(url) {
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  route();
}

// ---- Tracking ------------------------------------------------------------------------------

async function track(numbers) {
  showNotice("track-error");
  let body;
  try {
    body = await fetchJson("/public/v1/track/" + encodeURIComponent(numbers));
  } catch (e) {
    $("shipments").replaceChildren();
    showNotice("track-error", e.message);
    return;
  }
  lastRender = () => renderShipments(body.shipments);
  lastRender();
}

function renderShipments(shipments) {
  const cards = shipments.map((s) => {
    if (s.outcome !== "found") {
      const card = el("article", "card missing " + s.outcome);
      card.append(el("p", "message", t(s.outcome, { number: s.number })));
      return card;
    }
    const card = el("article", "card found stage-" + s.stage);
    const head = el("div", "status");
    head.append(el("span", "stage", t("stage_" + s.stage)), el("span", "awb", s.airwaybill));
    card.append(head);

    const facts = el("dl", "facts");
    const fact = (label, value) => facts.append(el("dt", "", label), el("dd", "", value));
    fact(t("route"), `${s.origin} → ${s.destination}`);
    fact(t("service"), s.service);
    fact(t("estimate"), s.estimated_by ? `${when(s.estimated_by + "T12:00:00+07:00", false)} (${days(s.etd_from, s.etd_thru)})` : t("estimate_none"));
    fact(t("shipper"), s.shipper);
    fact(t("receiver"), s.receiver);
    fact(t("weight"), `${s.weight} kg`);
    fact(t("sent"), when(s.sent_at));
    card.append(facts);

    card.append(el("h2", "history-title", t("history")));
    const timeline = el("ol", "timeline");
    for (const e of s.history) {
      const item = el("li", "event stage-" + e.stage);
      item.append(el("time", "at", when(e.at)), el("span", "place", e.place), el("span", "text", e.text));
      item.querySelector("time").dateTime = e.at;
      timeline.append(item);
    }
    card.append(timeline);
    return card;
  });
  $("shipments").replaceChildren(...cards);
}

// ---- Tariff calculator ---------------------------------------------------------------------

// A text box that searches places as one types and keeps the code of the one picked.
function placePicker(name, forOrigin) {
  const input = $(name);
  const list = $(name + "-choices");
  let code = "";
  let timer = null;
  let asked = 0;

  function close() {
    list.hidden = true;
    list.replaceChildren();
  }
  function pick(place) {
    code = forOrigin ? place.origin : place.code;
    input.value = place.name;
    input.dataset.code = code;
    close();
  }
  async function search() {
    const text = input.value.trim();
    if (text.length < 2) return close();
    const mine = ++asked;
    let body;
    try {
      body = await fetchJson("/public/v1/places?q=" + encodeURIComponent(text));
    } catch (e) {
      return showNotice("tariff-error", e.message);
    }
    if (mine !== asked) return;  // a later keystroke asked again
    const places = body.places;
    const items = places.map((place) => {
      const item = el("li", "choice");
      const button = el("button", "", place.name);
      button.type = "button";
      button.setAttribute("role", "option");
      button.dataset.code = place.code;
      if (forOrigin && !place.origin) {
        button.disabled = true;
        button.append(el("small", "", " — " + t("no_origin")));
      }
      button.addEventListener("click", () => pick(place));
      item.append(button);
      return item;
    });
    if (!items.length) items.push(el("li", "choice none", t("no_places")));
    list.replaceChildren(...items);
    list.hidden = false;
  }
  input.addEventListener("input", () => {
    code = "";
    delete input.dataset.code;
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
    if (event.key === "ArrowDown" && !list.hidden) {
      const first = list.querySelector("button:not([disabled])");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  return {
    code: () => code,
    name: () => input.value,
    set(newCode, label) {
      code = newCode;
      input.value = label;
      input.dataset.code = newCode;
    },
    close,
  };
}

const pickers = {};

async function quote(query) {
  showNotice("tariff-error");
  let body;
  try {
    const asked = new URLSearchParams();
    for (const name of ["from", "thru", "weight", "length", "width", "height"]) if (query.get(name)) asked.set(name, query.get(name));
    body = await fetchJson("/public/v1/tariff?" + asked.toString());
  } catch (e) {
    $("quote").replaceChildren();
    showNotice("tariff-error", e.message);
    return;
  }
  lastRender = () => renderQuote(body);
  lastRender();
}

function renderQuote(q) {
  const summary = el("p", "charged");
  summary.append(el("strong", "", t("charged", { charged: q.charged })), " — ",
    q.charged_by_volume ? t("charged_by_volume", q) : t("charged_by_weight", q));
  // The places as picked (the origin's own name may be its city's: DATARAN HUNIMOA for BULA).
  const query = new URLSearchParams(location.search);
  const route = el("p", "route", `${query.get("from_name") || q.from_name} → ${query.get("thru_name") || q.thru_name}`);
  const table = el("table", "prices");
  const head = el("tr");
  head.append(el("th", "", t("service")), el("th", "", t("price")), el("th", "", t("delivery_time")));
  table.append(head);
  for (const s of q.services) {
    const row = el("tr", "service");
    const name = el("td", "name", s.service);
    name.append(el("small", "code", " " + s.code));  // JTR and JTR: by their codes
    row.append(name, el("td", "price", rupiah(s.price)), el("td", "etd", days(s.etd_from, s.etd_thru)));
    table.append(row);
  }
  $("quote").replaceChildren(route, summary, table);
}

function submitTariff(event) {
  event.preventDefault();
  for (const [what, picker] of Object.entries(pickers)) {
    if (!picker.code()) {
      showNotice("tariff-error", "pick_place", { what: t(what === "from" ? "from_label" : "thru_label").toLowerCase() });
      return;
    }
  }
  const query = new URLSearchParams({ from: pickers.from.code(), thru: pickers.thru.code(), weight: $("weight").value });
  for (const name of ["length", "width", "height"]) if ($(name).value) query.set(name, $(name).value);
  query.set("from_name", pickers.from.name());
  query.set("thru_name", pickers.thru.name());
  go("/tariff?" + query.toString());
}

// ---- Start ---------------------------------------------------------------------------------

document.addEventListener("DOMContentLoaded", () => {
  pickers.from = placePicker("from", true);
  pickers.thru = placePicker("thru", false);
  applyLanguage();

  $("language").addEventListener("click", () => {
    lang = lang === "id" ? "en" : "id";
    localStorage.setItem("lang", lang);
    applyLanguage();
    if (lastRender) lastRender();
  });
  $("track-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const numbers = $("awb").value.split(",").map((n) => n.replace(/\s+/g, "")).filter(Boolean).join(",");
    if (!numbers) return showNotice("track-error", "no_number");
    go("/track/" + encodeURIComponent(numbers).replace(/%2C/g, ","));
  });
  $("tariff-form").addEventListener("submit", submitTariff);
  for (const link of document.querySelectorAll("a[data-link]")) {
    link.addEventListener("click", (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      go(link.getAttribute("href"));
    });
  }
  document.addEventListener("click", (event) => {
    for (const picker of Object.values(pickers)) if (!event.target.closest(".place")) picker.close();
  });
  window.addEventListener("popstate", route);
  route();
});
