// Sends the same Activities to Central's /api/messages and to the Node SDK peer, records the Connector calls each
// makes to a loopback stand-in, and compares them: inbound status, then method, path and the fields a reply must
// carry. Differences that are known and intended are explained; any other one fails the run (exit 1).
//   node compare.js <central base url> <peer base url>
'use strict';
const http = require('node:http');

const [centralUrl, peerUrl] = process.argv.slice(2);
if (!centralUrl || !peerUrl) { console.error('usage: node compare.js <central url> <peer url>'); process.exit(2); }

// Intended differences, by the key printed below.
const explained = {
  'bearer token without credentials: status': 'Central refuses a token it cannot check (the .NET SDK\'s rule); the Node SDK waves it through.',
  'invoke healthCheck: status': 'Central answers the portal\'s health check as the .NET SDK\'s ActivityHandler does (without echoing the token); Node\'s ActivityHandler has no such handler.',
  'suggestedActions.actions[0].type': 'Central sends postBack with the payload as value (Facebook returns it in quick_reply.payload); the Node sample uses imBack (title = value).',
  'suggestedActions.actions[0].value': 'Central\'s value is the button\'s payload, not its title (see above).',
  'recipient.name': 'Central keeps only the user\'s id in its stored conversation reference: a worker\'s name is personal data it does not need to answer.',
  'inputHint': 'Central says expectingInput when it shows buttons, acceptingInput otherwise; the SDK\'s MessageFactory always says acceptingInput.',
  'channelData.messaging_type': 'Central sets Messenger\'s messaging_type for Facebook (RESPONSE inside the 24-hour window, the HUMAN_AGENT tag for caseworkers); the Node sample sets no channelData.',
};

const calls = [];
const connector = http.createServer((req, res) => {
  let body = '';
  req.on('data', c => body += c);
  req.on('end', () => {
    const who = req.url.startsWith('/central/') ? 'central' : req.url.startsWith('/peer/') ? 'peer' : 'unknown';
    let json = null;
    try { json = JSON.parse(body); } catch { /* recorded as null */ }
    calls.push({ who, method: req.method, path: req.url.replace(/^\/(central|peer)/, ''), authorization: req.headers.authorization || '', body: json });
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ id: 'stand-in-' + calls.length }));
  });
});

let sequence = 0;
function facebookMessage(serviceUrl, psid, text, payload) {
  const id = `mid.$cAAJ${String(++sequence).padStart(8, '0')}`;
  const message = { mid: id, seq: 0, text };
  if (payload) message.quick_reply = { payload };
  return {
    type: 'message', id, timestamp: new Date().toISOString(), serviceUrl, channelId: 'facebook',
    from: { id: psid, name: 'Sok Chantha' }, recipient: { id: 'page-1', name: 'CENTRAL' },
    conversation: { isGroup: false, id: `${psid}-page-1` }, text, locale: 'km-KH',
    channelData: { sender: { id: psid }, recipient: { id: 'page-1' }, timestamp: Date.now(), message },
  };
}
function emulator(serviceUrl, type, conversation, extra) {
  return {
    type, id: `act|${++sequence}`, timestamp: new Date().toISOString(), serviceUrl, channelId: 'emulator',
    from: { id: 'user-1', name: 'User', role: 'user' }, recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    conversation: { id: conversation }, locale: 'en-US', ...extra,
  };
}

// Each case: a name, a function of (serviceUrl, tag) giving the body (or a raw string), optional headers and method.
const cases = [
  { name: 'facebook Khmer message', body: (s, t) => facebookMessage(s, `99${t}01`, 'សួស្តី បង'), reply: true },
  { name: 'facebook quick reply tap', body: (s, t) => facebookMessage(s, `99${t}01`, 'English', 'CMD:LANG'), reply: true },
  { name: 'emulator conversationUpdate', body: (s, t) => emulator(s, 'conversationUpdate', `conv-${t}-1`, { membersAdded: [{ id: 'bot-1' }, { id: 'user-1' }] }), reply: true },
  { name: 'emulator message, ids needing encoding', body: (s, t) => emulator(s, 'message', `a:b|${t}/c d`, { text: 'hello' }), reply: true },
  { name: 'typing', body: (s, t) => emulator(s, 'typing', `conv-${t}-2`) },
  { name: 'endOfConversation', body: (s, t) => emulator(s, 'endOfConversation', `conv-${t}-2`) },
  { name: 'messageReaction', body: (s, t) => emulator(s, 'messageReaction', `conv-${t}-2`, { reactionsAdded: [{ type: 'like' }] }) },
  { name: 'installationUpdate', body: (s, t) => emulator(s, 'installationUpdate', `conv-${t}-2`, { action: 'add' }) },
  { name: 'event', body: (s, t) => emulator(s, 'event', `conv-${t}-2`, { name: 'webchat/join' }) },
  { name: 'invoke healthCheck', body: (s, t) => emulator(s, 'invoke', `conv-${t}-3`, { name: 'healthCheck' }) },
  { name: 'invoke nobody handles', body: (s, t) => emulator(s, 'invoke', `conv-${t}-3`, { name: 'composeExtension/query' }) },
  { name: 'body without type', body: (s, t) => ({ id: '1', text: 'no type', serviceUrl: s }) },
  { name: 'unreadable body', body: () => 'this is not json' },
  { name: 'bearer token without credentials', body: (s, t) => emulator(s, 'message', `conv-${t}-4`, { text: 'hi' }), headers: { Authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln' } },
  { name: 'GET', method: 'GET' },
];

// The same Activity (same ids) for both bots; only the service URL differs, so each bot's calls can be told apart.
function bodyFor(c, serviceUrl, template) {
  if (template === undefined || typeof template === 'string') return template;
  return JSON.parse(JSON.stringify(template).split('SERVICE_URL/').join(serviceUrl));
}

async function send(base, c, serviceUrl, template) {
  const body = bodyFor(c, serviceUrl, template);
  const response = await fetch(`${base}/api/messages`, {
    method: c.method || 'POST',
    headers: { 'Content-Type': 'application/json', ...(c.headers || {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return { status: response.status, activity: typeof body === 'object' ? body : null };
}

const get = (o, path) => path.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const fields = ['type', 'from.id', 'from.name', 'recipient.id', 'recipient.name', 'conversation.id', 'channelId', 'serviceUrl', 'replyToId', 'locale',
  'inputHint', 'text', 'id', 'timestamp', 'suggestedActions.actions[0].type', 'suggestedActions.actions[0].title', 'suggestedActions.actions[0].value', 'channelData.messaging_type'];
function describe(call, inbound, serviceUrl) {
  const out = { method: call.method, path: call.path };
  for (const f of fields) {
    const v = get(call.body, f.replace('[0]', '.0'));
    const expected = { 'from.id': inbound.recipient.id, 'from.name': inbound.recipient.name, 'recipient.id': inbound.from && (inbound.membersAdded ? 'user-1' : inbound.from.id),
      'recipient.name': inbound.from && inbound.from.name, 'conversation.id': inbound.conversation.id, channelId: inbound.channelId, serviceUrl, replyToId: inbound.id, locale: inbound.locale }[f];
    if (v === undefined) out[f] = 'absent';
    else if (expected !== undefined) out[f] = v === expected ? 'echoed' : `other (${JSON.stringify(v)})`;
    else if (f === 'text' || f.endsWith('.title')) out[f] = 'present';
    else out[f] = JSON.stringify(v);
  }
  return out;
}

async function waitFor(predicate, ms) {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise(r => setTimeout(r, 20));
}

(async () => {
  await new Promise(r => connector.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${connector.address().port}`;
  const tag = String(Date.now() % 1e9).padStart(9, '0');
  let unexplained = 0;
  const report = (key, central, peer) => {
    const same = central === peer;
    const note = same ? '' : explained[key] ? `  — explained: ${explained[key]}` : '  — UNEXPLAINED';
    if (!same && !explained[key]) unexplained++;
    console.log(`${same ? '  same ' : '  DIFF '} ${key}: central ${central} | peer ${peer}${note}`);
  };
  for (const c of cases) {
    console.log(`\n${c.name}`);
    const before = calls.length;
    const template = c.body ? c.body('SERVICE_URL/', tag) : undefined;
    const [central, peer] = await Promise.all([
      send(centralUrl, c, `${base}/central/`, template),
      send(peerUrl, c, `${base}/peer/`, template),
    ]);
    report(`${c.name}: status`, central.status, peer.status);
    if (c.reply) {
      await waitFor(() => calls.slice(before).some(x => x.who === 'central') && calls.slice(before).some(x => x.who === 'peer'), 10000);
      await new Promise(r => setTimeout(r, 300));
      const mine = calls.slice(before);
      const fromCentral = mine.filter(x => x.who === 'central' && x.body && x.body.type === 'message');
      const fromPeer = mine.filter(x => x.who === 'peer' && x.body && x.body.type === 'message');
      if (!fromCentral.length || !fromPeer.length) { report(`${c.name}: reply`, fromCentral.length ? 'sent' : 'none', fromPeer.length ? 'sent' : 'none'); continue; }
      // Central may answer with several messages (e.g. the welcome); compare the one with buttons, or the first.
      const pick = list => list.find(x => x.body.suggestedActions) || list[0];
      const a = describe(pick(fromCentral), central.activity, `${base}/central/`);
      const b = describe(pick(fromPeer), peer.activity, `${base}/peer/`);
      for (const key of Object.keys(a)) {
        const k = key === 'method' || key === 'path' ? `${c.name}: ${key}` : key;
        report(k, a[key], b[key]);
      }
      const envelopes = new Set(fromCentral.map(x => `${x.method} ${x.path} ${x.body.replyToId} ${x.body.conversation.id}`));
      report(`${c.name}: all of Central's ${fromCentral.length} replies to the same activity`, envelopes.size === 1 ? 'yes' : 'no', 'yes');
    }
  }
  connector.close();
  console.log(`\n${unexplained === 0 ? 'conformance: no unexplained differences' : `conformance: ${unexplained} unexplained difference(s)`}`);
  process.exit(unexplained === 0 ? 0 : 1);
})().catch(e => { console.error(e); process.exit(2); });
