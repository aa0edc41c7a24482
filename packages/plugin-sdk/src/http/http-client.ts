// The HTTP client's interface is part of the plugin API (a plugin gets its client from the host);
// createHttpClient (create-http-client.ts) is the host's implementation of it.
export type {
  HttpMethod,
  HttpRequest,
  HttpResponse,
  ResponseClassifier,
  HttpClientDefaults,
  RequestSigner,
  HttpClientStats,
  HttpClient,
} from '@stock-sync/plugin-api';
