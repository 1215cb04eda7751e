import { z } from 'zod';
import type { CommandContext } from '../../context.ts';

/** Entra ID names tenants and applications by GUID. */
export const Guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'not a GUID (e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47)')
  .transform((v) => v.toLowerCase());

/** An API base URL: https only (tokens and secrets cross it), no credentials, no query. */
export const HttpsUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      // reported below
    }
    const problem = !url
      ? `"${value}" is not a valid URL`
      : url.protocol !== 'https:'
        ? `"${value}" must start with https:// (the token and the directory's data cross it)`
        : url.username || url.password
          ? 'credentials do not belong in the URL'
          : url.search || url.hash
            ? `"${value}" carries a query or fragment: give scheme, host, port and path only`
            : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** Google's customer: `my_customer` (the admin's own) or the account's ID, e.g. C03az79cb. */
export const CustomerId = z.string().trim().regex(/^(?:my_customer|C[0-9a-z]{5,})$/, 'use my_customer or the customer ID from the Admin console (Account settings, e.g. C03az79cb)');

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_KEY = /-----BEGIN (?:RSA )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA )?PRIVATE KEY-----/;

/**
 * The Entra ID client certificate as one PEM file holding the certificate and its private key;
 * split here, checked as a pair. The key is sealed; the file is not kept.
 */
export const clientCertificate = (pki: CommandContext['pki']) =>
  z.string().transform((pem, ctx) => {
    const certPem = PEM_CERTIFICATE.exec(pem)?.[0];
    const keyPem = PEM_KEY.exec(pem)?.[0];
    if (!certPem || !keyPem) {
      ctx.addIssue({ code: 'custom', message: 'the file must hold the certificate and its unencrypted private key, both PEM (-----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY-----)' });
      return z.NEVER;
    }
    try {
      pki.checkKeyPair(certPem, keyPem);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
    return { certPem, keyPem };
  });

/** A service account's JSON key file as Google issues it; only these fields are used. */
export const serviceAccountKey = (pki: CommandContext['pki']) =>
  z.string().transform((text, ctx) => {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON: give the key file Google Cloud downloads for the service account (Keys → Add key → JSON)' });
      return z.NEVER;
    }
    const { type, client_email: clientEmail, private_key: privateKey, private_key_id: privateKeyId } = json;
    if (type !== 'service_account' || typeof clientEmail !== 'string' || typeof privateKey !== 'string' || typeof privateKeyId !== 'string') {
      ctx.addIssue({ code: 'custom', message: 'not a service-account key: the JSON needs "type": "service_account", client_email, private_key and private_key_id' });
      return z.NEVER;
    }
    try {
      pki.checkPrivateKey(privateKey);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `private_key: ${(e as Error).message}` });
      return z.NEVER;
    }
    return { clientEmail, privateKey, privateKeyId };
  });

/** The API kinds' settings, as add and update take them (all optional here; add.ts says which it needs). */
export const apiSettingsInput = (ports: Pick<CommandContext, 'pki'>) => ({
  tenantId: Guid.optional(),
  clientId: Guid.optional(),
  clientSecret: z.string().min(1, 'the client secret is empty').optional(),
  clientCertificate: clientCertificate(ports.pki).optional(),
  graphUrl: HttpsUrl.optional(),
  loginUrl: HttpsUrl.optional(),
  customerId: CustomerId.optional(),
  adminEmail: z.email('not an email address: give the administrator the service account acts for').optional(),
  serviceAccount: serviceAccountKey(ports.pki).optional(),
  googleApiUrl: HttpsUrl.optional(),
  googleTokenUrl: HttpsUrl.optional(),
});
