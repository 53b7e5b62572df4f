namespace Monitor.Shared.Protocol;

/// <summary>host.shell: an interactive login shell on the agent's host, in a pseudo-terminal of
/// <paramref name="Columns"/> x <paramref name="Rows"/>. <paramref name="Shell"/> is an absolute path (default: bash,
/// else sh). The stream carries <see cref="ExecOutput"/>, takes <see cref="ExecInput"/> (keys, resize, end of input)
/// and ends with <see cref="ExecResult"/>, as container.exec does.</summary>
public sealed record HostShellRequest(string? Shell = null, int? Columns = null, int? Rows = null);
