using System.Runtime.CompilerServices;
using Monitor.Control.Agents;
using Monitor.Control.Services;
using Monitor.Shared.Protocol;

namespace Monitor.Control.Apps;

/// <summary>Supervised apps on servers: reads, recorded actions (start/stop/restart/remove/apply) and their logs.
/// The CLI and the TUI call this; only it talks to agents about apps.</summary>
public sealed class AppService(ServerDirectory directory, ActionRecorder recorder)
{
    public async Task<IReadOnlyList<AppStatus>> ListAsync(string server, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        return (await Guard(() => client.RequestAsync(AgentMethods.AppList, new AppListRequest(), null, ct)).ConfigureAwait(false)).Apps;
    }

    public async Task<AppDetails> ShowAsync(string server, string app, CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        return await Guard(() => client.RequestAsync(AgentMethods.AppShow, new AppRef(app), null, ct)).ConfigureAwait(false);
    }

    public Task<AppStatus> StartAsync(string server, string app, CancellationToken ct = default) => ActAsync(AppActionTypes.Start, AgentMethods.AppStart, server, app, ct);

    public Task<AppStatus> StopAsync(string server, string app, CancellationToken ct = default) => ActAsync(AppActionTypes.Stop, AgentMethods.AppStop, server, app, ct);

    public Task<AppStatus> RestartAsync(string server, string app, CancellationToken ct = default) => ActAsync(AppActionTypes.Restart, AgentMethods.AppRestart, server, app, ct);

    public Task<AppStatus> RemoveAsync(string server, string app, CancellationToken ct = default) => ActAsync(AppActionTypes.Remove, AgentMethods.AppRemove, server, app, ct);

    /// <summary>Creates/updates <paramref name="apps"/> on <paramref name="server"/> (with <paramref name="prune"/>, removes
    /// the others there). Recorded as one action per server; secret values never reach the history.</summary>
    public async Task<AppApplyResult> ApplyAsync(string server, IReadOnlyList<AppSpec> apps, bool prune, CancellationToken ct = default)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        var parameters = new Dictionary<string, string> { ["apps"] = string.Join(",", apps.Select(a => a.Name)), ["prune"] = prune ? "true" : "false" };
        return await recorder.RecordAsync(AppActionTypes.Apply, server, null, string.Join(",", apps.Select(a => a.Name)), parameters, async action =>
        {
            var result = await Guard(() => client.RequestAsync(AgentMethods.AppApply, new AppApplyRequest(apps, prune), null, ct)).ConfigureAwait(false);
            foreach (var change in result.Changes) action.AppendOutput($"{change.Name}: {change.Change}\n");
            return result;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The app's captured output: the last <paramref name="tail"/> lines, then (follow) new ones until cancelled.</summary>
    public async IAsyncEnumerable<IReadOnlyList<LogLine>> LogsAsync(string server, string app, int? tail, bool follow,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var client = await directory.ClientAsync(server, ct).ConfigureAwait(false);
        var stream = await Guard(() => client.OpenStreamAsync(AgentMethods.AppLogs, new AppLogRequest(app, follow, tail), ct)).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var batches = stream.ReadAllAsync(ct).GetAsyncEnumerator(ct);
            while (true)
            {
                bool more;
                try { more = await batches.MoveNextAsync().ConfigureAwait(false); }
                catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
                if (!more) break;
                yield return batches.Current.Lines;
            }
            await batches.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<AppStatus> ActAsync(string type, RequestMethod<AppRef, AppStatus> method, string server, string app, CancellationToken ct)
    {
        var client = await directory.ConnectedClientAsync(server, ct).ConfigureAwait(false);
        return await recorder.RecordAsync(type, server, null, app, null, async action =>
        {
            var status = await Guard(() => client.RequestAsync(method, new AppRef(app), null, ct)).ConfigureAwait(false);
            action.AppendOutput($"{status.Name}: {status.State}{(status.Pid is { } pid ? $" (pid {pid})" : "")}{(status.LastExit is { } e ? $"; last exit: {e}" : "")}\n");
            action.SetResult("state", status.State);
            return status;
        }, ct).ConfigureAwait(false);
    }

    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try { return await call().ConfigureAwait(false); }
        catch (AgentException e) { throw new OperationFailedException(e.Message, e.Code, e); }
    }
}
