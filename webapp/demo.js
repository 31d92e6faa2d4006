// The demo page: a user key, notes to other keys, and who is connected. Built on herald.js, which registers
// again after every reconnect and keeps notes typed while offline until the connection is back.
// ?transport=polling (or websocket) on the page's URL forces one transport.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const forced = new URLSearchParams(location.search).get('transport');
  const herald = Herald.connect(null, { transports: forced ? [forced] : undefined });
  const socket = herald.socket; // the official client underneath, for the connection state
  let registrations = 0;

  $('user').value = 'user-' + Math.floor(Math.random() * 9000 + 1000);

  function showState(state) {
    $('state').textContent = state;
    $('state').className = 'badge ' + state;
    $('transport').textContent = socket.connected ? socket.io.engine.transport.name : '-';
    $('socket-id').textContent = socket.id || '-';
  }

  function addNote(text, sent) {
    const li = document.createElement('li');
    li.textContent = text;
    if (sent) li.className = 'sent';
    $('notes').prepend(li);
  }

  socket.on('connect', () => {
    showState('connected');
    socket.io.engine.on('upgrade', () => showState('connected'));
  });
  socket.on('disconnect', () => showState('disconnected'));
  socket.io.on('reconnect_attempt', () => showState('connecting'));

  // herald.js registers on every (re)connect; both answers come here.
  herald.on('register', (answer) => {
    registrations += 1;
    $('registered').textContent = 'registered as ' + answer.userid;
    $('registered').dataset.registrations = registrations;
  }, (error) => {
    $('registered').textContent = 'refused: ' + error.message;
  });

  // At most one list a second, of at most 50 sockets: {total, sockets}.
  herald.on('demo:presence', (presence) => {
    const sockets = Array.isArray(presence && presence.sockets) ? presence.sockets : [];
    const total = presence && Number.isInteger(presence.total) ? presence.total : sockets.length;
    $('count').textContent = total;
    const rows = sockets.map((s) => {
      const tr = document.createElement('tr');
      const users = Array.isArray(s && s.users) ? s.users.join(', ') : '';
      [(s && s.id) + (s && s.id === socket.id ? ' (this tab)' : ''), users || '-', s && s.transport].forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      return tr;
    });
    if (total > sockets.length) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = 3;
      td.textContent = 'and ' + (total - sockets.length) + ' more';
      tr.appendChild(td);
      rows.push(tr);
    }
    $('sockets').replaceChildren(...rows);
  });

  herald.on('demo:note', (note) => {
    if (!note || typeof note.text !== 'string') return; // not a note: ignore it
    addNote((note.from || 'anonymous') + ': ' + note.text, false);
    if (note.from && !$('to').value) $('to').value = note.from; // ready to answer
  }, (error) => {
    $('push-result').textContent = 'error: ' + error.message;
  });

  $('register-form').addEventListener('submit', (e) => {
    e.preventDefault();
    herald.register($('user').value.trim());
  });

  $('push-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const to = $('to').value.trim();
    const text = $('text').value;
    addNote('you → ' + to + ': ' + text, true);
    $('text').value = '';
    $('push-result').textContent = herald.connected ? 'sending…' : 'offline: sent when the connection is back';
    herald.request('demo:push', { to: to, text: text }, { timeout: 30000 }).then((answer) => {
      $('push-result').textContent = answer.error ? answer.error : 'reached ' + answer.reached + ' socket(s)';
    }, (error) => {
      $('push-result').textContent = error.message;
    });
  });
})();
