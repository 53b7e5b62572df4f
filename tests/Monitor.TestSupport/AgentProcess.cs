using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Monitor.Shared.Config;

namespace Monitor.TestSupport;

/// <summary>A monitor-agent binary (the published NativeAOT agent unless <see cref="AgentProcessOptions"/> names
/// another) as a child process reading an agent.toml written from an <see cref="AgentConfig"/>. The start returns once
/// the agent printed its listening and TLS lines; every line it writes (stdout and stderr) is kept for failure
/// messages. Stop (SIGTERM, as an operator would), kill (SIGKILL) and start again on the same config, as often as needed.</summary>
public sealed partial class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(15);
    private readonly List<string> _lines = [];
    private readonly AgentProcessOptions _options;
    private Process? _process;

    private AgentProcess(AgentConfig config, string configPath, AgentProcessOptions options)
    {
        Config = config; ConfigPath = configPath; _options = options;
        Url = new Uri($"{(config.Tls ? "wss" : "ws")}://{config.Listen}/");
    }

    public AgentConfig Config { get; }
    public string ConfigPath { get; }
    /// <summary>The binary this agent runs: the shared published agent through a private hard link beside its config
    /// (see <see cref="PrivateAgentLink"/>) unless the options name another.</summary>
    public string Executable => _options.Executable ?? _privateLink ?? AgentExecutable.Path;
    private string? _privateLink;
    /// <summary>The URL the agent printed at its last start (before the first start: the one its config implies).</summary>
    public Uri Url { get; private set; }
    /// <summary>SHA256:... the agent printed at its last start; null when TLS is off.</summary>
    public string? TlsFingerprint { get; private set; }
    /// <summary>PID of the process this object started last.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("the agent process was never started");
    public bool Running => _process is { HasExited: false };
    /// <summary>Every line the agent processes wrote so far (stdout and stderr, across restarts).</summary>
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    /// <summary>Writes <paramref name="config"/> to <paramref name="configPath"/> and starts the agent on it.</summary>
    public static async Task<AgentProcess> StartAsync(AgentConfig config, string configPath, AgentProcessOptions? options = null, CancellationToken ct = default)
    {
        var agent = new AgentProcess(config, configPath, options ?? new AgentProcessOptions());
        await agent.StartAgainAsync(ct);
        return agent;
    }

    /// <summary>Starts the agent (again) on <see cref="Config"/>, rewritten to <see cref="ConfigPath"/> first.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        if (Running) throw new InvalidOperationException($"the agent (pid {Pid}) is still running");
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: scripts/setup.sh publishes the NativeAOT agent there " +
                $"(or set {AgentExecutable.ModeVariable}=inprocess)");
        if (_options.Executable is null && _privateLink is null && !Executable.EndsWith(".dll", StringComparison.Ordinal))
            _privateLink = PrivateAgentLink.Create(Executable, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ConfigPath))!, "bin"));
        await AgentToml.WriteAsync(Config, ConfigPath, ct);
        _process?.Dispose();
        int from;
        lock (_lines) from = _lines.Count;
        var start = Executable.EndsWith(".dll", StringComparison.Ordinal)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { Executable } }
            : new ProcessStartInfo(Executable);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(ConfigPath);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var (name, value) in _options.Environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartDeadline;
        while (true)
        {
            var lines = Lines.Skip(from).ToList();
            if (lines.Any(l => l.StartsWith("TLS certificate fingerprint ", StringComparison.Ordinal) || l.StartsWith("warning: tls = false", StringComparison.Ordinal)))
            {
                foreach (var line in lines)
                {
                    if (ListeningLine().Match(line) is { Success: true } listening) Url = new Uri(listening.Groups[1].Value);
                    if (FingerprintLine().Match(line) is { Success: true } fingerprint) TlsFingerprint = fingerprint.Groups[1].Value;
                }
                if (!Config.Tls) TlsFingerprint = null;
                return;
            }
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                if (!process.HasExited) await KillAsync();
                throw new InvalidOperationException($"the agent ({Executable}) did not start{(process.HasExited ? $" (exit code {process.ExitCode})" : $" in {StartDeadline.TotalSeconds:0} s")}: " + Describe(from));
            }
            await Task.Delay(10, ct);
        }
    }

    /// <summary>SIGTERM, then waits for the exit (SIGKILL after 15 s): the agent's own shutdown runs.</summary>
    public async Task StopAsync()
    {
        if (!Running) return;
        _ = Signal(_process!.Id, 15);
        using var timeout = new CancellationTokenSource(StopDeadline);
        try { await _process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { await KillAsync(); }
    }

    /// <summary>SIGKILL: nothing of the agent's shutdown runs.</summary>
    public async Task KillAsync()
    {
        if (!Running) return;
        try { _process!.Kill(entireProcessTree: false); }
        catch (InvalidOperationException) { /* exited meanwhile */ }
        await _process!.WaitForExitAsync();
    }

    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartAgainAsync(ct);
    }

    /// <summary>Resident memory of the agent process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>The last lines the agent wrote, for a failure message.</summary>
    public string Describe(int fromLine = 0)
    {
        var lines = Lines.Skip(fromLine).TakeLast(40).ToList();
        return lines.Count == 0 ? "(the agent wrote nothing)" : string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lines) _lines.Add(line);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"listening on (\S+) with")]
    private static partial System.Text.RegularExpressions.Regex ListeningLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"^TLS certificate fingerprint (\S+)")]
    private static partial System.Text.RegularExpressions.Regex FingerprintLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
