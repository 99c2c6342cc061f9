// The territory map: the services of map.json as clustered markers (Leaflet, vendored). Tiles only
// when the page names a tile server (a setting); without one the markers stand on a blank map.
// Texts are set as text, never as HTML: a service's name comes from an imported file.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("territory-map");
  if (!element || typeof L === "undefined") {
    return;
  }
  // No attribution prefix: Leaflet's default one carries an inline style the policy refuses.
  // A maxZoom of its own: marker clustering needs one, and without tiles no layer gives it.
  const map = L.map(element, { attributionControl: false, maxZoom: 18 }).setView([46.6, 2.4], 5);
  if (element.dataset.tiles) {
    L.control.attribution({ prefix: false }).addTo(map);
    L.tileLayer(element.dataset.tiles, { attribution: element.dataset.attribution || "", maxZoom: 19 }).addTo(map);
  }
  const serviceUrl = element.dataset.serviceUrl;
  fetch(element.dataset.markers, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((data) => {
      const group = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup() : L.featureGroup();
      for (const service of data.services) {
        const link = document.createElement("a");
        link.href = serviceUrl.replace(/\/0\/$/, `/${service.id}/`);
        link.textContent = service.name;
        group.addLayer(L.marker([service.lat, service.lon], { title: service.name, alt: service.name }).bindPopup(link));
      }
      map.addLayer(group);
      if (data.services.length) {
        map.fitBounds(group.getBounds(), { maxZoom: 14, padding: [20, 20] });
      }
    });
});
