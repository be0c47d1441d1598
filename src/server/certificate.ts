/**
 * Certificates for the HTTPS server and for tests: a self-signed leaf, or a CA that issues leaves.
 * Keys come from Node's crypto (fast, native); node-forge builds and signs the X.509 structures.
 */
import { generateKeyPairSync, X509Certificate, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface CertificateBundle { certPem: string; keyPem: string }

function keyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    keyPem,
  };
}

function baseCertificate(publicKey: forge.pki.rsa.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // positive serial: a leading 0x00..0x7f byte
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
  return cert;
}

function altNames(hosts: string[]): { type: number; value?: string; ip?: string }[] {
  return hosts.map((h) => (/^[\d.]+$/.test(h) || h.includes(':') ? { type: 7, ip: h } : { type: 2, value: h }));
}

/** A leaf for `hosts` (DNS names or IPs) signed by `issuer`, or self-signed when no issuer is given. */
export function issueCertificate(hosts: string[], issuer?: CertificateBundle, days = 30): CertificateBundle {
  const keys = keyPair();
  const cert = baseCertificate(keys.publicKey, days);
  const subject = [{ name: 'commonName', value: hosts[0] ?? 'localhost' }, { name: 'organizationName', value: 'SPL Workbench test server' }];
  cert.setSubject(subject);
  let signingKey = keys.privateKey;
  if (issuer) {
    const caCert = forge.pki.certificateFromPem(issuer.certPem);
    cert.setIssuer(caCert.subject.attributes);
    signingKey = forge.pki.privateKeyFromPem(issuer.keyPem) as forge.pki.rsa.PrivateKey;
  } else {
    cert.setIssuer(subject);
  }
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: altNames(hosts) },
  ]);
  cert.sign(signingKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}

/** A certificate authority able to sign leaves with `issueCertificate`. */
export function createCertificateAuthority(commonName = 'SPL Workbench Test CA', days = 30): CertificateBundle {
  const keys = keyPair();
  const cert = baseCertificate(keys.publicKey, days);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}

/** `AA:BB:...` SHA-256 of the certificate's DER, the form Node's `fingerprint256` uses. */
export function fingerprint256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
