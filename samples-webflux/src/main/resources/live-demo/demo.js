// The live demo's page: subscribes to /stream with EventSource and renders the channel depth,
// the producer states and the last messages. Plain JavaScript, no build step.
'use strict';

const MAX_ROWS = 15;
const RATE_WINDOW_MS = 3000;

// What "waited" means under each overflow policy (the footnote under the table).
const FOOTNOTES = {
  block: '“waited”: time from the producer’s read to delivery; with a slow consumer it grows to about '
    + '(capacity + producers) × pause: every slot and every blocked producer holds a message.',
  drop_newest: '“waited”: time from the producer’s read to delivery; with a slow consumer it grows to about '
    + 'capacity × pause: the producers never wait, and while the channel is full it rejects each new message '
    + '(counted as dropped): the readings you see are old ones, with gaps in each producer’s numbers.',
  drop_oldest: '“waited”: time from the producer’s read to delivery; with a slow consumer it stays below about '
    + 'capacity × pause: the producers never wait, and a full channel evicts its oldest message for each '
    + 'new one (counted as dropped): the readings you see are the latest, with gaps in each producer’s numbers.',
};

const $ = (id) => document.getElementById(id);
const slider = $('delay');

let source = null;          // the open EventSource, or null when disconnected
let streamId = null;        // the server's id for this subscription's channel + producers
let received = 0;
let arrivals = [];          // arrival times of reading events in the last RATE_WINDOW_MS

function connect(delayMs) {
  // The overflow policy switch: block, drop_newest or drop_oldest.
  const params = new URLSearchParams({ policy: $('policy').value });
  if (delayMs !== undefined) {
    params.set('delayMs', delayMs);
  }
  const url = '/stream?' + params;
  source = new EventSource(url);
  streamId = null;
  setConnection('connecting…', '');
  $('connect').textContent = 'Disconnect';
  source.onopen = () => setConnection('connected', 'connected');
  source.onerror = () => {
    if (source && source.readyState === EventSource.CLOSED) {
      // EventSource gives no status or body; ask why (503: every stream slot is taken).
      setConnection('closed by the server', 'closed');
      explainRefusal();
    } else {
      setConnection('reconnecting…', '');     // EventSource retries; the server starts a new stream
    }
  };
  source.addEventListener('status', (e) => renderStatus(JSON.parse(e.data)));
  source.addEventListener('reading', (e) => {
    const event = JSON.parse(e.data);
    renderStatus(event.status);
    addMessage(event);
  });
}

function explainRefusal() {
  fetch('/streams')
    .then((response) => response.json())
    .then((usage) => {
      if (usage.busy) {
        setConnection(usage.busy + ' (Connect to retry)', 'closed busy');
        $('connect').textContent = 'Connect';
        source = null;
      }
    })
    .catch(() => { /* keep 'closed by the server' */ });
}

function disconnect() {
  source.close();           // the server cancels the Flux: the receiver closes, the producers end
  source = null;
  setConnection('disconnected: the server stopped this stream’s producers', 'closed');
  document.querySelectorAll('#producers .state').forEach((badge) => {
    badge.className = 'state stopped';
    badge.textContent = 'stopped';
  });
  // The channel is gone with its stream (closing the receiver discarded what it held).
  showDepth(0, Number($('capacity').textContent));
  $('connect').textContent = 'Connect';
}

function setConnection(text, cls) {
  const badge = $('connection');
  badge.textContent = text;
  badge.className = 'badge ' + cls;
}

function renderStatus(status) {
  if (status.stream !== streamId) {
    // A new stream (first connect, or EventSource reconnected): it starts with the delay given in
    // the URL or the server's default; align it with the slider, or the slider with it.
    const first = streamId === null && slider.dataset.touched !== 'yes';
    streamId = status.stream;
    if (first) {
      showDelay(status.delayMs);
    } else if (Number(slider.value) !== status.delayMs) {
      changeDelay(Number(slider.value));
    }
    buildSlots(status.capacity);
    clearMessages();          // the rows and counts of an earlier stream are not this one's
    $('producer-count').textContent = status.producers.length;
    showPolicy(status.policy);
  }
  $('stream').textContent = '#' + status.stream;
  $('capacity').textContent = status.capacity;
  $('capacity-2').textContent = status.capacity;
  $('dropped').textContent = status.dropped;
  showDepth(status.depth, status.capacity);
  renderProducers(status.producers);
}

function showDepth(depth, capacity) {
  $('depth').textContent = depth;
  const slots = $('slots');
  slots.classList.toggle('at-capacity', depth >= capacity);
  Array.from(slots.children).forEach((slot, i) => slot.classList.toggle('full', i < depth));
}

// The policy of the stream being shown: the drop counter appears in the drop modes, and the
// footnote says what "waited" means there.
function showPolicy(policy) {
  $('dropped-info').hidden = policy === 'block';
  const footnote = $('footnote');
  footnote.dataset.policy = policy;
  footnote.textContent = FOOTNOTES[policy] || FOOTNOTES.block;
}

function clearMessages() {
  $('messages').replaceChildren();
  received = 0;
  arrivals = [];
  $('received').textContent = 0;
  $('rate').textContent = '0.0';
  $('dropped').textContent = 0;
}

function buildSlots(capacity) {
  const slots = $('slots');
  slots.replaceChildren();
  for (let i = 0; i < capacity; i++) {
    const slot = document.createElement('div');
    slot.className = 'slot';
    slots.appendChild(slot);
  }
}

function renderProducers(producers) {
  const list = $('producers');
  if (list.children.length !== producers.length) {
    list.replaceChildren(...producers.map(() => {
      const item = document.createElement('li');
      item.innerHTML = '<span class="name"></span><span class="state"></span><span class="sent"></span>';
      return item;
    }));
  }
  producers.forEach((p, i) => {
    const item = list.children[i];
    item.querySelector('.name').textContent = 'producer-' + p.id;
    const badge = item.querySelector('.state');
    badge.textContent = p.state;
    badge.className = 'state ' + p.state;
    item.querySelector('.sent').textContent = 'sent ' + p.sent;
  });
}

function addMessage(event) {
  received++;
  const now = performance.now();
  arrivals.push(now);
  arrivals = arrivals.filter((t) => now - t <= RATE_WINDOW_MS);
  $('received').textContent = received;

  const row = document.createElement('tr');
  row.dataset.stream = event.status.stream;
  [event.seq, 'producer-' + event.producer, event.reading, event.value.toFixed(2),
    event.ageMs + ' ms', event.status.depth].forEach((value) => {
    const cell = document.createElement('td');
    cell.textContent = value;
    row.appendChild(cell);
  });
  const body = $('messages');
  body.insertBefore(row, body.firstChild);
  while (body.children.length > MAX_ROWS) {
    body.removeChild(body.lastChild);
  }
}

function updateRate() {
  const now = performance.now();
  arrivals = arrivals.filter((t) => now - t <= RATE_WINDOW_MS);
  $('rate').textContent = (arrivals.length * 1000 / RATE_WINDOW_MS).toFixed(1);
}

function showDelay(ms) {
  slider.value = ms;
  $('delay-label').textContent = ms + ' ms';
}

function changeDelay(ms) {
  showDelay(ms);
  slider.dataset.touched = 'yes';
  if (source && streamId !== null) {
    // Same stream, same producers: the server changes the pause between two messages.
    fetch('/streams/' + streamId + '/delay?ms=' + ms, { method: 'POST' }).then((response) => {
      if (response.status === 404 && source) {  // the stream is gone: start a new one
        source.close();
        connect(ms);
      }
    });
  }
}

slider.addEventListener('input', () => changeDelay(Number(slider.value)));
document.querySelectorAll('.presets button').forEach((button) =>
  button.addEventListener('click', () => changeDelay(Number(button.dataset.delay))));
$('connect').addEventListener('click', () => (source ? disconnect() : connect(Number(slider.value))));
setInterval(updateRate, 500);

buildSlots(8);
connect();

// Changing the overflow policy starts a new stream (a channel's policy is fixed at creation):
// with "drop" the producers never block; the channel counts what it drops, shown beside "received".
$('policy').addEventListener('change', () => {
  if (source) {
    source.close();
  }
  connect(Number(slider.value));
});
