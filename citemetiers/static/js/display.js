// The waiting-room display asks every second whether anybody was called. The server answers
// 304 while nothing changed (an ETag of the last call, read from the database), so every
// app-server process gives the same answer and an idle screen costs one small query a second.
(function () {
  const calls = document.getElementById("calls");
  const status = document.getElementById("display-status");
  let version = calls.dataset.version;
  let audio = null;

  function chime() {
    if (calls.dataset.chime !== "on") return;
    try {
      audio = audio || new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.8);
    } catch (error) {
      // No sound device, or the browser waits for a first touch: the screen still updates.
    }
  }

  async function poll() {
    try {
      const response = await fetch(calls.dataset.feed, {
        headers: { "If-None-Match": version },
        cache: "no-store",
      });
      status.hidden = true;
      if (response.status === 200) {
        version = response.headers.get("ETag") || version;
        calls.innerHTML = await response.text();
        chime();
      }
    } catch (error) {
      status.hidden = false;
    }
    window.setTimeout(poll, 1000);
  }

  window.setTimeout(poll, 1000);
})();
