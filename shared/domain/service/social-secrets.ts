/** The social platform app's secrets: the app secret signs every webhook, the verify token answers its handshake. */
export interface SocialSecrets {
  appSecret(): Promise<string>;
  verifyToken(): Promise<string>;
}
