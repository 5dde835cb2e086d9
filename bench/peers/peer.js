// The Node Bot Framework SDK (botbuilder 4.23) as a peer for Central's /api/messages: the same Activities in, and
// the Connector calls it makes out, are compared by compare.js and timed by the bench. No app id: like Central in
// emulator mode, inbound is not authenticated and outbound carries no token.
//   node peer.js [port]          (listens on 127.0.0.1 only)
'use strict';
const http = require('node:http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, MessageFactory } = require('botbuilder');

const port = Number(process.argv[2] || process.env.PORT || 3978);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(`[peer] turn error: ${error && error.message}`);
};

class PeerBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(MessageFactory.suggestedActions(['Ask', 'Report', 'English'], 'Welcome'));
        }
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(MessageFactory.suggestedActions(['Ask', 'Report', 'English'], `You said: ${context.activity.text}`));
      await next();
    });
  }
}
const bot = new PeerBot();

// botbuilder's Response interface (Restify/Express style) over Node's own http response.
function shim(res) {
  return {
    socket: res.socket,
    status(code) { res.statusCode = code; return this; },
    header(name, value) { res.setHeader(name, value); return this; },
    send(body) {
      if (body !== undefined && body !== null) {
        if (typeof body === 'object') { res.setHeader('Content-Type', 'application/json'); res.write(JSON.stringify(body)); }
        else res.write(String(body));
      }
      return this;
    },
    end() { res.end(); return this; },
  };
}

const server = http.createServer((req, res) => {
  if (req.url !== '/api/messages') { res.statusCode = 404; return res.end(); }
  if (req.method !== 'POST') { res.statusCode = 405; return res.end(); }
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', async () => {
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { res.statusCode = 400; return res.end(); }
    // Left alone, a body without "type" makes the SDK throw out of process(); answer 400 as the C# SDK does.
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string' || !body.type) {
      res.statusCode = 400; return res.end();
    }
    try {
      await adapter.process({ body, headers: req.headers, method: req.method }, shim(res), context => bot.run(context));
    } catch (e) {
      console.error(`[peer] ${e && e.message}`);
      if (!res.headersSent) { res.statusCode = e && e.statusCode ? e.statusCode : 500; }
      res.end();
    }
  });
});
server.listen(port, '127.0.0.1', () => console.log(`[peer] botbuilder listening on http://127.0.0.1:${port}/api/messages`));
