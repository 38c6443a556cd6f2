// A real OpenID Provider on plain-HTTP loopback for the social sign-in tests.
// Usage: node server.mjs <port>; OIDC_CLIENTS and OIDC_USERS (JSON) describe clients and users:
//   OIDC_CLIENTS=[{"client_id":"a","client_secret":"s","redirect_uris":["http://localhost/auth/x/callback"],"tamper":"nonce"}]
//   OIDC_USERS={"ann":{"email":"ann@example.com","email_verified":true,"name":"Ann"}}
// OIDC_ID_TOKEN_CLAIMS=true puts email and profile claims into the id_token (default: only in UserInfo).
// A client's optional "tamper" makes the token endpoint misbehave for it alone: "nonce" re-signs the
// id_token with a wrong nonce; "signature" writes another verified email into the id_token's payload and keeps
// the old signature (an attempt to take over that email's account).
// Prints "oidc-provider ready <issuer>" once it listens.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, importJWK, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.OIDC_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.mjs <port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.OIDC_CLIENTS ?? '[]');
const users = JSON.parse(process.env.OIDC_USERS ?? '{}');
const tamper = new Map(clients.filter((c) => c.tamper).map((c) => [c.client_id, c.tamper]));

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingJwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: clients.map(({ tamper: _, ...client }) => client),
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['test-cookie-key-not-secret'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: process.env.OIDC_ID_TOKEN_CLAIMS !== 'true',
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    const user = users[id];
    return user && { accountId: id, claims: async () => ({ sub: id, ...user }) };
  },
});

provider.use(async (ctx, next) => {
  await next();
  const mode = ctx.path === '/token' && ctx.status === 200 ? tamper.get(ctx.oidc?.client?.clientId) : undefined;
  if (mode && ctx.body?.id_token) ctx.body = { ...ctx.body, id_token: await misbehave(mode, ctx.body.id_token) };
});

async function misbehave(mode, idToken) {
  if (mode === 'nonce') {
    const key = await importJWK(signingJwk, 'RS256');
    return new SignJWT({ ...decodeJwt(idToken), nonce: 'not-the-nonce-that-was-sent' })
      .setProtectedHeader(decodeProtectedHeader(idToken))
      .sign(key);
  }
  const [header, , signature] = idToken.split('.');
  const payload = Buffer.from(JSON.stringify({ ...decodeJwt(idToken), email: 'victim@example.com', email_verified: true })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

const server = createServer(provider.callback());
server.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready ${issuer}`));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
