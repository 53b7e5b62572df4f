using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>Supervises one app: starts it in its cgroup, watches it (as a child, or by polling PID + start time when
/// re-adopted after an agent restart), restarts it per policy with backoff, stops it with its signal and kills the
/// whole cgroup after the timeout. Every state change is written to state.json before it is reported.</summary>
internal sealed class AppRunner
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AppPaths _paths;
    private readonly IAppCgroup _cgroup;
    private readonly ILogger _log;
    private readonly CancellationToken _stopping;
    private AppState _state;
    private int _generation;
    private CancellationTokenSource? _backoff;
    private (ulong Nanos, long At)? _cpuSample;
    private double? _cpuPercent;

    public AppRunner(AppState state, AppPaths paths, IAppCgroup cgroup, ILogger log, CancellationToken stopping)
    {
        _state = state; _paths = paths; _cgroup = cgroup; _log = log; _stopping = stopping;
    }

    public string Name => _state.Spec.Name;
    public AppSpec Spec => _state.Spec;
    public string LogFile => _paths.LogFile;
    public AppPaths Paths => _paths;
    public string CgroupDescription => _cgroup.Description;

    /// <summary>At agent start: re-adopt the process recorded in state.json if it still runs; otherwise clear what is
    /// left in the cgroup and start the app again if it should run.</summary>
    public async Task ResumeAsync()
    {
        await _gate.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            if (_state.Pid is { } pid && _state.StartTicks is { } ticks && ProcFs.IsSameProcess(pid, ticks))
            {
                var generation = ++_generation;
                _state.State = "running";
                _log.LogInformation("app {App}: re-adopted running process {Pid}", Name, pid);
                _ = WatchAdoptedAsync(pid, ticks, generation);
                return;
            }
            if (_state.Pid is not null)
            {
                _state.LastExit = "ended while the agent was not running";
                _state.Pid = null;
            }
            KillLeftovers();
            if (_state.DesiredRunning) Launch();
            else if (_state.State is "running" or "backoff") _state.State = "exited";
            Save();
        }
        finally { _gate.Release(); }
    }

    public async Task<AppStatus> StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _state.DesiredRunning = true;
            if (_state.Pid is null)
            {
                CancelBackoff();
                _state.FailuresInARow = 0;
                Launch();
            }
            Save();
            return Status();
        }
        finally { _gate.Release(); }
    }

    /// <summary>Sends the stop signal to the app's process group, waits up to the stop timeout, then kills every process
    /// of its cgroup.</summary>
    public async Task<AppStatus> StopAsync(CancellationToken ct)
    {
        int pid; ulong ticks; int generation;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _state.DesiredRunning = false;
            CancelBackoff();
            if (_state.Pid is not { } p || _state.StartTicks is not { } t)
            {
                if (_state.State is "running" or "backoff") _state.State = "stopped";
                Save();
                return Status();
            }
            pid = p; ticks = t; generation = _generation;
            Save();
        }
        finally { _gate.Release(); }

        var signal = Signals.Parse(_state.Spec.StopSignal) ?? 15;
        Signals.SendToGroup(pid, signal);
        var stopped = await WaitGoneAsync(pid, ticks, TimeSpan.FromSeconds(_state.Spec.StopTimeoutSeconds), ct).ConfigureAwait(false);
        if (!stopped)
        {
            _log.LogInformation("app {App}: still running {Timeout} s after SIG{Signal}; killing it", Name, _state.Spec.StopTimeoutSeconds, _state.Spec.StopSignal);
            Signals.SendToGroup(pid, Signals.Kill);
            KillLeftovers();
            await WaitGoneAsync(pid, ticks, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        }

        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            KillLeftovers();
            if (generation == _generation && _state.Pid == pid)
            {
                _generation++;
                _state.Pid = null;
                _state.StartTicks = null;
            }
            if (!_state.DesiredRunning && _state.Pid is null)
            {
                // The child watcher may have recorded the exit status first; the operator's stop is what happened.
                var name = _state.Spec.StopSignal.ToUpperInvariant().Replace("SIG", "", StringComparison.Ordinal);
                _state.State = "stopped";
                _state.LastExit = stopped ? $"stopped by SIG{name}" : $"killed: still running {_state.Spec.StopTimeoutSeconds} s after SIG{name}";
            }
            Save();
            return Status();
        }
        finally { _gate.Release(); }
    }

    public async Task<AppStatus> RestartAsync(CancellationToken ct)
    {
        await StopAsync(ct).ConfigureAwait(false);
        return await StartAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Takes a new definition; restarts the app when it runs. False when nothing changed.</summary>
    public async Task<bool> UpdateAsync(AppSpec spec, CancellationToken ct)
    {
        if (AppSpecRules.Same(spec, _state.Spec)) return false;
        bool running;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _state.Spec = spec;
            running = _state.DesiredRunning;
            Save();
        }
        finally { _gate.Release(); }
        if (running) await RestartAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stops the app and deletes its state, log files and cgroup.</summary>
    public async Task RemoveAsync(CancellationToken ct)
    {
        await StopAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _generation++;
            _cgroup.Remove();
            if (Directory.Exists(_paths.Dir)) Directory.Delete(_paths.Dir, recursive: true);
        }
        finally { _gate.Release(); }
    }

    public AppStatus Status()
    {
        var s = _state;
        var running = s.Pid is not null;
        var uptime = running && s.StartedAt is { } at ? (DateTimeOffset.UtcNow - at).TotalSeconds : (double?)null;
        return new AppStatus(s.Spec.Name, s.State, s.DesiredRunning, s.Pid, running ? s.StartedAt : null, uptime, s.Restarts,
            running ? _cpuPercent : null, running ? _cgroup.MemoryBytes() : null, _cgroup.MemoryLimitBytes() ?? s.Spec.MemoryBytes,
            s.LastExit, s.OomKills, s.Spec.Command);
    }

    /// <summary>Called every few seconds by the supervisor: CPU% from the cgroup's CPU time, and log rotation.</summary>
    public void Sample()
    {
        if (_cgroup.CpuNanos() is { } nanos)
        {
            var now = Stopwatch.GetTimestamp();
            if (_cpuSample is { } prev && now > prev.At && nanos >= prev.Nanos)
                _cpuPercent = Math.Round((nanos - prev.Nanos) / (Stopwatch.GetElapsedTime(prev.At, now).TotalMilliseconds * 1e6) * 100, 1);
            _cpuSample = (nanos, now);
        }
        AppLogRotation.RotateIfLarge(_paths, _state.Spec.LogMaxBytes);
    }

    private void Launch()
    {
        KillLeftovers();
        _cgroup.Apply(_state.Spec.MemoryBytes, _state.Spec.Cpus);
        _state.OomBaseline = _cgroup.OomKills();
        var process = AppLauncher.Start(_state.Spec, _paths, _cgroup);
        _state.Pid = process.Id;
        _state.StartTicks = ProcFs.StartTicks(process.Id);
        _state.StartedAt = DateTimeOffset.UtcNow;
        _state.State = "running";
        _cpuSample = null;
        _cpuPercent = null;
        Save();
        var generation = ++_generation;
        _log.LogInformation("app {App}: started process {Pid}", Name, process.Id);
        _ = WatchChildAsync(process, generation);
    }

    private async Task WatchChildAsync(Process process, int generation)
    {
        try
        {
            using (process)
            {
                try { await process.WaitForExitAsync(_stopping).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                await OnExitedAsync(generation, process.ExitCode).ConfigureAwait(false);
            }
        }
        catch (Exception e) { _log.LogError(e, "app {App}: watching the process failed", Name); }
    }

    private async Task WatchAdoptedAsync(int pid, ulong ticks, int generation)
    {
        try
        {
            while (ProcFs.IsSameProcess(pid, ticks))
            {
                await Task.Delay(PollInterval, _stopping).ConfigureAwait(false);
                if (generation != _generation) return;
            }
            // Not our child: the exit status went to init, only the cgroup's OOM counter tells how it ended.
            await OnExitedAsync(generation, null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        catch (Exception e) { _log.LogError(e, "app {App}: watching the adopted process failed", Name); }
    }

    private async Task OnExitedAsync(int generation, int? exitCode)
    {
        await _gate.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            if (generation != _generation || _stopping.IsCancellationRequested) return;
            var oom = _cgroup.OomKills() > _state.OomBaseline;
            if (oom) _state.OomKills++;
            var ran = _state.StartedAt is { } at ? DateTimeOffset.UtcNow - at : TimeSpan.Zero;
            _state.LastExit = oom ? "killed by the kernel: over its memory limit"
                : exitCode is null ? "ended (exit status unknown: adopted after an agent restart)"
                : exitCode > 128 ? $"exit {exitCode} (signal {exitCode - 128})"
                : $"exit {exitCode}";
            _state.Pid = null;
            _state.StartTicks = null;
            KillLeftovers();
            var failed = oom || exitCode is not 0;
            _log.LogInformation("app {App}: {Exit}", Name, _state.LastExit);
            if (!_state.DesiredRunning) _state.State = "stopped";
            else if (_state.Spec.Restart == "always" || (_state.Spec.Restart == "on-failure" && failed))
            {
                _state.FailuresInARow = ran >= StableRun ? 1 : _state.FailuresInARow + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(60, 0.5 * Math.Pow(2, _state.FailuresInARow - 1)));
                _state.State = "backoff";
                ScheduleRestart(generation, delay);
            }
            else
            {
                _state.State = "exited";
                _state.DesiredRunning = false;
            }
            Save();
        }
        finally { _gate.Release(); }
    }

    private void ScheduleRestart(int generation, TimeSpan delay)
    {
        CancelBackoff();
        var cts = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        _backoff = cts;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, cts.Token).ConfigureAwait(false);
                await _gate.WaitAsync(cts.Token).ConfigureAwait(false);
                try
                {
                    if (generation != _generation || !_state.DesiredRunning || _state.State != "backoff" || cts.IsCancellationRequested) return;
                    _state.Restarts++;
                    Launch();
                }
                catch (Exception e)
                {
                    _state.State = "exited";
                    _state.LastExit = $"restart failed: {e.Message}";
                    Save();
                }
                finally { _gate.Release(); }
            }
            catch (OperationCanceledException) { }
        });
    }

    private void CancelBackoff()
    {
        _backoff?.Cancel();
        _backoff = null;
    }

    /// <summary>Kills processes left in the cgroup (children that outlived the app, or an app started by an agent that
    /// died before it could record the PID): the app never runs twice.</summary>
    private void KillLeftovers()
    {
        foreach (var pid in _cgroup.Pids()) Signals.Send(pid, Signals.Kill);
    }

    private static async Task<bool> WaitGoneAsync(int pid, ulong ticks, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (ProcFs.IsSameProcess(pid, ticks))
        {
            if (Stopwatch.GetTimestamp() >= deadline) return false;
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
        return true;
    }

    private void Save() => AppStateFile.Save(_paths.StateFile, _state);
}
