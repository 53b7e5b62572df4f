using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Monitor.Control.Services;
using Monitor.Shared.Models;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Fleet;

/// <summary>`monitor server bootstrap` (and the TUI's Servers → add → over SSH): installs monitor-agent on a host
/// over SSH and brings it online in seven reported steps — connect (host key checked), check (architecture, build,
/// space, rights), host (sudo, agent port), upload (skipped when the same SHA-256 is installed), config (agent.toml
/// and this console's key in authorized_keys, other keys kept), start (systemd unit, else a supervised background
/// start), online (handshake over wss, TLS fingerprint read over SSH and pinned, server registered). Re-running
/// skips what is already right. The whole bootstrap is one recorded action whose output is the steps.</summary>
public sealed partial class BootstrapService(ServerDirectory directory, ServerTrustService trust, IServerService servers, ActionRecorder recorder)
{
    public static readonly TimeSpan OnlineTimeout = TimeSpan.FromSeconds(45);
    private const long SpareBytes = 32L << 20;

    public async Task<BootstrapResult> BootstrapAsync(BootstrapRequest request, BootstrapConsole console, IProgress<BootstrapStep> progress, CancellationToken ct)
    {
        ServerService.ValidateName(request.Name);
        var layout = BootstrapLayout.For(request.Prefix);
        var (listenHost, port) = ParseListen(request.Listen);
        if (IsLoopback(listenHost) && !IsLoopback(request.Target.Host))
            throw new OperationFailedException(
                $"--listen {request.Listen} is reachable only on {request.Target.Host} itself, but this console connects to wss://{request.Target.HostForUrl}:{port}; " +
                $"listen on 0.0.0.0:{port} or on the address the console reaches", ErrorCodes.InvalidArgument);
        var parameters = new Dictionary<string, string>
        {
            ["target"] = request.Target.ToString(), ["listen"] = request.Listen, ["prefix"] = layout.Prefix.Length == 0 ? "/" : layout.Prefix,
            ["sudo"] = request.Sudo ? "yes" : "no",
        };
        return await recorder.RecordAsync(FleetActionTypes.ServerBootstrap, request.Name, null, request.Target.ToString(), parameters, async action =>
        {
            var steps = new List<BootstrapStep>();
            var run = new Run(request, console, layout, listenHost, port, step =>
            {
                steps.Add(step);
                action.AppendOutput(step.Line + "\n");
                progress.Report(step);
            });
            try
            {
                var result = await run.ExecuteAsync(this, ct).ConfigureAwait(false);
                action.SetResult("fingerprint", result.TlsFingerprint);
                action.SetResult("mode", result.Mode);
                return result with { Steps = steps };
            }
            finally { run.Dispose(); }
        }, ct).ConfigureAwait(false);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    private static (string Host, int Port) ParseListen(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
            || listen.Any(c => char.IsWhiteSpace(c) || c is '"' or '\''))
            throw new OperationFailedException($"--listen {listen} is not ADDR:PORT (e.g. 0.0.0.0:8120)", ErrorCodes.InvalidArgument);
        return (listen[..colon], port);
    }

    /// <summary>One bootstrap's state across its steps.</summary>
    private sealed class Run(BootstrapRequest request, BootstrapConsole console, BootstrapLayout layout, string listenHost, int port, Action<BootstrapStep> report) : IDisposable
    {
        private readonly BootstrapTarget _target = request.Target;
        private BootstrapShell _shell = null!;
        private BootstrapAgentBuild _build = null!;
        private string _executable = "";
        private string _user = "";
        private bool _root;
        private bool _systemd;
        private bool _changed;
        private int _number;
        private Stopwatch _clock = new();

        private bool Privileged => _root || request.Sudo;
        /// <summary>The agent runs as monitor-agent under systemd (as the package does), else as the login user.</summary>
        private string AgentUser => _systemd ? "monitor-agent" : _user;
        private string? Owner => Privileged && AgentUser != "root" ? $"{AgentUser}:" : null;

        public async Task<BootstrapResult> ExecuteAsync(BootstrapService service, CancellationToken ct)
        {
            Begin();
            _shell = await BootstrapShell.ConnectAsync(request, new BootstrapKnownHosts(console.KnownHostsFiles), console.RecordKnownHostsTo, ct).ConfigureAwait(false);
            End("connect", "ok", $"{_target}: {_shell.HostKeyNote}");

            Begin();
            End("check", "ok", await CheckAsync(ct).ConfigureAwait(false));

            Begin();
            End("host", "ok", await CheckHostAsync(ct).ConfigureAwait(false));

            Begin();
            var (uploaded, uploadNote) = await UploadAsync(ct).ConfigureAwait(false);
            End("upload", uploaded ? "done" : "skipped", uploadNote);

            Begin();
            var (configured, configNote) = await ConfigureAsync(ct).ConfigureAwait(false);
            End("config", configured ? "done" : "skipped", configNote);

            Begin();
            var fingerprint = await FingerprintAsync(ct).ConfigureAwait(false);
            var (started, startNote) = _systemd ? await StartSystemdAsync(ct).ConfigureAwait(false) : await StartBackgroundAsync(ct).ConfigureAwait(false);
            End("start", started ? "done" : "skipped", startNote);

            Begin();
            var (server, registered, onlineNote) = await OnlineAsync(service, fingerprint, ct).ConfigureAwait(false);
            End("online", registered ? "ok" : "done", onlineNote);
            return new BootstrapResult(server, fingerprint, _systemd ? "systemd" : "background", []);
        }

        public void Dispose() => _shell?.Dispose();

        private void Begin() => _clock = Stopwatch.StartNew();

        private void End(string step, string status, string detail) =>
            report(new BootstrapStep(++_number, step, status, detail, Math.Round(_clock.Elapsed.TotalSeconds, 3)));

        private async Task<string> CheckAsync(CancellationToken ct)
        {
            var facts = (await _shell.RunCheckedAsync("uname -m; id -un; id -u; if [ -d /run/systemd/system ]; then echo systemd; else echo none; fi", false, "uname/id", ct).ConfigureAwait(false))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (facts.Length < 4) throw new OperationFailedException($"unexpected answer from {_target.Host} to uname/id: {string.Join(" / ", facts)}", ErrorCodes.HostNotReady);
            var rid = BootstrapAgentBuild.RidForMachine(facts[0]) ?? throw new OperationFailedException(
                $"{_target.Host} is {facts[0]} (uname -m); monitor-agent is built for x86_64 (linux-x64) and aarch64 (linux-arm64) only", ErrorCodes.HostNotReady);
            _user = facts[1];
            _root = facts[2] == "0";
            _shell.Sudo = request.Sudo && !_root;
            _systemd = facts[3] == "systemd" && Privileged;
            _build = BootstrapAgentBuild.Locate(request.AgentBuild, rid);
            _executable = layout.ExecutableFor(_build);

            var dirs = new[] { Path.GetDirectoryName(_executable)!, layout.Etc, layout.State };
            var probe = string.Join("; ", dirs.Select(d =>
                $"p={BootstrapShell.Quote(d)}; while [ ! -e \"$p\" ]; do p=$(dirname \"$p\"); done; echo \"$(df -Pk \"$p\" | awk 'NR==2{{print $4}}') $([ -w \"$p\" ] && echo w || echo r) $p\""));
            var lines = (await _shell.RunCheckedAsync(probe, false, "df", ct).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < dirs.Length && i < lines.Length; i++)
            {
                var parts = lines[i].Trim().Split(' ', 3);
                var free = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : long.MaxValue;
                var need = (i == 0 ? _build.Bytes * 2 : 0) + SpareBytes;
                if (free < need)
                    throw new OperationFailedException(
                        $"not enough space on {_target.Host}: {parts[^1]} (for {dirs[i]}) has {free >> 20} MB free, the agent needs {need >> 20} MB; free some space or install elsewhere with --prefix DIR",
                        ErrorCodes.HostNotReady);
                if (!Privileged && parts.Length > 1 && parts[1] != "w")
                    throw new OperationFailedException(
                        $"{_user} cannot write {parts[^1]} on {_target.Host} (for {dirs[i]}): log in as root, pass --sudo (passwordless sudo) or install under a writable --prefix DIR",
                        ErrorCodes.HostNotReady);
            }
            return $"{facts[0]} → {rid}, build {_build.Path} ({_build.Bytes >> 20} MB{(_build.IsDirectory ? ", directory" : "")}), space ok, " +
                   $"{(_systemd ? "systemd" : "no systemd: supervised background start")}, login {_user}{(_root ? " (root)" : "")}";
        }

        private async Task<string> CheckHostAsync(CancellationToken ct)
        {
            var notes = new List<string>();
            if (_shell.Sudo)
            {
                var sudo = await _shell.RunAsync("sudo -n true", false, ct).ConfigureAwait(false);
                if (sudo.ExitCode != 0)
                    throw new OperationFailedException(
                        $"user {_user} cannot sudo without a password on {_target.Host}: {BootstrapShell.FirstLines(sudo.Error)}; allow it (NOPASSWD in sudoers) or log in as root",
                        ErrorCodes.HostNotReady);
                notes.Add($"sudo ok for {_user}");
            }
            var listening = await _shell.RunAsync(
                $"command -v ss >/dev/null 2>&1 || {{ echo no-ss; exit 0; }}; ss -Hltnp 'sport = :{port}'", true, ct).ConfigureAwait(false);
            var text = listening.Output.Trim();
            if (text == "no-ss") notes.Add($"port {port}: not checked (no `ss` on the host)");
            else if (text.Length == 0) notes.Add($"port {port} free");
            else
            {
                var owner = UsersPattern().Match(text);
                var pid = owner.Success ? owner.Groups["pid"].Value : null;
                var exe = pid is null ? "" : (await _shell.RunAsync($"readlink /proc/{pid}/exe", true, ct).ConfigureAwait(false)).Output.Trim();
                if (exe == _executable) notes.Add($"port {port} served by the installed agent (pid {pid})");
                else
                    throw new OperationFailedException(
                        $"port {port} is in use on {_target.Host} by " + (owner.Success ? $"{owner.Groups["name"].Value} (pid {pid})" : "another process (run with --sudo to see which)") +
                        $"; stop it or pick another port with --listen ADDR:PORT", ErrorCodes.HostNotReady);
            }
            return string.Join(", ", notes);
        }

        private async Task<(bool, string)> UploadAsync(CancellationToken ct)
        {
            var installed = _build.IsDirectory
                ? $"cat {BootstrapShell.Quote(layout.Lib + "/.build-sha256")} 2>/dev/null || true"
                : $"sha256sum {BootstrapShell.Quote(_executable)} 2>/dev/null | cut -d' ' -f1";
            var current = (await _shell.RunAsync(installed, true, ct).ConfigureAwait(false)).Output.Trim();
            var shortHash = _build.Sha256[..12];
            if (current == _build.Sha256) return (false, $"{_executable} is already this build (SHA-256 {shortHash}…)");

            var stage = (await _shell.RunCheckedAsync("mktemp -d /tmp/monitor-bootstrap.XXXXXX", false, "mktemp", ct).ConfigureAwait(false)).Trim();
            var local = Path.Combine(Path.GetTempPath(), $"monitor-bootstrap-{Guid.NewGuid():N}.tar.gz");
            try
            {
                string install;
                if (_build.IsDirectory)
                {
                    await _build.PackAsync(local, ct).ConfigureAwait(false);
                    await _shell.UploadAsync(local, stage + "/agent.tar.gz", ct).ConfigureAwait(false);
                    var lib = BootstrapShell.Quote(layout.Lib);
                    var next = BootstrapShell.Quote(layout.Lib + ".new");
                    var old = BootstrapShell.Quote(layout.Lib + ".old");
                    install = $"rm -rf {next} {old} && mkdir -p {next} && tar -xzf {BootstrapShell.Quote(stage + "/agent.tar.gz")} -C {next} " +
                              $"&& chmod 755 {next} {next}/{BootstrapAgentBuild.ExecutableName} && echo {_build.Sha256} > {next}/.build-sha256 " +
                              $"&& {{ [ ! -e {lib} ] || mv {lib} {old}; }} && mv {next} {lib} && rm -rf {old}";
                }
                else
                {
                    await _shell.UploadAsync(_build.Path, stage + "/" + BootstrapAgentBuild.ExecutableName, ct).ConfigureAwait(false);
                    var exe = BootstrapShell.Quote(_executable);
                    install = $"mkdir -p {BootstrapShell.Quote(layout.Bin)} && install -m 0755 {BootstrapShell.Quote(stage + "/" + BootstrapAgentBuild.ExecutableName)} {exe}.new && mv -f {exe}.new {exe}";
                }
                await _shell.RunCheckedAsync(install, true, $"installing the agent to {_executable}", ct).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(local);
                await _shell.RunAsync($"rm -rf {BootstrapShell.Quote(stage)}", false, CancellationToken.None).ConfigureAwait(false);
            }
            _changed = true;
            return (true, $"{_build.Bytes >> 20} MB to {_executable} (SHA-256 {shortHash}…{(current.Length > 0 ? ", replaced another build" : "")})");
        }

        private async Task<(bool, string)> ConfigureAsync(CancellationToken ct)
        {
            var notes = new List<string>();
            var wrote = false;
            var setup = new StringBuilder();
            if (_systemd)
                setup.Append("getent group docker >/dev/null 2>&1 || groupadd --system docker; ")
                     .Append("id monitor-agent >/dev/null 2>&1 || useradd --system --home-dir ").Append(BootstrapShell.Quote(layout.State))
                     .Append(" --shell /usr/sbin/nologin --user-group monitor-agent; usermod -a -G docker monitor-agent; ");
            setup.Append($"mkdir -p {BootstrapShell.Quote(layout.Etc)} {BootstrapShell.Quote(layout.State)} && chmod 0750 {BootstrapShell.Quote(layout.Etc)} {BootstrapShell.Quote(layout.State)}");
            if (Owner is not null) setup.Append($" && chown {Owner} {BootstrapShell.Quote(layout.Etc)} {BootstrapShell.Quote(layout.State)}");
            await _shell.RunCheckedAsync(setup.ToString(), true, "making the agent's directories", ct).ConfigureAwait(false);

            var config = await ReadAsync(layout.Config, ct).ConfigureAwait(false);
            var listenLine = $"listen = \"{listenHost}:{port}\"";
            if (config is null)
            {
                await _shell.WriteFileAsync(layout.Config, AgentToml(listenLine), "0640", Owner, ct).ConfigureAwait(false);
                notes.Add($"wrote {layout.Config} ({listenLine})");
                wrote = true;
            }
            else if (config.Split('\n').Any(l => l.Trim() == listenLine)) notes.Add($"{layout.Config} kept");
            else
            {
                var updated = ListenLine().IsMatch(config) ? ListenLine().Replace(config, listenLine, 1) : listenLine + "\n" + config;
                await _shell.WriteFileAsync(layout.Config, updated, "0640", Owner, ct).ConfigureAwait(false);
                notes.Add($"{layout.Config}: set {listenLine}, the rest kept");
                wrote = true;
            }

            var keys = await ReadAsync(layout.AuthorizedKeys, ct).ConfigureAwait(false) ?? "";
            var present = keys.Split('\n').FirstOrDefault(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var body, ..] && body == console.PublicKeyBase64);
            if (present is not null) notes.Add($"console key already in authorized_keys ({RoleOf(present)})");
            else
            {
                var line = $"monitor-ecdsa-p256 {console.PublicKeyBase64} role=admin name={console.KeyName}";
                var others = keys.Split('\n').Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
                await _shell.WriteFileAsync(layout.AuthorizedKeys, (keys.Length == 0 || keys.EndsWith('\n') ? keys : keys + "\n") + line + "\n", "0600", Owner, ct).ConfigureAwait(false);
                notes.Add($"console key added to authorized_keys as role=admin name={console.KeyName}" + (others > 0 ? $" ({others} other keys kept)" : ""));
                wrote = true;
            }
            _changed |= wrote;
            return (wrote, string.Join("; ", notes));
        }

        private string AgentToml(string listenLine) =>
            "# monitor-agent config written by `monitor server bootstrap` (see the README). Every key can also be set by MONITOR_AGENT_<KEY>.\n" +
            listenLine + "\n" +
            $"authorized_keys = \"{layout.AuthorizedKeys}\"\n" +
            $"work_dir = \"{layout.State}\"\n" +
            "docker_socket = \"unix:///var/run/docker.sock\"\n" +
            "# tls = true   # the default: wss:// with a certificate made at first start (consoles pin its fingerprint)\n";

        private async Task<string?> ReadAsync(string file, CancellationToken ct)
        {
            var q = BootstrapShell.Quote(file);
            var result = await _shell.RunAsync($"if [ -f {q} ]; then cat {q}; else echo __missing__ >&2; exit 3; fi", true, ct).ConfigureAwait(false);
            if (result.ExitCode == 3 && result.Error.Contains("__missing__", StringComparison.Ordinal)) return null;
            if (result.ExitCode != 0) throw new OperationFailedException($"cannot read {file} on {_target.Host}: {BootstrapShell.FirstLines(result.Error)}", ErrorCodes.HostNotReady);
            return result.Output;
        }

        /// <summary>The TLS fingerprint the agent will serve, read over SSH (the trusted channel) before it starts:
        /// `monitor-agent --fingerprint` makes the certificate on first use, as the package's install.sh does.</summary>
        private async Task<string> FingerprintAsync(CancellationToken ct)
        {
            var command = $"{Env} {BootstrapShell.Quote(_executable)} --config {BootstrapShell.Quote(layout.Config)} --fingerprint";
            if (_systemd) command = $"runuser -u monitor-agent -- env {command}";
            var output = await _shell.RunCheckedAsync(command, _systemd, "monitor-agent --fingerprint", ct).ConfigureAwait(false);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith("SHA256:", StringComparison.Ordinal))
                ?? throw new OperationFailedException($"monitor-agent --fingerprint printed no fingerprint on {_target.Host}: {BootstrapShell.FirstLines(output)}", ErrorCodes.HostNotReady);
        }

        private string Env => $"HOME={BootstrapShell.Quote(layout.State)} DOTNET_BUNDLE_EXTRACT_BASE_DIR={BootstrapShell.Quote(layout.State + "/.bundle")}";

        private async Task<(bool, string)> StartSystemdAsync(CancellationToken ct)
        {
            var unit = BootstrapUnit.Render(layout, _executable);
            var current = await ReadAsync(BootstrapLayout.UnitFile, ct).ConfigureAwait(false);
            var unitChanged = current != unit;
            if (unitChanged) await _shell.WriteFileAsync(BootstrapLayout.UnitFile, unit, "0644", null, ct).ConfigureAwait(false);
            var active = (await _shell.RunAsync("systemctl is-active --quiet monitor-agent.service", true, ct).ConfigureAwait(false)).ExitCode == 0;
            if (!unitChanged && !_changed && active) return (false, "monitor-agent.service is active and nothing changed");
            await _shell.RunCheckedAsync("systemctl daemon-reload && systemctl enable monitor-agent.service >/dev/null 2>&1 && systemctl restart monitor-agent.service", true, "systemctl restart monitor-agent", ct).ConfigureAwait(false);
            return (true, $"systemd unit monitor-agent.service {(active ? "restarted" : "started")}{(unitChanged ? " (unit written)" : "")}");
        }

        private async Task<(bool, string)> StartBackgroundAsync(CancellationToken ct)
        {
            var agentPid = BootstrapShell.Quote(layout.AgentPid);
            var supervisorPid = BootstrapShell.Quote(layout.SupervisorPid);
            var running = (await _shell.RunAsync(
                $"a=$(cat {agentPid} 2>/dev/null); s=$(cat {supervisorPid} 2>/dev/null); " +
                "[ -n \"$a\" ] && [ -n \"$s\" ] && kill -0 \"$a\" 2>/dev/null && kill -0 \"$s\" 2>/dev/null && echo \"$a $(readlink /proc/$a/exe)\"", false, ct).ConfigureAwait(false)).Output.Trim();
            var parts = running.Split(' ', 2);
            if (parts.Length == 2 && parts[1] == _executable && !_changed) return (false, $"agent running (pid {parts[0]}, supervised) and nothing changed");

            var stop = $"for f in {supervisorPid} {agentPid}; do [ -f \"$f\" ] && kill \"$(cat \"$f\")\" 2>/dev/null; done; " +
                       $"a=$(cat {agentPid} 2>/dev/null); i=0; while [ -n \"$a\" ] && kill -0 \"$a\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; rm -f {agentPid} {supervisorPid}";
            var loop = $"echo $$ > {supervisorPid}; while :; do {Env} {BootstrapShell.Quote(_executable)} --config {BootstrapShell.Quote(layout.Config)} >> {BootstrapShell.Quote(layout.Log)} 2>&1 & " +
                       $"echo $! > {agentPid}; wait $!; sleep 2; done";
            // Every descriptor of the SSH session is redirected, or the session would stay open as long as the agent runs.
            var start = $"{{ cd {BootstrapShell.Quote(layout.State)} && setsid nohup sh -c {BootstrapShell.Quote(loop)}; }} </dev/null >/dev/null 2>&1 &";
            await _shell.RunCheckedAsync($"{stop}; {start}", false, "starting the agent in the background", ct).ConfigureAwait(false);
            return (true, $"{(parts.Length == 2 ? "restarted" : "started")} in the background under a restart loop as {_user} (pid files and log in {layout.State})");
        }

        private async Task<(ServerInfo, bool, string)> OnlineAsync(BootstrapService service, string fingerprint, CancellationToken ct)
        {
            var url = $"wss://{_target.HostForUrl}:{port}";
            var deadline = DateTime.UtcNow + OnlineTimeout;
            string? seen = null;
            string? last = null;
            while (seen is null)
            {
                try { seen = await TlsProbe.FingerprintAsync(new Uri(url), TimeSpan.FromSeconds(3), ct).ConfigureAwait(false); }
                catch (OperationFailedException e) when (e.Code == ErrorCodes.Unreachable)
                {
                    last = e.Message;
                    if (DateTime.UtcNow > deadline)
                    {
                        var log = await _shell.RunAsync($"tail -n 5 {BootstrapShell.Quote(layout.Log)} 2>/dev/null || journalctl -u monitor-agent -n 5 --no-pager 2>/dev/null", true, ct).ConfigureAwait(false);
                        throw new OperationFailedException(
                            $"the agent did not answer at {url} within {OnlineTimeout.TotalSeconds:0} s ({last}); its log on {_target.Host}: {BootstrapShell.FirstLines(log.Output)}", ErrorCodes.Unreachable);
                    }
                    await Task.Delay(200, ct).ConfigureAwait(false);
                }
            }
            if (seen != fingerprint)
                throw new OperationFailedException(
                    $"the agent at {url} presents TLS certificate {seen}, but over SSH it reported {fingerprint}; someone may be intercepting the connection. Nothing was registered",
                    ErrorCodes.TlsMismatch);

            var existing = await service.Directory.FindAsync(request.Name, ct).ConfigureAwait(false);
            var registered = existing is not null && existing.Url == url && existing.TlsFingerprint == fingerprint;
            var server = registered ? existing! : (await service.Trust.AddAsync(request.Name, url, request.Description ?? existing?.Description, fingerprint, ct).ConfigureAwait(false)).Server;
            var status = await service.Servers.StatusAsync(request.Name, ct).ConfigureAwait(false);
            if (status.Error is not null)
                throw new OperationFailedException($"the agent at {url} answers but this console cannot use it: {status.Error}", ErrorCodes.AuthFailed);
            return (server, registered, $"{url} answers (agent {status.Agent?.AgentVersion} on {status.Agent?.Hostname}), TLS {fingerprint} pinned, " +
                            (registered ? $"already registered as {request.Name}" : $"registered as {request.Name}"));
        }

        private static string RoleOf(string line)
        {
            var role = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => w.StartsWith("role=", StringComparison.Ordinal));
            return role ?? "role=admin";
        }
    }

    internal ServerDirectory Directory => directory;
    internal ServerTrustService Trust => trust;
    internal IServerService Servers => servers;

    [GeneratedRegex(@"users:\(\(""(?<name>[^""]*)"",pid=(?<pid>\d+)")]
    private static partial Regex UsersPattern();

    [GeneratedRegex(@"(?m)^\s*listen\s*=.*$")]
    private static partial Regex ListenLine();
}
