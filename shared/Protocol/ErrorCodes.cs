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
    /// <summary>SSH bootstrap: the host's SSH key is not known (known_hosts, --host-key); shown, refused unless --accept-new.</summary>
    public const string HostKeyUnknown = "host_key_unknown";
    /// <summary>SSH bootstrap: the host's SSH key differs from the one known for it; always refused.</summary>
    public const string HostKeyChanged = "host_key_changed";
    /// <summary>SSH bootstrap: the SSH server refused the key(s) offered.</summary>
    public const string SshAuthFailed = "ssh_auth_failed";
    /// <summary>SSH bootstrap: the host cannot run the agent as asked (no passwordless sudo, no space, port in use, wrong architecture).</summary>
    public const string HostNotReady = "host_not_ready";
}
