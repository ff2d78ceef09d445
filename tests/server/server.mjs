#!/usr/bin/env node
// Test authorization server for pkjwt protocol tests, built on oidc-provider.
//
// Prints exactly one JSON line to stdout once listening:
//   {"issuer":"http://127.0.0.1:PORT[/path]","port":PORT,"profile":"default|fapi2"}
// and runs until SIGTERM/SIGINT or until stdin reaches EOF.
// Everything else (oidc-provider notices and warnings, diagnostics) goes to stderr.
// See README.md beside this file.

import { appendFileSync, readFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';

// oidc-provider prints NOTICEs with console.info (stdout); keep stdout for the one JSON line.
console.info = (...args) => console.error(...args);
console.log = (...args) => console.error(...args);

const USAGE = `usage: node server.mjs [--port N] [--profile default|fapi2]
       [--initial-access-token TOKEN] [--issuer-path /path] [--events FILE] [--requests FILE]
       [--max-assertion-lifetime SECONDS] [--aud-token-endpoint-only] [--aud-endpoint-only] [--jwt-bearer-subjects a,b] [--no-date]
       [--tls-cert PEM --tls-key PEM [--tls-ca PEM] [--mtls-aliases]] [--dpop-nonce | --no-dpop] [--rotate-rat] [--no-stdin-watch]
       [--rfc7523bis] [--accept HOLE[,HOLE...]]`;

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      profile: { type: 'string', default: 'default' },
      'initial-access-token': { type: 'string' },
      'issuer-path': { type: 'string', default: '' },
      events: { type: 'string' },
      requests: { type: 'string' },
      'max-assertion-lifetime': { type: 'string' },
      'aud-token-endpoint-only': { type: 'boolean', default: false },
      'aud-endpoint-only': { type: 'boolean', default: false },
      'jwt-bearer-subjects': { type: 'string' },
      'no-date': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      'mtls-aliases': { type: 'boolean', default: false },
      'dpop-nonce': { type: 'boolean', default: false },
      'no-dpop': { type: 'boolean', default: false },
      'rotate-rat': { type: 'boolean', default: false },
      'no-stdin-watch': { type: 'boolean', default: false },
      rfc7523bis: { type: 'boolean', default: false },
      accept: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (err) {
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.error(USAGE);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --port ${args.port}\n${USAGE}`);
  process.exit(2);
}
const { profile } = args;
if (profile !== 'default' && profile !== 'fapi2') {
  console.error(`invalid --profile ${profile}\n${USAGE}`);
  process.exit(2);
}
let issuerPath = args['issuer-path'];
if (issuerPath) {
  if (!issuerPath.startsWith('/')) issuerPath = `/${issuerPath}`;
  issuerPath = issuerPath.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(issuerPath)) {
    console.error(`invalid --issuer-path ${args['issuer-path']}\n${USAGE}`);
    process.exit(2);
  }
}
const initialAccessToken = args['initial-access-token'];
if (initialAccessToken !== undefined && initialAccessToken === '') {
  console.error('--initial-access-token must not be empty');
  process.exit(2);
}
const eventsFile = args.events;
const requestsFile = args.requests;
let maxLifetime;
if (args['max-assertion-lifetime'] !== undefined) {
  maxLifetime = Number(args['max-assertion-lifetime']);
  if (!Number.isInteger(maxLifetime) || maxLifetime < 1) {
    console.error(`invalid --max-assertion-lifetime ${args['max-assertion-lifetime']}\n${USAGE}`);
    process.exit(2);
  }
}
const audTokenEndpointOnly = args['aud-token-endpoint-only'];
// With --jwt-bearer-subjects: the only subjects a JWT bearer grant may name;
// any other is refused with invalid_grant "User not found", as Keycloak does.
const jwtBearerSubjects = args['jwt-bearer-subjects']?.split(',').filter(Boolean);
const tls = args['tls-cert'] !== undefined || args['tls-key'] !== undefined;
if (tls && (args['tls-cert'] === undefined || args['tls-key'] === undefined)) {
  console.error(`--tls-cert and --tls-key go together\n${USAGE}`);
  process.exit(2);
}
if (!tls && (args['tls-ca'] !== undefined || args['mtls-aliases'])) {
  console.error(`--tls-ca and --mtls-aliases need --tls-cert and --tls-key\n${USAGE}`);
  process.exit(2);
}
const mtlsAliases = args['mtls-aliases'];
// RFC 8705 section 5: the mTLS aliases live under this path prefix.
const MTLS_PREFIX = '/mtls';
const fapi2 = profile === 'fapi2';

// --rfc7523bis: a client assertion's aud must be the issuer, as a single
// string (draft-ietf-oauth-rfc7523bis), on top of oidc-provider's checks.
const rfc7523bis = args.rfc7523bis;
// --accept HOLE,...: holes that make the server accept client assertions it
// must refuse, one per `pkjwt audit` case, to test that audit names them.
const HOLES = [
  'alg-none', 'hs256-public-key-pem', 'jwk-header-injection', 'iss-sub-differ',
  'jti-replay', 'exp-past', 'aud-array-with-extra',
];
const holes = (args.accept ?? '').split(',').filter(Boolean);
for (const h of holes) {
  if (!HOLES.includes(h)) {
    console.error(`invalid --accept ${h} (one of ${HOLES.join(', ')})\n${USAGE}`);
    process.exit(2);
  }
}
if (holes.includes('aud-array-with-extra') && !rfc7523bis) {
  console.error('--accept aud-array-with-extra needs --rfc7523bis (oidc-provider takes aud arrays already)');
  process.exit(2);
}
const hole = (h) => holes.includes(h);
// The holes oidc-provider's own verification cannot be bent to: their
// assertions are verified by audit_holes.mjs instead, everything else as usual.
const HOLES_VERIFIED_HERE = ['alg-none', 'hs256-public-key-pem', 'jwk-header-injection', 'iss-sub-differ'];
// --accept exp-past: a clock tolerance of 15 minutes (oidc-provider's own is 15 s).
const clockTolerance = hole('exp-past') ? 900 : 15;

const { default: Provider, errors } = await import('oidc-provider');
const jose = await import('jose');
const { auditHoles } = await import('./audit_holes.mjs');

// The single resource server (RFC 8707) tokens are issued for.
const RESOURCE = 'http://127.0.0.1/api';
const RESOURCE_SCOPES = 'api:read api:write';

function providerJwks() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return {
    keys: [
      { ...rsa, kid: 'rsa-1', use: 'sig' },
      { ...ec, kid: 'ec-1', use: 'sig' },
    ],
  };
}

function writeEvent(record) {
  const line = `${JSON.stringify(record)}\n`;
  if (eventsFile) {
    // Synchronous on purpose: the line is on disk before the HTTP response goes out.
    appendFileSync(eventsFile, line);
  } else {
    process.stderr.write(`event: ${line}`);
  }
}

// Messages of the nested causes (e.g. why a jwks_uri refresh failed), outermost first.
function causeChain(err) {
  const out = [];
  let cur = err?.cause;
  while (cur instanceof Error && out.length < 5) {
    out.push(cur.error_description ?? cur.message);
    cur = cur.cause;
  }
  return out.length ? out : undefined;
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

const ERROR_EVENTS = [
  'server_error',
  'grant.error',
  'introspection.error',
  'revocation.error',
  'registration_create.error',
  'registration_read.error',
  'registration_update.error',
  'registration_delete.error',
  'pushed_authorization_request.error',
  'authorization.error',
  'device_authorization.error',
  'backchannel_authentication.error',
  'backchannel.error',
  'code_verification.error',
  'device_resume.error',
  'userinfo.error',
  'discovery.error',
  'jwks.error',
  'end_session.error',
];

function attachEventLog(provider) {
  for (const event of ERROR_EVENTS) {
    provider.on(event, (ctx, err) => {
      const record = {
        ts: new Date().toISOString(),
        event,
        route: safe(() => ctx.oidc.route),
        method: safe(() => ctx.method),
        path: safe(() => ctx.req.originalUrl ?? ctx.originalUrl),
        status: err?.statusCode ?? 500,
        client_id: safe(() => ctx.oidc.entities.Client?.clientId)
          ?? safe(() => ctx.oidc.params.client_id) ?? undefined,
        error: event === 'server_error' ? 'server_error' : err?.error ?? err?.message,
        error_description: event === 'server_error' ? undefined : err?.error_description,
        error_detail: event === 'server_error' ? err?.message : err?.error_detail,
      };
      const causes = causeChain(err);
      if (causes && causes[0] === record.error_detail) causes.shift();
      if (causes?.length) record.causes = causes;
      if (event === 'server_error' && err?.stack) record.stack = err.stack;
      writeEvent(record);
    });
  }
}

// Stricter rules for client assertions, on top of oidc-provider's own (and of
// FAPI 2.0's issuer-only aud): a lifetime cap refused with the generic
// invalid_client (the reason only in the event log, as most servers do), and
// a token-endpoint-only aud refused with a bare 403 and an empty body, as some
// C and Java servers do.
async function assertClientAssertion(ctx, claims) {
  if (fapi2 && claims.aud !== ctx.oidc.issuer) {
    throw new errors.InvalidClientAuth('audience (aud) must equal the issuer identifier url');
  }
  if (rfc7523bis && !bisAudience(claims.aud, ctx.oidc.issuer)) {
    throw new errors.InvalidClientAuth('audience (aud) must be the issuer identifier, as a single string');
  }
  if (maxLifetime !== undefined && (typeof claims.iat !== 'number' || claims.exp - claims.iat > maxLifetime)) {
    throw new errors.InvalidClientAuth(`assertion lifetime (exp - iat) over ${maxLifetime} s`);
  }
  // --aud-endpoint-only: only the URL of the endpoint receiving the
  // request, as glewlwyd does (its own invalid_client).
  if (args['aud-endpoint-only']) {
    const own = safe(() => ctx.oidc.urlFor(ctx.oidc.route));
    if (claims.aud !== own) {
      throw new errors.InvalidClientAuth(`aud must be this endpoint's URL (${own})`);
    }
  }
  if (audTokenEndpointOnly && claims.aud !== ctx.oidc.urlFor('token')) {
    ctx.bare403 = true;
    throw new errors.InvalidClientAuth('aud must be the token endpoint URL');
  }
}

// The aud --rfc7523bis takes: the issuer as a string; with --accept
// aud-array-with-extra also an array of the issuer and other values.
function bisAudience(aud, issuer) {
  if (aud === issuer) return true;
  return hole('aud-array-with-extra') && Array.isArray(aud) && aud.length > 1 && aud.includes(issuer);
}

function buildConfiguration(issuer) {
  return {
    ...(hole('exp-past') ? { clockTolerance } : {}),
    assertJwtClientAuthClaimsAndHeader: assertClientAssertion,
    jwks: providerJwks(),
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
    clientAuthMethods: [
      ...(fapi2
        ? ['private_key_jwt']
        : ['private_key_jwt', 'client_secret_basic', 'client_secret_post', 'client_secret_jwt', 'none']),
      ...(tls ? ['self_signed_tls_client_auth'] : []),
      ...(tls && args['tls-ca'] !== undefined ? ['tls_client_auth'] : []),
    ],
    enabledJWA: {
      clientAuthSigningAlgValues: fapi2 ? ['PS256', 'ES256'] : ['RS256', 'PS256', 'ES256', 'HS256'],
      dPoPSigningAlgValues: ['ES256', 'PS256'],
    },
    // Test configuration only: oidc-provider hands its SSRF-guarded undici dispatcher (which
    // refuses loopback and other special-use addresses) to this hook; dropping it lets a
    // client's jwks_uri on 127.0.0.1 be fetched.
    fetch(url, options) {
      delete options.dispatcher;
      return globalThis.fetch(url, options);
    },
    ...(mtlsAliases
      ? {
        discovery: {
          mtls_endpoint_aliases: Object.fromEntries(
            [['token_endpoint', '/token'], ['introspection_endpoint', '/token/introspection'],
              ['revocation_endpoint', '/token/revocation']]
              .map(([k, path]) => [k, `${issuer.replace(/(https?:\/\/[^/]+)/, `$1${MTLS_PREFIX}`)}${path}`]),
          ),
        },
      }
      : {}),
    features: {
      devInteractions: { enabled: true },
      dPoP: args['no-dpop']
        ? { enabled: false }
        : args['dpop-nonce']
          ? { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true }
          : { enabled: true },
      mTLS: tls
        ? {
          enabled: true,
          certificateBoundAccessTokens: true,
          selfSignedTlsClientAuth: true,
          tlsClientAuth: args['tls-ca'] !== undefined,
          getCertificate(ctx) {
            const cert = ctx.socket?.getPeerX509Certificate?.();
            return cert ? cert.toString() : undefined;
          },
          certificateAuthorized(ctx) {
            return ctx.socket?.authorized === true;
          },
          certificateSubjectMatches(ctx, property, expected) {
            const cert = ctx.socket?.getPeerX509Certificate?.();
            if (!cert || property !== 'tls_client_auth_subject_dn') return false;
            // Node gives the subject one RDN per line, most significant first;
            // RFC 4514 strings run the other way round, comma-separated.
            const norm = (dn) => dn.split(/\n|,/).map((x) => x.trim()).filter(Boolean).sort().join(',');
            return norm(cert.subject) === norm(expected);
          },
        }
        : { enabled: false },
      fapi: fapi2 ? { enabled: true, profile: '2.0' } : { enabled: false },
      registration: {
        enabled: true,
        initialAccessToken: initialAccessToken ?? false,
      },
      registrationManagement: { enabled: true, rotateRegistrationAccessToken: args['rotate-rat'] },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // Authenticated (non-"none") clients may introspect any token; public clients their own.
        async allowedPolicy(ctx, client, token) {
          return client.clientAuthMethod !== 'none' || token.clientId === client.clientId;
        },
      },
      revocation: {
        enabled: true,
        async allowedPolicy(ctx, client, token) {
          if (token.clientId !== client.clientId) {
            throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
          }
          return true;
        },
      },
      pushedAuthorizationRequests: {
        enabled: true,
        requirePushedAuthorizationRequests: fapi2,
      },
      // Request objects (RFC 9101) for `pkjwt login --request-object`, by
      // value or inside a pushed request.
      requestObjects: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Requests without a resource parameter (e.g. scope=api:read) go to the API resource.
        async defaultResource(ctx, client, oneOf) {
          if (oneOf) return oneOf;
          return RESOURCE;
        },
        async useGrantedResource() {
          return true;
        },
        async getResourceServerInfo(ctx, resourceIndicator) {
          if (resourceIndicator === RESOURCE) {
            return {
              scope: RESOURCE_SCOPES,
              audience: RESOURCE,
              accessTokenFormat: 'opaque',
              accessTokenTTL: 600,
            };
          }
          throw new errors.InvalidTarget();
        },
      },
      deviceFlow: { enabled: true },
      ciba: {
        enabled: true,
        deliveryModes: ['poll'],
        async processLoginHint(ctx, loginHint) {
          return loginHint;
        },
        async processLoginHintToken() {
          throw new errors.InvalidRequest('login_hint_token is not supported by this test server');
        },
        async validateRequestContext() {},
        async verifyUserCode() {},
        async triggerAuthenticationDevice() {},
      },
    },
  };
}

// The JWT bearer grant (RFC 7523 section 2.1), which oidc-provider leaves to
// the deployment: the grant is verified against the authenticated client's
// registered keys (iss = client_id, aud = the issuer or the token endpoint,
// exp, a jti used once, a sub), and answered with a client_credentials-style
// access token. The subject is written to the event log.
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

async function jwtBearerGrant(ctx) {
  const { client, params, provider } = ctx.oidc;
  const fail = (description) => new errors.InvalidGrant(description);
  if (!params.assertion) throw new errors.InvalidRequest('missing required parameter assertion');
  await client.asymmetricKeyStore.refresh();
  const keys = [...client.asymmetricKeyStore].map((k) => {
    const { d, p, q, dp, dq, qi, ...pub } = k;
    return pub;
  });
  let payload;
  try {
    ({ payload } = await jose.jwtVerify(params.assertion, jose.createLocalJWKSet({ keys }), {
      issuer: client.clientId,
      audience: [provider.issuer, ctx.oidc.urlFor('token')],
      requiredClaims: ['exp', 'sub', 'jti'],
    }));
  } catch (err) {
    throw fail(`invalid assertion: ${err.message}`);
  }
  const unique = await provider.ReplayDetection.unique(payload.iss, `grant:${payload.jti}`, payload.exp);
  if (!unique) throw fail('assertion tokens must only be used once');
  if (jwtBearerSubjects && !jwtBearerSubjects.includes(payload.sub)) throw fail('User not found');
  writeEvent({ ts: new Date().toISOString(), event: 'jwt_bearer.grant', client_id: client.clientId, sub: payload.sub });
  ctx.body = await clientCredentialsToken(provider, client, params.scope ?? payload.scope);
}

// A client_credentials-style access token for `client` with the scopes of
// `requested` it registered; the token response.
async function clientCredentialsToken(provider, client, requested) {
  const scope = (requested ?? '')
    .split(' ')
    .filter((s) => s && client.scope?.split(' ').includes(s));
  const token = new provider.ClientCredentials({ client, scope: scope.join(' ') || undefined });
  token.resourceServer = {
    scope: RESOURCE_SCOPES, audience: RESOURCE, accessTokenFormat: 'opaque', accessTokenTTL: 600,
  };
  const value = await token.save();
  return {
    access_token: value,
    expires_in: token.expiration,
    token_type: token.tokenType,
    scope: token.scope || undefined,
  };
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: 'not_found', error_description: 'no such endpoint on this issuer' }));
}

const ASMD = '/.well-known/oauth-authorization-server';

let callback = null;
const handler = (req, res) => {
  // --no-date: no Date header on any answer, as Keycloak sends none.
  if (args['no-date']) res.sendDate = false;
  if (requestsFile) {
    // Synchronous, before the request is handled: on disk before any answer.
    const path = (req.url ?? '').split('?')[0];
    appendFileSync(requestsFile, `${JSON.stringify({ method: req.method, path, ts: Date.now() })}\n`);
  }
  if (!callback) {
    res.writeHead(503);
    res.end();
    return;
  }
  if (mtlsAliases && (req.url === MTLS_PREFIX || req.url.startsWith(`${MTLS_PREFIX}/`))) {
    // An RFC 8705 alias (--mtls-aliases): the same endpoint, reached under /mtls.
    req.url = req.url.slice(MTLS_PREFIX.length) || '/';
  }
  if (!issuerPath) {
    callback(req, res);
    return;
  }
  const original = req.url;
  const q = original.indexOf('?');
  const pathname = q === -1 ? original : original.slice(0, q);
  const search = q === -1 ? '' : original.slice(q);

  if (pathname === `${ASMD}${issuerPath}`) {
    // RFC 8414 section 3.1 path insertion: /.well-known/oauth-authorization-server/{issuer path}
    req.originalUrl = `${issuerPath}${ASMD}${search}`;
    req.url = `${ASMD}${search}`;
    callback(req, res);
    return;
  }
  if (pathname === issuerPath || pathname.startsWith(`${issuerPath}/`)) {
    const rest = pathname.slice(issuerPath.length) || '/';
    if (rest === ASMD) {
      // The path-appended form is not what RFC 8414 defines; refuse it so clients that
      // build it are caught. (OIDC's {issuer}/.well-known/openid-configuration is served.)
      notFound(res);
      return;
    }
    req.originalUrl = original;
    req.url = `${rest}${search}`;
    callback(req, res);
    return;
  }
  notFound(res);
};

// With --tls-cert: HTTPS that asks for (and does not require) a client
// certificate; oidc-provider's mTLS hooks read it from the socket. With
// --tls-ca, certificates that chain to that CA are "authorized"
// (tls_client_auth); self-signed ones are matched by their registered x5c.
const server = tls
  ? https.createServer({
    cert: readFileSync(args['tls-cert']),
    key: readFileSync(args['tls-key']),
    ...(args['tls-ca'] ? { ca: readFileSync(args['tls-ca']) } : {}),
    requestCert: true,
    rejectUnauthorized: false,
  }, handler)
  : http.createServer(handler);

server.on('error', (err) => {
  console.error(`server error: ${err.message}`);
  process.exit(1);
});

server.listen(port, '127.0.0.1', () => {
  const actualPort = server.address().port;
  const issuer = `${tls ? 'https' : 'http'}://127.0.0.1:${actualPort}${issuerPath}`;
  const provider = new Provider(issuer, buildConfiguration(issuer));
  provider.registerGrantType(JWT_BEARER, jwtBearerGrant, ['assertion', 'scope']);
  attachEventLog(provider);
  if (hole('jti-replay')) {
    // Replay detection that detects nothing: every jti is "new".
    provider.ReplayDetection.unique = async () => true;
  }
  if (holes.some((h) => HOLES_VERIFIED_HERE.includes(h))) {
    provider.use(auditHoles({
      provider, holes, rfc7523bis, bisAudience, clockTolerance, jose, writeEvent, issueToken: clientCredentialsToken,
    }));
  }
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.bare403) {
      ctx.status = 403;
      ctx.body = '';
      ctx.remove('Content-Type');
      ctx.remove('WWW-Authenticate');
    }
  });
  callback = provider.callback();
  process.stdout.write(`${JSON.stringify({ issuer, port: actualPort, profile })}\n`);
});

let stopping = false;
function shutdown(reason) {
  if (stopping) return;
  stopping = true;
  console.error(`stopping (${reason})`);
  server.close();
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 100);
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
if (!args['no-stdin-watch']) {
  process.stdin.on('end', () => shutdown('stdin closed'));
  process.stdin.on('error', () => shutdown('stdin error'));
  process.stdin.resume();
}
