using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;
using Monitor.Shared.Security;

namespace Monitor.Control.Fleet;

/// <summary>TLS trust of agents, like SSH host keys: `server add` shows and pins the agent's certificate fingerprint
/// (trust on first use, or the one given with --fingerprint), the agent clients refuse any other certificate, and
/// `server trust` accepts a new one after the operator checked it. Every pin is a recorded action.</summary>
public sealed class ServerTrustService(ServerDirectory directory, IServerService servers, ActionRecorder recorder)
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public static bool IsPlain(string url) => url.StartsWith("ws://", StringComparison.OrdinalIgnoreCase);

    public const string PlainWarning = "plain ws://: frames are not encrypted and the agent is not authenticated; serve wss:// (tls = true, the agent's default)";

    public async Task<PinnedAdd> AddAsync(string name, string url, string? description, string? fingerprint, CancellationToken ct)
    {
        ServerService.ValidateName(name);
        ServerService.ValidateUrl(url);
        string? given = null;
        if (fingerprint is not null && !CertificateFingerprint.TryNormalize(fingerprint, out given))
            throw new OperationFailedException($"'{fingerprint}' is not a certificate fingerprint: expected SHA256:BASE64 (what `monitor-agent --fingerprint` prints) or 64 hex digits", ErrorCodes.InvalidArgument);
        if (IsPlain(url))
        {
            if (given is not null)
                throw new OperationFailedException($"--fingerprint needs a wss:// URL; {url} is plain ws:// and has no certificate", ErrorCodes.InvalidArgument);
            var plain = await servers.AddAsync(name, url, description, ct).ConfigureAwait(false);
            return new PinnedAdd(plain, $"warning: {name}: {PlainWarning}");
        }

        string? seen = null;
        string? unreachable = null;
        try { seen = await TlsProbe.FingerprintAsync(new Uri(url), ProbeTimeout, ct).ConfigureAwait(false); }
        catch (OperationFailedException e) when (e.Code == ErrorCodes.Unreachable) { unreachable = e.Message; }
        if (given is not null && seen is not null && given != seen)
            throw new OperationFailedException(
                $"the agent at {url} presented certificate {seen}, not the {given} you gave; nothing was added. " +
                "Check `monitor-agent --fingerprint` on the server: someone may be intercepting the connection", ErrorCodes.TlsMismatch);

        var added = await servers.AddAsync(name, url, description, ct).ConfigureAwait(false);
        var pin = given ?? seen;
        if (pin is null)
            return new PinnedAdd(added, $"{name}: {unreachable} The certificate will be pinned at the first connection (trust on first use); " +
                "pass --fingerprint to pin it now");
        var pinned = await PinAsync(added, pin, given is not null ? "given" : "first-use", ct).ConfigureAwait(false);
        var how = given is not null
            ? seen is not null ? "matches the agent" : "given; the agent did not answer now, it is checked at the first connection"
            : "trust on first use: compare it with `monitor-agent --fingerprint` on the server";
        return new PinnedAdd(pinned, $"{name}: pinned TLS certificate {pin} ({how})");
    }

    /// <summary>Accepts the certificate the agent presents now (or checks it equals <paramref name="fingerprint"/>).</summary>
    public async Task<TrustChange> TrustAsync(string name, string? fingerprint, CancellationToken ct)
    {
        var server = await directory.GetAsync(name, ct).ConfigureAwait(false);
        if (IsPlain(server.Url))
            throw new OperationFailedException($"{name} is plain ws:// ({server.Url}); there is no certificate to trust. Serve wss:// and `monitor server add {name} --url wss://...`", ErrorCodes.InvalidArgument);
        string? given = null;
        if (fingerprint is not null && !CertificateFingerprint.TryNormalize(fingerprint, out given))
            throw new OperationFailedException($"'{fingerprint}' is not a certificate fingerprint: expected SHA256:BASE64 or 64 hex digits", ErrorCodes.InvalidArgument);
        var seen = await TlsProbe.FingerprintAsync(new Uri(server.Url), ProbeTimeout, ct).ConfigureAwait(false);
        if (given is not null && given != seen)
            throw new OperationFailedException($"the agent at {server.Url} presents {seen}, not {given}; nothing was trusted", ErrorCodes.TlsMismatch);
        var parameters = new Dictionary<string, string> { ["fingerprint"] = seen, ["previous"] = server.TlsFingerprint ?? "(none)" };
        await recorder.RecordAsync(FleetActionTypes.ServerTrust, name, null, name, parameters, async _ =>
        {
            await directory.PinTlsAsync(server, seen, ct).ConfigureAwait(false);
            return 0;
        }, ct).ConfigureAwait(false);
        return new TrustChange(name, server.TlsFingerprint, seen);
    }

    /// <summary>A client pinned a certificate on first use: store it unless the server changed meanwhile.</summary>
    public async Task RememberFirstUseAsync(ServerInfo server, string fingerprint, CancellationToken ct)
    {
        var current = await directory.FindAsync(server.Name, ct).ConfigureAwait(false);
        if (current is null || current.Url != server.Url || current.TlsFingerprint is not null) return;
        await PinAsync(current, fingerprint, "first-connection", ct).ConfigureAwait(false);
    }

    private async Task<ServerInfo> PinAsync(ServerInfo server, string fingerprint, string how, CancellationToken ct)
    {
        var parameters = new Dictionary<string, string> { ["fingerprint"] = fingerprint, ["how"] = how };
        return await recorder.RecordAsync(FleetActionTypes.ServerPin, server.Name, null, server.Name, parameters, _ =>
            directory.PinTlsAsync(server, fingerprint, ct), ct).ConfigureAwait(false);
    }
}
