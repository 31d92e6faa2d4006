// The demo page: one socket, a user key, notes to other keys. Uses only the stock Socket.IO client.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const socket = io();
  let userKey = null;

  $('user').value = 'user-' + Math.floor(Math.random() * 9000 + 1000);

  function showState(state) {
    $('state').textContent = state;
    $('state').className = 'badge ' + state;
    $('transport').textContent = socket.connected ? socket.io.engine.transport.name : '-';
    $('socket-id').textContent = socket.id || '-';
  }

  function register() {
    userKey = $('user').value.trim();
    socket.emit('register', { userid: userKey }, (answer) => {
      $('registered').textContent = answer && answer.ok ? 'registered as ' + answer.userid : 'refused';
    });
  }

  socket.on('connect', () => {
    showState('connected');
    socket.io.engine.on('upgrade', () => showState('connected'));
    if (userKey) register(); // a reconnect is a new socket: register it again
  });
  socket.on('disconnect', () => showState('disconnected'));
  socket.io.on('reconnect_attempt', () => showState('connecting'));

  socket.on('demo:presence', (sockets) => {
    $('count').textContent = sockets.length;
    const rows = sockets.map((s) => {
      const tr = document.createElement('tr');
      [s.id + (s.id === socket.id ? ' (this tab)' : ''), s.users.join(', ') || '-', s.transport].forEach((text) => {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      });
      return tr;
    });
    $('sockets').replaceChildren(...rows);
  });

  socket.on('demo:note', (note) => {
    const li = document.createElement('li');
    li.textContent = (note.from || 'anonymous') + ': ' + note.text;
    $('notes').prepend(li);
  });

  $('register-form').addEventListener('submit', (e) => {
    e.preventDefault();
    register();
  });

  $('push-form').addEventListener('submit', (e) => {
    e.preventDefault();
    socket.emit('demo:push', { to: $('to').value.trim(), text: $('text').value }, (answer) => {
      $('push-result').textContent = answer.error ? answer.error : 'reached ' + answer.reached + ' socket(s)';
    });
    $('text').value = '';
  });
})();
