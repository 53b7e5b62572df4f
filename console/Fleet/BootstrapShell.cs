using System.Net.Sockets;
using System.Text;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Monitor.Control.Fleet;

/// <summary>The SSH session of a bootstrap (SSH.NET): connects only to a host whose key is known (known_hosts or
/// the --host-key given) or accepted with --accept-new, runs shell commands (with `sudo -n` where asked) and
/// uploads files over SFTP on a second connection that must present the same host key.</summary>
public sealed class BootstrapShell : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private readonly ConnectionInfo _info;
    private readonly SshClient _ssh;
    private readonly byte[] _hostKey;
    private SftpClient? _sftp;

    private BootstrapShell(ConnectionInfo info, SshClient ssh, byte[] hostKey, string hostKeyNote)
    {
        _info = info; _ssh = ssh; _hostKey = hostKey; HostKeyNote = hostKeyNote;
    }

    /// <summary>How the host key was trusted, for the progress line.</summary>
    public string HostKeyNote { get; }

    public bool Sudo { get; set; }

    public static async Task<BootstrapShell> ConnectAsync(BootstrapRequest request, BootstrapKnownHosts knownHosts, string recordTo, CancellationToken ct)
    {
        var target = request.Target;
        var keys = LoadKeys(request.KeyFiles, target);
        var info = new ConnectionInfo(target.Host, target.Port, target.User, new PrivateKeyAuthenticationMethod(target.User, keys.Select(k => k.Key).ToArray())) { Timeout = ConnectTimeout };
        var ssh = new SshClient(info);
        OperationFailedException? refused = null;
        byte[]? accepted = null;
        var note = "";
        ssh.HostKeyReceived += (_, e) =>
        {
            var blob = e.HostKey;
            var seen = BootstrapKnownHosts.Fingerprint(blob);
            var verdict = knownHosts.Check(target.HostForUrl.Trim('[', ']'), target.Port, blob);
            var given = request.HostKey is null ? null : NormalizeFingerprint(request.HostKey);
            switch (verdict.State)
            {
                case HostKeyState.Known when given is null || given == seen:
                    note = $"host key {seen} known ({verdict.Where})";
                    break;
                case HostKeyState.Changed:
                    refused = new OperationFailedException(
                        $"the SSH host key of {target} CHANGED: it presents {seen}, but {verdict.KnownFingerprint} is known for it ({verdict.Where}). " +
                        "Someone may be intercepting the connection, or the host was reinstalled; nothing was done. If the change is expected, " +
                        $"remove the old line (ssh-keygen -R '{KnownHostsName(target)}' -f FILE) and run again", ErrorCodes.HostKeyChanged);
                    break;
                case HostKeyState.Revoked:
                    refused = new OperationFailedException($"the SSH host key {seen} of {target} is marked @revoked in {verdict.Where}; nothing was done", ErrorCodes.HostKeyChanged);
                    break;
                default:
                    if (given is not null && given != seen)
                        refused = new OperationFailedException(
                            $"the SSH host key of {target} is {seen}, not the {given} given with --host-key; nothing was done", ErrorCodes.HostKeyChanged);
                    else if (given is not null) note = $"host key {seen} matches --host-key (recorded in {recordTo})";
                    else if (request.AcceptNew) note = $"host key {seen} was unknown: accepted (--accept-new) and recorded in {recordTo}";
                    else
                        refused = new OperationFailedException(
                            $"the SSH host key of {target} is not known: {e.HostKeyName} {seen}. Check it on the host (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), " +
                            $"then run again with --host-key {seen} or --accept-new", ErrorCodes.HostKeyUnknown);
                    if (refused is null) BootstrapKnownHosts.Append(recordTo, target.HostForUrl.Trim('[', ']'), target.Port, blob);
                    break;
            }
            if (refused is null) accepted = blob;
            e.CanTrust = refused is null;
        };
        try
        {
            await ssh.ConnectAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            ssh.Dispose();
            if (refused is not null) throw refused;
            throw e switch
            {
                SshAuthenticationException => new OperationFailedException(
                    $"Permission denied (publickey) for {target.User}@{target.HostForUrl}: add the console's SSH key to ~/.ssh/authorized_keys of {target.User} there or pass --key PATH " +
                    $"(offered: {string.Join(", ", keys.Select(k => k.Path))})", ErrorCodes.SshAuthFailed, e),
                SocketException s => new OperationFailedException($"cannot reach {target.HostForUrl}:{target.Port} over SSH: {s.Message}", ErrorCodes.Unreachable, e),
                SshOperationTimeoutException or OperationCanceledException => new OperationFailedException(
                    $"no SSH answer from {target.HostForUrl}:{target.Port} within {ConnectTimeout.TotalSeconds:0} s", ErrorCodes.Unreachable, e),
                _ => new OperationFailedException($"SSH to {target} failed: {e.Message}", ErrorCodes.Unreachable, e),
            };
        }
        return new BootstrapShell(info, ssh, accepted!, note);
    }

    /// <summary>Runs <paramref name="command"/> with sh; with <paramref name="privileged"/> and --sudo, as root through `sudo -n`.</summary>
    public async Task<ShellResult> RunAsync(string command, bool privileged, CancellationToken ct, TimeSpan? timeout = null)
    {
        var text = privileged && Sudo ? $"sudo -n sh -c {Quote(command)}" : command;
        using var run = _ssh.CreateCommand(text);
        run.CommandTimeout = timeout ?? TimeSpan.FromMinutes(2);
        try { await run.ExecuteAsync(ct).ConfigureAwait(false); }
        catch (SshOperationTimeoutException e) { throw new OperationFailedException($"`{command}` did not finish within {run.CommandTimeout.TotalSeconds:0} s on the host", ErrorCodes.Timeout, e); }
        catch (SshConnectionException e) { throw new OperationFailedException($"the SSH connection dropped while running `{command}`: {e.Message}", ErrorCodes.Unreachable, e); }
        return new ShellResult(run.ExitStatus ?? -1, run.Result, run.Error);
    }

    /// <summary><see cref="RunAsync"/> that fails with <paramref name="what"/> and the command's stderr on a non-zero exit.</summary>
    public async Task<string> RunCheckedAsync(string command, bool privileged, string what, CancellationToken ct, TimeSpan? timeout = null)
    {
        var result = await RunAsync(command, privileged, ct, timeout).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new OperationFailedException($"{what} failed on the host (exit {result.ExitCode}): {FirstLines(result.Error.Length > 0 ? result.Error : result.Output)}", ErrorCodes.HostNotReady);
        return result.Output;
    }

    /// <summary>Uploads <paramref name="local"/> to <paramref name="remote"/> over SFTP (as the login user).</summary>
    public async Task UploadAsync(string local, string remote, CancellationToken ct)
    {
        if (_sftp is null)
        {
            var sftp = new SftpClient(_info);
            sftp.HostKeyReceived += (_, e) => e.CanTrust = e.HostKey.AsSpan().SequenceEqual(_hostKey);
            try { await sftp.ConnectAsync(ct).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                sftp.Dispose();
                throw new OperationFailedException($"SFTP to the host failed (is the sftp subsystem enabled in its sshd_config?): {e.Message}", ErrorCodes.HostNotReady, e);
            }
            _sftp = sftp;
        }
        await using var stream = File.OpenRead(local);
        await _sftp.UploadFileAsync(stream, remote, ct).ConfigureAwait(false);
    }

    /// <summary>Writes small text to <paramref name="remote"/> atomically (temp file, mode, rename).</summary>
    public Task WriteFileAsync(string remote, string content, string mode, string? owner, CancellationToken ct)
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(content));
        var chown = owner is null ? "" : $" && chown {Quote(owner)} {Quote(remote + ".new")}";
        return RunCheckedAsync($"printf %s {base64} | base64 -d > {Quote(remote + ".new")} && chmod {mode} {Quote(remote + ".new")}{chown} && mv -f {Quote(remote + ".new")} {Quote(remote)}",
            true, $"writing {remote}", ct);
    }

    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string FirstLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no output)" : string.Join(" / ", lines.Take(3));
    }

    public void Dispose()
    {
        _sftp?.Dispose();
        _ssh.Dispose();
    }

    private static string NormalizeFingerprint(string text)
    {
        var body = text.Trim();
        if (body.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase)) body = body[7..];
        return "SHA256:" + body.TrimEnd('=');
    }

    private static string KnownHostsName(BootstrapTarget target) => target.Port == 22 ? target.Host : $"[{target.Host}]:{target.Port}";

    private static List<(string Path, PrivateKeyFile Key)> LoadKeys(IReadOnlyList<string> given, BootstrapTarget target)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var files = given.Count > 0 ? given : new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(n => Path.Combine(home, ".ssh", n)).Where(File.Exists).ToList();
        if (files.Count == 0)
            throw new OperationFailedException($"no SSH key to log in to {target} with: none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists; pass --key PATH", ErrorCodes.InvalidArgument);
        var keys = new List<(string Path, PrivateKeyFile Key)>();
        foreach (var file in files)
        {
            if (!File.Exists(file)) throw new OperationFailedException($"SSH key {file} does not exist; pass --key PATH to a private key", ErrorCodes.InvalidArgument);
            try { keys.Add((file, new PrivateKeyFile(file))); }
            catch (SshPassPhraseNullOrEmptyException) { throw new OperationFailedException($"SSH key {file} is protected by a passphrase; use a key without one (or one loaded for this purpose)", ErrorCodes.InvalidArgument); }
            catch (Exception e) when (e is SshException or InvalidOperationException or NotSupportedException or ArgumentException or FormatException)
            { throw new OperationFailedException($"SSH key {file} cannot be read: {e.Message}; pass --key PATH to an OpenSSH private key", ErrorCodes.InvalidArgument, e); }
        }
        return keys;
    }
}
