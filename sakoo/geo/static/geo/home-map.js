// Sakoo home page: choropleth of the province's counties by 2016 census unemployment rate.
// No tile layer (closed network); boundaries © OpenStreetMap contributors. The table on the page
// holds the same figures and is the accessible alternative; this script only enhances.
(function () {
  "use strict";

  function init() {
    var element = document.getElementById("county-map");
    if (!element || typeof L === "undefined") { return; }
    var data = element.dataset;
    var lang = data.lang || "fa";
    var persian = lang.indexOf("fa") === 0;
    var breaks = (data.breaks || "").split(",").map(Number);
    var colours = (data.colours || "").split(",");
    var numberFormat = new Intl.NumberFormat(persian ? "fa-IR" : "en-GB");
    var rateFormat = new Intl.NumberFormat(persian ? "fa-IR" : "en-GB", {
      minimumFractionDigits: 1, maximumFractionDigits: 1
    });

    function formatRate(rate) {
      var text = rateFormat.format(rate * 100);
      return persian ? "\u066a" + text : text + "%";
    }

    function colourFor(rate) {
      if (rate === null || rate === undefined) { return data.noDataColour || "#d9d9d9"; }
      for (var i = 0; i < breaks.length; i++) {
        if (rate < breaks[i]) { return colours[i]; }
      }
      return colours[colours.length - 1];
    }

    function nameOf(props, prefix) {
      var fa = props[prefix + "name_fa"], en = props[prefix + "name_en"];
      return persian ? (fa || en) : (en || fa);
    }

    function line(parent, label, value) {
      var row = document.createElement("span");
      row.className = "tip-row";
      row.textContent = label + ": " + value;
      parent.appendChild(row);
      parent.appendChild(document.createElement("br"));
    }

    function tipFor(props) {
      var box = document.createElement("div");
      box.className = "county-tip";
      box.setAttribute("lang", lang);
      box.setAttribute("dir", persian ? "rtl" : "ltr");
      var title = document.createElement("strong");
      title.textContent = nameOf(props, "");
      box.appendChild(title);
      if (props.status === "own") {
        line(box, data.labelActive, numberFormat.format(props.active));
        line(box, data.labelUnemployed, numberFormat.format(props.unemployed));
        line(box, data.labelRate, formatRate(props.rate));
      } else {
        var note = document.createElement("span");
        note.className = "tip-note";
        note.textContent = props.census2016_parent
          ? data.labelInside.replace("{parent}", nameOf(props, "parent_"))
          : props.census_note;
        box.appendChild(note);
      }
      return box;
    }

    var map = L.map(element, {
      zoomSnap: 0.25,
      scrollWheelZoom: false,
      dragging: !L.Browser.mobile,
      attributionControl: false
    });
    L.control.attribution({ prefix: false }).addAttribution(data.attribution).addTo(map);

    fetch(data.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (collection) {
        var layer = L.geoJSON(collection, {
          style: function (feature) {
            var own = feature.properties.status === "own";
            return {
              color: "#4a5560", weight: 1, opacity: 1,
              fillColor: colourFor(own ? feature.properties.rate : null),
              fillOpacity: own ? 0.9 : 0.6,
              dashArray: own ? null : "4 3",
              className: "county-shape county-" + feature.properties.code
            };
          },
          onEachFeature: function (feature, shape) {
            var props = feature.properties;
            shape.bindTooltip(tipFor(props), { sticky: true, direction: "top", opacity: 0.95 });
            shape.bindPopup(tipFor(props), { closeButton: true, autoPan: true });
            shape.on("mouseover", function () { shape.setStyle({ weight: 3 }); });
            shape.on("mouseout", function () { shape.setStyle({ weight: 1 }); });
            if (props.status !== "own" && props.centroid && props.centroid[0] !== null) {
              var label = document.createElement("span");
              label.setAttribute("dir", persian ? "rtl" : "ltr");
              label.textContent = nameOf(props, "") + (props.census2016_parent
                ? " · " + data.labelInside.replace("{parent}", nameOf(props, "parent_")) : "");
              L.tooltip({ permanent: true, direction: "center", className: "county-label", interactive: false })
                .setLatLng(props.centroid)
                .setContent(label)
                .addTo(map);
            }
          }
        }).addTo(map);
        map.fitBounds(layer.getBounds(), { padding: [8, 8] });
        element.setAttribute("data-loaded", "true");
      })
      .catch(function () {
        var message = document.createElement("p");
        message.className = "map-error";
        message.setAttribute("role", "status");
        message.textContent = data.labelError;
        element.appendChild(message);
        element.setAttribute("data-loaded", "error");
      });

    window.addEventListener("resize", function () { map.invalidateSize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
