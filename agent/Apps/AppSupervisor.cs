using Microsoft.Extensions.Logging;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Apps;

/// <summary>All supervised apps of this agent. At start it loads work_dir/apps/*/state.json and re-adopts or restarts
/// each app; a background loop samples CPU and rotates logs. Stopping the agent stops the supervision, never the apps.</summary>
public sealed class AppSupervisor
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(2);

    private readonly string _appsDir;
    private readonly string _cgroupParent;
    private readonly ILogger _log;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AppRunner> _apps = new(StringComparer.Ordinal);

    public AppSupervisor(string workDir, string cgroupParent, ILogger log, CancellationToken stopping)
    {
        _appsDir = Path.Combine(workDir, "apps");
        _cgroupParent = cgroupParent;
        _log = log;
        _stopping = stopping;
    }

    public async Task StartAsync()
    {
        if (Directory.Exists(_appsDir))
        {
            foreach (var dir in Directory.GetDirectories(_appsDir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(dir);
                if (AppStateFile.Load(Path.Combine(dir, "state.json")) is not { } state || state.Spec.Name != name) continue;
                var runner = NewRunner(state);
                _apps[name] = runner;
                try { await runner.ResumeAsync().ConfigureAwait(false); }
                catch (Exception e) when (e is not OperationCanceledException) { _log.LogError(e, "app {App}: could not resume", name); }
            }
        }
        _ = SampleLoopAsync();
    }

    public IReadOnlyList<AppStatus> List()
    {
        lock (_apps) return _apps.Values.Select(a => a.Status()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    internal AppRunner Get(string? name)
    {
        var valid = AppSpecRules.RequireName(name);
        lock (_apps)
            return _apps.TryGetValue(valid, out var runner) ? runner
                : throw new AgentRequestException(ErrorCodes.NotFound, $"no app '{valid}' on this server; `monitor app list --server S` shows the apps, `monitor sync` creates them from [[apps]]");
    }

    public AppDetails Show(string name)
    {
        var runner = Get(name);
        return new AppDetails(runner.Status(), AppSpecRules.Masked(runner.Spec), runner.LogFile, runner.CgroupDescription);
    }

    public async Task<AppApplyResult> ApplyAsync(AppApplyRequest request, CancellationToken ct)
    {
        foreach (var spec in request.Apps) AppSpecRules.Check(spec);
        var duplicate = request.Apps.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new AgentRequestException(ErrorCodes.InvalidArgument, $"app {duplicate.Key} is listed twice");
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var changes = new List<AppChange>();
            foreach (var spec in request.Apps)
            {
                AppRunner? existing;
                lock (_apps) _apps.TryGetValue(spec.Name, out existing);
                if (existing is not null)
                {
                    changes.Add(new AppChange(spec.Name, await existing.UpdateAsync(spec, ct).ConfigureAwait(false) ? "updated" : "unchanged"));
                    continue;
                }
                var runner = NewRunner(new AppState { Spec = spec });
                lock (_apps) _apps[spec.Name] = runner;
                await runner.StartAsync(ct).ConfigureAwait(false);
                changes.Add(new AppChange(spec.Name, "created"));
            }
            if (request.Prune)
            {
                List<AppRunner> extra;
                lock (_apps) extra = _apps.Values.Where(a => request.Apps.All(s => s.Name != a.Name)).ToList();
                foreach (var runner in extra)
                {
                    await RemoveRunnerAsync(runner, ct).ConfigureAwait(false);
                    changes.Add(new AppChange(runner.Name, "removed"));
                }
            }
            return new AppApplyResult(changes);
        }
        finally { _gate.Release(); }
    }

    public async Task<AppStatus> RemoveAsync(string name, CancellationToken ct)
    {
        var runner = Get(name);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var status = await RemoveRunnerAsync(runner, ct).ConfigureAwait(false);
            return status with { State = "removed", Pid = null };
        }
        finally { _gate.Release(); }
    }

    private async Task<AppStatus> RemoveRunnerAsync(AppRunner runner, CancellationToken ct)
    {
        await runner.RemoveAsync(ct).ConfigureAwait(false);
        lock (_apps) _apps.Remove(runner.Name);
        return runner.Status();
    }

    private AppRunner NewRunner(AppState state) =>
        new(state, new AppPaths(_appsDir, state.Spec.Name), AppCgroups.For(_cgroupParent, state.Spec.Name), _log, _stopping);

    private async Task SampleLoopAsync()
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping).ConfigureAwait(false))
            {
                List<AppRunner> runners;
                lock (_apps) runners = _apps.Values.ToList();
                foreach (var runner in runners)
                {
                    try { runner.Sample(); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _log.LogWarning("app {App}: sampling failed: {Error}", runner.Name, e.Message); }
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
