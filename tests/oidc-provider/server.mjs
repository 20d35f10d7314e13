// A real OpenID Connect provider for the IamOps single sign-on tests (npm oidc-provider).
//
//   node server.mjs --port 0 --client-id iamops --client-secret s3cret \
//        --redirect-uri http://127.0.0.1:5000/signin-oidc/acme [--redirect-uri ...]
//
// Prints "listening <issuer>" once it accepts connections. One confidential client (authorization code + PKCE),
// a fixed account store, and a minimal login and consent form that a test can post with a plain HTTP client.
// Exits when its standard input closes, so a crashed test run leaves no provider behind.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import Provider from 'oidc-provider';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '0' },
    'client-id': { type: 'string', default: process.env.OIDC_CLIENT_ID ?? 'iamops' },
    'client-secret': { type: 'string', default: process.env.OIDC_CLIENT_SECRET ?? 'iamops-test-secret' },
    'redirect-uri': { type: 'string', multiple: true, default: (process.env.OIDC_REDIRECT_URIS ?? '').split(/\s+/).filter(Boolean) },
  },
});

if (args['redirect-uri'].length === 0) {
  console.error('At least one --redirect-uri (or OIDC_REDIRECT_URIS) is required.');
  process.exit(2);
}

const PASSWORD = 'idp-password-2026';

// The IdP's users. Only admin@acme.example and admin@globex.example exist in IamOps' demo data.
const accounts = new Map([
  ['u-acme-admin', { email: 'admin@acme.example', email_verified: true, name: 'Anna Acme' }],
  ['u-acme-newcomer', { email: 'newcomer@acme.example', email_verified: true, name: 'Nora Newcomer' }],
  ['u-acme-unverified', { email: 'unverified@acme.example', email_verified: false, name: 'Ulf Unverified' }],
  ['u-globex-admin', { email: 'admin@globex.example', email_verified: true, name: 'Gustav Globex' }],
]);

const html = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title, action, fields, button) => `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body><h1>${html(title)}</h1>
<form method="post" action="${html(action)}">
${fields.map(([name, type, value]) => `<input type="${type}" name="${html(name)}" value="${html(value)}">`).join('\n')}
<button type="submit">${html(button)}</button>
</form></body></html>`;

const readForm = async (req) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
};

const server = createServer();
server.listen(Number(args.port), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [{
      client_id: args['client-id'],
      client_secret: args['client-secret'],
      redirect_uris: args['redirect-uri'],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_post',
    }],
    // PKCE for every client: the test proves IamOps sends a code challenge.
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['iamops-test-oidc-provider-cookie-key'] },
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: () => ({ sub, ...account }) };
    },
  });

  const login = async (req, res, uid) => {
    const form = await readForm(req);
    const found = [...accounts].find(([, a]) => a.email === form.get('email'));
    if (!found || form.get('password') !== PASSWORD) {
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end(page('Sign-in failed', `/interaction/${uid}/login`,
        [['email', 'email', form.get('email') ?? ''], ['password', 'password', '']], 'Sign in'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: found[0] } }, { mergeWithLastSubmission: false });
  };

  const consent = async (req, res) => {
    await readForm(req);
    const { prompt: { details }, grantId, session, params } = await provider.interactionDetails(req, res);
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  const show = async (req, res) => {
    const { uid, prompt, params } = await provider.interactionDetails(req, res);
    res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
    if (prompt.name === 'login') {
      res.end(page(`Sign in to ${params.client_id}`, `/interaction/${uid}/login`,
        [['email', 'email', ''], ['password', 'password', '']], 'Sign in'));
    } else {
      res.end(page(`Allow ${params.client_id} to read your ${params.scope}`, `/interaction/${uid}/confirm`, [], 'Allow'));
    }
  };

  const callback = provider.callback();
  server.on('request', async (req, res) => {
    const match = /^\/interaction\/([\w-]+)(\/login|\/confirm)?$/.exec(new URL(req.url, issuer).pathname);
    if (!match) {
      callback(req, res);
      return;
    }
    try {
      if (req.method === 'GET' && !match[2]) await show(req, res);
      else if (req.method === 'POST' && match[2] === '/login') await login(req, res, match[1]);
      else if (req.method === 'POST' && match[2] === '/confirm') await consent(req, res);
      else {
        res.writeHead(405);
        res.end();
      }
    } catch (error) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`Interaction failed: ${error.message}`);
    }
  });

  console.log(`listening ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
if (!process.stdin.isTTY) {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
