namespace Monitor.Shared.Protocol;

public static class ErrorCodes
{
    public const string AuthFailed = "auth_failed";
    public const string AuthRequired = "auth_required";
    public const string Forbidden = "forbidden";
    public const string MalformedFrame = "malformed_frame";
    public const string FrameTooLarge = "frame_too_large";
    public const string UnknownMethod = "unknown_method";
    public const string InvalidArgument = "invalid_argument";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Timeout = "timeout";
    public const string Cancelled = "cancelled";
    public const string RateLimited = "rate_limited";
    public const string TooManyStreams = "too_many_streams";
    public const string VersionMismatch = "version_mismatch";
    public const string DockerError = "docker_error";
    public const string Internal = "internal";
    public const string Unreachable = "unreachable";
    /// <summary>The server's reverse proxy (Caddy admin API) refused or could not be reached.</summary>
    public const string ProxyUnavailable = "proxy_unavailable";
    /// <summary>The agent's TLS certificate is not the one pinned for the server (console side, before any frame).</summary>
    public const string TlsMismatch = "tls_mismatch";
}
