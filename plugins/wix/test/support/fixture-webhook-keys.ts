/**
 * The PUBLIC half of a fixture key pair (test values, generated once for these fixtures, never a real Wix key):
 * the evidence deliveries test/evidence/notice-*.json are JWTs signed RS256 with its private half (not kept), as
 * Wix signs with its key for an app; this plays the public key of the app dashboard.
 */
export const FIXTURE_PUBLIC_KEY =
  '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA9qzWKk68tKW6ph//fzDN\nTWDDKMgzNBnOmidC1d/8Mgl0cFgAjl2g4+OWqGDW+VeNzW+yAJyYMxxZgT5i3YIr\n6a/t3s9IqKteVX/xKSOvlygNOjtw0PAQ+XQ6tcUxZZH6oS620qbuu9suwEnHSpEB\nz5hqEWQnaF0P6r49GVxXcUtX++lxnRAnxdfTIqNaYmW/x77DGC5ou9olwcRtf0GK\nc9Egj86MNgHYJOZNZEN1So2lRY1qVqaite5bYcwhHtI3kJcFqHASjY0CNCDI9Efz\nuYSHikDiJ6mO4wS50hlVKzZQUAT4o/CuP4gjJWk8vAuLhWMiRPngr/RdFQm8vxTB\ngwIDAQAB\n-----END PUBLIC KEY-----\n';
