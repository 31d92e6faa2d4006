// herald.js: a small helper over the official Socket.IO client (load /socket.io/socket.io.js first).
//
//   const herald = Herald.connect('https://push.example.com', {app: 'shop-key', user: 'alice', expires, token});
//   herald.on('order:shipped', (order) => show(order), (error) => console.log(error.code, error.message));
//   herald.send('chat', {text: 'hi'});                    // queued while offline, sent after (re)connecting
//   herald.request('cart:count', {}, {timeout: 5000}).then((count) => ...);   // an ack as a promise
//
// The user is registered with a 'register' event on every (re)connect, never in the CONNECT auth: a token
// there would be sent again on each reconnect, and once expired the server would refuse the connection.
//
// Events follow CleverStyle's convention: `<action>:error` goes to the error handlers of `<action>`, and
// an array received as the only argument is spread into the handlers' arguments. Nothing the server sends
// makes the helper throw: what it cannot use is logged to the console, once per kind of problem.
(function (global) {
  'use strict';

  const warnings = {}; // kind of problem -> how many times it happened (read by the browser tests)

  /** Logs a problem the first time it happens, and only counts it afterwards. */
  function warn(kind, detail) {
    warnings[kind] = (warnings[kind] || 0) + 1;
    if (warnings[kind] === 1) console.warn('herald.js: ' + kind + ' (logged once)', detail);
  }

  /** Calls a handler of the page; a handler that throws is reported (once) and does not stop the others. */
  function call(handler, args) {
    try {
      handler.apply(null, args);
    } catch (e) {
      warn('handler threw', e);
    }
  }

  /** The arguments handlers receive: a lone array is spread, anything else is passed as it came. */
  function spread(args) {
    return args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  }

  /** Errors are {code, message}; anything else is wrapped so that error handlers can rely on the shape. */
  function asError(args) {
    const value = args[0];
    if (value && typeof value === 'object' && 'message' in value) return [value].concat(args.slice(1));
    warn('malformed error payload', value);
    return [{ code: 0, message: value === undefined ? 'unknown error' : String(value), data: value }];
  }

  class Connection {
    constructor(url, options) {
      const o = options || {};
      this.user = o.user;
      this.credentials = { expires: o.expires, token: o.token };
      this.handlers = new Map(); // action -> [{success, error, once}]
      this.queue = []; // emits made while offline, in order
      this.delay = o.reconnectionDelay || 1000;
      this.delayMax = o.reconnectionDelayMax || 10000;
      this.refusals = 0; // refused CONNECTs in a row, for the back-off
      this.closed = false;
      const ioOptions = {
        path: o.path || '/socket.io',
        query: o.app ? { app: o.app } : {},
        // Only the app (see the top of this file): the 'connect' handler below registers the user.
        auth: o.app ? { app: o.app } : {},
        // Reconnection: 1 s, then doubled up to 10 s, each delay randomized by ±50% so that a restarted
        // server is not hit by every page at the same instant.
        reconnectionDelay: this.delay,
        reconnectionDelayMax: this.delayMax,
        randomizationFactor: 0.5,
      };
      if (o.transports) ioOptions.transports = o.transports;
      this.socket = url ? global.io(url, ioOptions) : global.io(ioOptions);

      // A reconnect is a new socket on the server: register it again, then send what waited. (The official
      // client has its own buffer, but it would send before our register.)
      this.socket.on('connect', () => {
        this.refusals = 0;
        if (this.user !== undefined && this.user !== null) this.register(this.user, this.credentials);
        const waiting = this.queue.splice(0);
        waiting.forEach((args) => this.socket.emit.apply(this.socket, args));
      });
      // The official client gives up for good when the server refuses the CONNECT (unknown app, origin not
      // allowed); a transport failure, on the other hand, it retries itself (the socket stays active).
      this.socket.on('connect_error', (error) => {
        if (this.socket.active) return;
        warn('connection refused', error && error.message);
        this.retry();
      });
      this.socket.onAny((event, ...args) => this.dispatch(event, args));
    }

    /** Binds this connection to a user key, now and after every reconnect. */
    register(user, credentials) {
      this.user = user;
      this.credentials = credentials || {};
      if (!this.socket.connected) return; // done on 'connect'
      const payload = { userid: user, expires: this.credentials.expires, token: this.credentials.token };
      this.socket.emit('register', payload, (answer) => {
        // The refusal also arrives as 'register:error', which goes to the error handlers.
        if (answer && answer.ok) this.dispatch('register', [answer]);
      });
    }

    /** Adds handlers for an action: success gets the event's data, error gets {code, message}. */
    on(action, success, error) {
      if (!this.handlers.has(action)) this.handlers.set(action, []);
      this.handlers.get(action).push({ success: success, error: error, once: false });
      return this;
    }

    /** Like on(), but the handlers are removed after the first event they handle. */
    once(action, success, error) {
      this.on(action, success, error);
      const list = this.handlers.get(action);
      list[list.length - 1].once = true;
      return this;
    }

    /** Removes the handlers given, or all handlers of the action when none is given. */
    off(action, success, error) {
      const list = this.handlers.get(action) || [];
      const kept = list.filter((h) => (success || error)
          && !((!success || h.success === success) && (!error || h.error === error)));
      if (kept.length) this.handlers.set(action, kept); else this.handlers.delete(action);
      return this;
    }

    /** Sends an action to the server; offline, it waits for the next connection. */
    send(action, ...details) {
      this.emit([action].concat(details));
      return this;
    }

    /** Sends an action and resolves with the server's acknowledgement (rejects after timeout ms). */
    request(action, details, options) {
      const timeout = (options && options.timeout) || 10000;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(action + ': no answer within ' + timeout + ' ms')), timeout);
        this.emit([action, details, (...answer) => {
          clearTimeout(timer);
          resolve(answer.length > 1 ? answer : answer[0]);
        }]);
      });
    }

    /** Closes the connection for good (no reconnection). */
    close() {
      this.closed = true;
      clearTimeout(this.retryTimer);
      this.socket.close();
    }

    get connected() {
      return this.socket.connected;
    }

    /** Connects again after a refusal, with the same capped, jittered back-off as the reconnection. */
    retry() {
      if (this.closed) return;
      const base = this.delay * Math.pow(2, Math.min(this.refusals, 16));
      this.refusals += 1;
      const wait = Math.min(this.delayMax, base * (0.5 + Math.random())); // ±50%, then capped
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => { if (!this.closed) this.socket.connect(); }, wait);
    }

    emit(args) {
      if (this.socket.connected) this.socket.emit.apply(this.socket, args);
      else this.queue.push(args);
    }

    /** Routes one event from the server to the handlers of its action. */
    dispatch(event, args) {
      if (typeof event !== 'string') return warn('event without a name', event);
      const isError = event.endsWith(':error');
      const action = isError ? event.slice(0, -':error'.length) : event;
      const list = this.handlers.get(action);
      const targets = (list || []).filter((h) => (isError ? h.error : h.success));
      if (!targets.length) {
        if (event !== 'register') warn('no handler for event', event);
        return;
      }
      const handlerArgs = isError ? asError(args) : spread(args);
      this.handlers.set(action, list.filter((h) => !(h.once && targets.includes(h))));
      targets.forEach((h) => call(isError ? h.error : h.success, handlerArgs));
    }
  }

  global.Herald = {
    /** Connects to Herald (url: its origin; omit it for the page's own server). */
    connect: (url, options) => new Connection(url, options),
    warnings: warnings,
  };
})(window);
