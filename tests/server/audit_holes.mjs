// Holes for `pkjwt audit`'s tests (server.mjs --accept): a middleware in
// front of oidc-provider that verifies, its own weakened way, only the client
// assertions that use one of the holes asked for (alg none, HS256 keyed with
// the registered public key as PEM, a key in a jwk header, sub != iss).
// Everything else it checks as strictly as oidc-provider does (signature by a
// registered key or the hole, iss = client_id, aud, exp, nbf, a jti used
// once, the client_id parameter); an assertion that fails goes on to
// oidc-provider, which refuses it its own way. Without --accept this file
// is not used, and the server is oidc-provider's own.

import { createHmac, createPublicKey, timingSafeEqual } from 'node:crypto';

const LIMIT = 56 * 1024;

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > LIMIT) throw new Error('request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function b64(s) {
  return Buffer.from(s, 'base64url');
}

export function auditHoles({
  provider, holes, rfc7523bis, bisAudience, clockTolerance, jose, writeEvent, issueToken,
}) {
  const hole = (h) => holes.includes(h);

  // Whether the assertion uses a hole that is open.
  function usesHole(header, payload) {
    return (hole('alg-none') && header.alg === 'none')
      || (hole('hs256-public-key-pem') && header.alg === 'HS256')
      || (hole('jwk-header-injection') && header.jwk !== undefined)
      || (hole('iss-sub-differ') && typeof payload.sub === 'string' && payload.sub !== payload.iss);
  }

  async function signatureOk(jwt, header, client) {
    const [h, p, sig] = jwt.split('.');
    const input = `${h}.${p}`;
    if (header.alg === 'none') return hole('alg-none') && sig === '';
    await client.asymmetricKeyStore.refresh();
    const keys = [...client.asymmetricKeyStore].map((k) => {
      const { d, p: _p, q, dp, dq, qi, ...pub } = k;
      return pub;
    });
    if (header.alg === 'HS256') {
      if (!hole('hs256-public-key-pem')) return false;
      // The key confusion: the registered public key, as PEM, is the HMAC key.
      return keys.some((jwk) => {
        if (header.kid !== undefined && jwk.kid !== header.kid) return false;
        const pem = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        const mac = createHmac('sha256', pem).update(input).digest();
        const got = b64(sig);
        return got.length === mac.length && timingSafeEqual(got, mac);
      });
    }
    try {
      if (header.jwk !== undefined) {
        if (!hole('jwk-header-injection')) return false;
        await jose.compactVerify(jwt, await jose.importJWK(header.jwk, header.alg));
      } else {
        await jose.compactVerify(jwt, jose.createLocalJWKSet({ keys }));
      }
      return true;
    } catch {
      return false;
    }
  }

  function claimsOk(payload, params, issuer) {
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.iss !== 'string') return false;
    const subOk = payload.sub === payload.iss
      || (hole('iss-sub-differ') && typeof payload.sub === 'string');
    if (!subOk) return false;
    const clientId = params.get('client_id');
    if (clientId !== null && clientId !== payload.iss) return false;
    // The audiences oidc-provider takes (or --rfc7523bis's).
    const accepted = [issuer, `${issuer}/token`];
    const audOk = rfc7523bis
      ? bisAudience(payload.aud, issuer)
      : (Array.isArray(payload.aud)
        ? payload.aud.some((a) => accepted.includes(a))
        : accepted.includes(payload.aud));
    if (!audOk) return false;
    if (typeof payload.exp !== 'number' || now - clockTolerance >= payload.exp) return false;
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > now + clockTolerance)) return false;
    return typeof payload.jti === 'string' && payload.jti !== '';
  }

  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== '/token' || !ctx.is('application/x-www-form-urlencoded')) {
      return next();
    }
    // Read the body here; oidc-provider parses it from ctx.req.body then.
    const raw = await readBody(ctx.req);
    ctx.req.body = raw;
    const params = new URLSearchParams(raw);
    const jwt = params.get('client_assertion');
    if (!jwt || params.get('grant_type') !== 'client_credentials') return next();
    let header;
    let payload;
    try {
      header = jose.decodeProtectedHeader(jwt);
      payload = jose.decodeJwt(jwt);
    } catch {
      return next();
    }
    if (!usesHole(header, payload)) return next();
    const client = await provider.Client.find(String(payload.iss));
    if (!client) return next();
    if (!claimsOk(payload, params, provider.issuer)) return next();
    if (!(await signatureOk(jwt, header, client))) return next();
    const unique = await provider.ReplayDetection.unique(payload.iss, payload.jti, payload.exp + clockTolerance);
    if (!unique) return next();
    writeEvent({
      ts: new Date().toISOString(), event: 'audit_hole.accepted', client_id: client.clientId, alg: header.alg,
    });
    ctx.status = 200;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await issueToken(provider, client, params.get('scope'));
    return undefined;
  };
}
