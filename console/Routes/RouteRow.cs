namespace Monitor.Control.Routes;

/// <summary>One route as `monitor route list` and the TUI show it: where it is served, what it reaches and the
/// certificate the proxy presents. <see cref="Error"/> is set when the server's agent or proxy did not answer.</summary>
public sealed record RouteRow(
    string Server,
    string Stack,
    IReadOnlyList<string> Urls,
    string Tls,
    string Container,
    string? Upstream,
    string Certificate,
    DateTimeOffset? CertificateExpires,
    string? Error);
