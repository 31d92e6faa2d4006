// Prints the comparison table (Markdown) from the JSON of bench.js: node load/report.js peer.json herald.json [ceiling.json]
'use strict';
const fs = require('fs');
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch (e) { return {}; } };
const [peer, herald, ceiling, scaled, pair] = process.argv.slice(2).map(read);
const paired = Boolean(pair && pair.herald);   // S2p ran: it, not S2, carries the p99 target
const get = (o, p) => p.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const fmt = (v) => (v == null || Number.isNaN(v) ? 'n/a' : typeof v === 'number' ? (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : String(+v.toFixed(2))) : String(v));

const rows = [];
// [label, path, target description, check(ratio) -> bool]
function row(label, path, target, check, from = { peer, herald }) {
  const p = get(from.peer, path), h = get(from.herald, path);
  const ratio = p && h != null ? h / p : undefined;
  const verdict = check && ratio !== undefined ? (check(ratio) ? 'PASS' : 'MISS') : '';
  rows.push(`| ${label} | ${fmt(p)} | ${fmt(h)} | ${ratio === undefined ? 'n/a' : ratio.toFixed(2)} | ${target || ''} | ${verdict} |`);
}
const n = get(herald, 's1.n') || get(peer, 's1.n');
row(`S1 memory per idle connection (KiB), N=${fmt(n)}: Node RSS growth; JVM heap kept + RSS growth beside its pre-touched heap`, 's1.memPerConnKiB', '≤ 0.7', (r) => r <= 0.7);
row('S1 … RSS growth / N (KiB)', 's1.rssPerConnKiB', '', null);
row('S1 … heap kept after a full GC / N (KiB; Node: heapUsed+external)', 's1.heapPerConnKiB', '', null);
row('S1 connect time for N (s)', 's1.connectSecs', '', null);
row('S2 unicast latency p50 (ms), 1,000 emits/s, 1,000 clients', 's2.p50ms', '', null);
row('S2 unicast latency p99 (ms), each server in its own run, minutes apart', 's2.p99ms', paired ? '(S2p)' : '≤ 1.0', paired ? null : (r) => r <= 1.0);
row('S2 unicast latency p99.9 (ms)', 's2.p999ms', '', null);
row('S2 server CPU-s per 100k unicasts', 's2.cpuPer100k', '', null);
if (paired) {
  const w = `${pair.herald.windows} windows of ${pair.herald.windowSecs} s each`;
  row(`S2p the same, both servers running, in alternating windows (${w}): p50 (ms)`, 'p50ms', '', null, pair);
  row('S2p unicast latency p99 (ms), all windows pooled', 'p99ms', '≤ 1.0', (r) => r <= 1.0, pair);
  row('S2p unicast latency p99.9 (ms)', 'p999ms', '', null, pair);
  row('S2p server CPU-s per 100k unicasts', 'cpuPer100k', '', null, pair);
}
row('S3 broadcast to 1,000: deliveries/s', 's3.deliveriesPerSec', '', null);
row('S3 broadcast: server CPU-s per 100k deliveries', 's3.cpuPer100k', '≤ 0.6', (r) => r <= 0.6);
row('S3 + 10 stalled clients: deliveries/s to the others', 's3stalled.deliveriesPerSec', '', null);
row('S3 + 10 stalled: CPU-s per 100k deliveries', 's3stalled.cpuPer100k', '', null);
row('S4 HTTP emits/s, 64 in flight (keep-alive)', 's4.emitsPerSec', '≥ 1.5', (r) => r >= 1.5);
row('S4 server CPU-s per 100k HTTP emits', 's4.cpuPer100k', '', null);
row('S4 HTTP emit latency p99 under that load (ms, wrk)', 's4.p99ms', '', null);

const out = [];
out.push('| scenario | socket.io 4.8 (Node) | Herald (WildFly 39) | Herald / socket.io | target | |');
out.push('|---|---:|---:|---:|---:|---|');
out.push(...rows);
const big = herald.s1big;
if (big && big.n >= 50000) {
  out.push(`| 50,000 idle connections with a 1 GB heap | | ${fmt(big.n)} held, heap ${fmt(big.after.heapKiB / 1024)} MiB | | 50,000 held | ${big.failed === 0 ? 'PASS' : 'MISS'} |`);
} else if (big) {
  // held fewer (the open-files limit): project the heap of 50k from the heap each connection took
  const perConn = (big.after.heapKiB - big.before.heapKiB) / big.n;
  const projected = (big.before.heapKiB + perConn * 50000) / 1024;
  out.push(`| idle connections with a 1 GB heap (${fmt(big.n)}: this machine's open-files limit) | | ${fmt(big.n)} held (${big.failed} failed), heap ${fmt(big.after.heapKiB / 1024)} MiB; 50,000 projected: ${fmt(projected)} MiB | | 50,000 in 1,024 MiB | ${big.failed === 0 && projected < 1024 ? 'PASS (projected)' : 'MISS'} |`);
} else {
  out.push('| 50,000 idle connections with a 1 GB heap | | not run | | 50,000 held | not measured |');
}
if (scaled && scaled.s1big) {
  const b = scaled.s1big, ok = b.failed === 0 && scaled.answering && !scaled.outOfMemory;
  out.push(`| the same ratio, held: ${fmt(b.n)} idle connections in a ${String(scaled.heap).replace(/m$/i, ' MiB')} heap (1 GiB × ${fmt(b.n)} / 50,000) | | ${fmt(b.n)} held (${b.failed} failed), heap after a full GC ${fmt(b.after.heapKiB / 1024)} MiB${scaled.outOfMemory ? ', OutOfMemoryError' : ''}${scaled.answering ? '' : ', not answering'} | | all held | ${ok ? 'PASS' : 'MISS'} |`);
}
if (ceiling && ceiling.s3) {
  const c = ceiling.s3, h = herald.s3 || {};
  out.push('');
  out.push('| broadcast to 1,000 on the same WildFly | bare JSR-356 (ceiling) | Herald | Herald / ceiling |');
  out.push('|---|---:|---:|---:|');
  out.push(`| deliveries/s | ${fmt(c.deliveriesPerSec)} | ${fmt(h.deliveriesPerSec)} | ${h.deliveriesPerSec ? (h.deliveriesPerSec / c.deliveriesPerSec).toFixed(2) : 'n/a'} |`);
  out.push(`| server CPU-s per 100k deliveries | ${fmt(c.cpuPer100k)} | ${fmt(h.cpuPer100k)} | ${h.cpuPer100k ? (h.cpuPer100k / c.cpuPer100k).toFixed(2) : 'n/a'} |`);
  if (ceiling.s1 && herald.s1) {
    const cs = ceiling.s1, hs = herald.s1;
    out.push(`| memory per idle connection (KiB), N=${fmt(cs.n)}: heap kept + RSS growth | ${fmt(cs.memPerConnKiB)} | ${fmt(hs.memPerConnKiB)} | ${(hs.memPerConnKiB / cs.memPerConnKiB).toFixed(2)} |`);
    out.push(`| … of which heap kept after a full GC (KiB) | ${fmt(cs.heapPerConnKiB)} | ${fmt(hs.heapPerConnKiB)} | ${(hs.heapPerConnKiB / cs.heapPerConnKiB).toFixed(2)} |`);
  }
  if (ceiling.s1native && herald.s1) {
    const cn = ceiling.s1native, hs = herald.s1;
    out.push(`| memory per idle connection, plain WebSocket on Undertow's own API (Herald's path on WildFly) | ${fmt(cn.memPerConnKiB)} | ${fmt(hs.memPerConnKiB)} | ${(hs.memPerConnKiB / cn.memPerConnKiB).toFixed(2)} |`);
  }
}
for (const [name, r] of [['socket.io', peer], ['Herald', herald]]) {
  if (!r.s3 || !r.s3stalled) continue;
  out.push('');
  out.push(`${name}: with 10 stalled clients the others get ${(r.s3stalled.deliveriesPerSec / r.s3.deliveriesPerSec * 100).toFixed(0)}% of the unstalled rate ` +
    `(${fmt(r.s3stalled.deliveriesPerSec)} vs ${fmt(r.s3.deliveriesPerSec)}/s); undelivered after the drain: ${r.s3stalled.notDeliveredAfterDrain}; server RSS after: ${fmt(r.s3stalled.rssKiBAfter / 1024)} MiB.`);
}
if (paired) {
  out.push('');
  out.push(`S2p p99 of each window (ms), in the order run: Herald ${pair.herald.windowP99ms.join(', ')}; socket.io ${pair.peer.windowP99ms.join(', ')}.`);
  if (pair.herald.roundsWithLowerP99 != null) {
    out.push(`S2p rounds (one window of each server, back to back) in which Herald's p99 was the lower: ${pair.herald.roundsWithLowerP99} of ${pair.herald.windows}` +
      ` (socket.io's: ${pair.peer.roundsWithLowerP99}).`);
  }
}
for (const [name, r] of [['socket.io', peer], ['Herald', herald], ['S2p', pair]]) {
  if (r.error) out.push(`\n${name} run failed: ${r.error}`);
  if (r.loadavgStart) out.push(`\n${name}: load average at start ${r.loadavgStart.split(' ').slice(0, 3).join(' ')}, at end ${(r.loadavgEnd || '').split(' ').slice(0, 3).join(' ')}` +
    (r.stealPercent != null ? `; CPU time stolen by the hypervisor meanwhile: ${r.stealPercent}%.` : '.'));
  else if (r.stealPercent != null) out.push(`\n${name}: CPU time stolen by the hypervisor meanwhile: ${r.stealPercent}%.`);
}
console.log(out.join('\n'));
