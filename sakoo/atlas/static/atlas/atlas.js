/* Unemployment atlas: tabs and the interactive Leaflet map. The page works without this file:
   all three views (map, chart, table) are rendered by the server; this only enhances them. */
(function () {
  "use strict";

  function setupTabs() {
    var nav = document.querySelector(".atlas-tabs");
    if (!nav) return;
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-tab]"));
    var root = document.querySelector(".atlas");
    root.classList.add("js-tabs");
    nav.setAttribute("role", "tablist");
    function show(id, focus) {
      links.forEach(function (a) {
        var panel = document.getElementById(a.dataset.tab);
        var active = a.dataset.tab === id;
        a.setAttribute("aria-selected", active ? "true" : "false");
        a.setAttribute("tabindex", active ? "0" : "-1");
        panel.hidden = !active;
        if (active && focus) a.focus();
      });
      if (id === "atlas-map" && window.__atlasMap) window.__atlasMap.invalidateSize();
    }
    links.forEach(function (a, i) {
      a.setAttribute("role", "tab");
      a.setAttribute("aria-controls", a.dataset.tab);
      var panel = document.getElementById(a.dataset.tab);
      panel.setAttribute("role", "tabpanel");
      a.addEventListener("click", function (event) {
        event.preventDefault();
        show(a.dataset.tab, false);
        history.replaceState(null, "", "#" + a.dataset.tab);
      });
      a.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowLeft") next = links[(i + 1) % links.length];
        if (event.key === "ArrowRight") next = links[(i - 1 + links.length) % links.length];
        if (next) { event.preventDefault(); show(next.dataset.tab, true); }
      });
    });
    var wanted = (location.hash || "").replace("#", "");
    show(links.some(function (a) { return a.dataset.tab === wanted; }) ? wanted : "atlas-map", false);
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  function setupMap() {
    var el = document.querySelector(".atlas-leaflet");
    if (!el || typeof L === "undefined") return;
    fetch(el.dataset.geojson, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
      .then(function (r) { if (!r.ok) throw new Error("atlas data " + r.status); return r.json(); })
      .then(function (data) { draw(el, data); })
      .catch(function (error) { console.warn("atlas map: keeping the server-drawn map", error); });
  }

  function describe(props) {
    /* The tooltip repeats the table's row: the same figures, already formatted in the page language. */
    var lines = ["<strong>" + text(document.documentElement.lang === "en" && props.name_en ? props.name_en : props.name_fa) + "</strong>"];
    var cells = document.querySelectorAll('.atlas-table tr[data-code="' + props.code + '"] td');
    var heads = document.querySelectorAll(".atlas-table thead th");
    for (var i = 0; i < cells.length; i++) {
      var value = cells[i].textContent.trim();
      if (value && heads[i + 1]) lines.push(text(heads[i + 1].textContent.trim() + ": " + value));
    }
    return lines.join("<br>");
  }

  function draw(el, data) {
    var staticMap = document.querySelector(".atlas-static-map");
    el.hidden = false;
    var map = L.map(el, { zoomSnap: 0.25, attributionControl: true, scrollWheelZoom: false });
    window.__atlasMap = map;
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("© OpenStreetMap contributors");
    var symbols = el.dataset.symbols === "1";
    var max = 0;
    data.features.forEach(function (f) { if (f.properties.value && !f.properties.suppressed) max = Math.max(max, f.properties.value); });
    var layer = L.geoJSON(data, {
      filter: function (f) { return !!f.geometry; },
      style: function (f) {
        var p = f.properties;
        return { color: "#555", weight: 1, fillOpacity: 0.9, fillColor: symbols && !p.suppressed ? "#f0f0f0" : p.colour };
      },
      onEachFeature: function (f, lyr) {
        lyr.bindTooltip(describe(f.properties), { sticky: true, className: "atlas-tooltip" });
        lyr.on("click", function () { lyr.openTooltip(); });
        lyr.on("mouseover", function () { lyr.setStyle({ weight: 3, color: "#111" }); });
        lyr.on("mouseout", function () { layer.resetStyle(lyr); });
      }
    });
    // The view must be set before any vector layer is added (Leaflet clips paths to the view).
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    layer.addTo(map);
    if (symbols && max > 0) {
      layer.eachLayer(function (lyr) {
        var p = lyr.feature.properties;
        if (!p.value || p.suppressed) return;
        var c = L.circleMarker(lyr.getBounds().getCenter(), {
          radius: 28 * Math.sqrt(p.value / max), color: "#67000d", weight: 1, fillColor: "#bd0026", fillOpacity: 0.55
        }).addTo(map);
        c.bindTooltip(describe(p), { className: "atlas-tooltip" });
      });
    }
    if (staticMap) staticMap.hidden = true;
    el.dataset.ready = "1";
  }

  function setupPickers() {
    /* Offer only the chosen layer's indicators and pickers (the server checks them anyway). */
    var layer = document.getElementById("id_layer");
    var indicator = document.getElementById("id_indicator");
    if (!layer || !indicator) return;
    var censusOnly = [".atlas-picker-sex", ".atlas-picker-education"];
    var registryOnly = [".atlas-picker-month"];
    function sync() {
      var value = layer.value;
      var firstEnabled = null;
      Array.prototype.forEach.call(indicator.options, function (option) {
        var ok = option.dataset.layer === value;
        option.disabled = !ok;
        option.hidden = !ok;
        if (ok && !firstEnabled) firstEnabled = option;
      });
      if (indicator.selectedOptions[0] && indicator.selectedOptions[0].disabled && firstEnabled) {
        firstEnabled.selected = true;
      }
      censusOnly.forEach(function (sel) { var el = document.querySelector(sel); if (el) el.hidden = value !== "census2016"; });
      registryOnly.forEach(function (sel) { var el = document.querySelector(sel); if (el) el.hidden = value !== "registry"; });
    }
    layer.addEventListener("change", sync);
    sync();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupPickers();
    setupTabs();
    setupMap();
  });
})();
