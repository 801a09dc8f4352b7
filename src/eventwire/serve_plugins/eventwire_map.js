// eventwire: datasette-cluster-map's markers coloured by PLOVER type. The plugin draws each
// event with Leaflet's default marker and binds it a popup whose title starts with the event's
// type (event_map) or lists its fields (event_rows); when Leaflet loads, its bindPopup is wrapped
// to give the marker a round icon of its type's colour (class eventwire-marker eventwire-TYPE).
// The icon is drawn by the page itself, so markers show with or without map tiles.
(function () {
  const colours = TYPE_COLOURS;
  const other = OTHER_COLOUR;
  const typeOf = (html) => {
    const found = /<strong>([A-Z]+)\b/.exec(html) || /<dt>type<\/dt><dd>([A-Z]+)<\/dd>/.exec(html);
    return found ? found[1] : null;
  };
  const colour = (L) => {
    if (!L || !L.Marker || L.Marker.prototype.eventwireColoured) return;
    const bind = L.Marker.prototype.bindPopup;
    L.Marker.prototype.bindPopup = function (content, options) {
      const type = typeof content === "string" ? typeOf(content) : null;
      if (type) {
        this.setIcon(L.divIcon({
          className: "eventwire-marker eventwire-" + type,
          html: '<span style="display: block; width: 12px; height: 12px; border-radius: 50%; ' +
                "border: 2px solid #fff; box-shadow: 0 0 3px rgba(0, 0, 0, 0.7); background: " +
                (colours[type] || other) + '"></span>',
          iconSize: [16, 16],
        }));
      }
      return bind.call(this, content, options);
    };
    L.Marker.prototype.eventwireColoured = true;
  };
  let leaflet = window.L;
  colour(leaflet);
  Object.defineProperty(window, "L", {
    configurable: true,
    get: () => leaflet,
    set: (value) => { leaflet = value; colour(value); },
  });
})();
