// The net/http calls that hand the caller a response, shared by the response rules.

const HEAD_REQUESTS = ["net/http.Head", "(*net/http.Client).Head"];

/** Calls that return (*http.Response, error): the caller owns the body of a non-nil response. */
export const RESPONSE_MAKERS: ReadonlySet<string> = new Set([
  "net/http.Get",
  "net/http.Post",
  "net/http.PostForm",
  "(*net/http.Client).Do",
  "(*net/http.Client).Get",
  "(*net/http.Client).Post",
  "(*net/http.Client).PostForm",
  "(*net/http.Transport).RoundTrip",
  "(net/http.RoundTripper).RoundTrip",
  ...HEAD_REQUESTS,
]);

/** The response makers whose response has a body to read (HEAD requests have none). */
export const BODY_RESPONSE_MAKERS: ReadonlySet<string> = new Set(
  [...RESPONSE_MAKERS].filter((name) => !HEAD_REQUESTS.includes(name)),
);
