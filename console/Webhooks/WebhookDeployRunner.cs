using System.Collections.Concurrent;
using System.Globalization;
using Monitor.Control.Services;
using Monitor.Control.Stacks;

namespace Monitor.Control.Webhooks;

/// <summary>Runs one queued deploy through the stack service, as user "webhook:PROVIDER" so the history shows who
/// triggered it, and writes its outcome to the serve log. Never throws: failures are logged (and recorded in the
/// history by the stack service).</summary>
public sealed class WebhookDeployRunner(Func<string, IStackService> stacksFor, WebhookLog log, WebhookHistory? ignoredRecords = null)
{
    private readonly ConcurrentDictionary<string, IStackService> _byUser = new(StringComparer.Ordinal);

    public async Task RunAsync(DeployRequest request, CancellationToken ct)
    {
        log.Deploy(request, "started");
        try
        {
            var stacks = _byUser.GetOrAdd(request.User, stacksFor);
            // Deploy only a commit that is still the branch head after fetching (a replayed old push is not).
            var head = await stacks.PullAsync(request.Stack, null, ct).ConfigureAwait(false);
            if (StalePush.NotHead(request.Commit, request.Branch, head.Commit) is { } stale)
            {
                log.Deploy(request, "ignored: " + stale);
                if (ignoredRecords is not null) await ignoredRecords.RecordIgnoredAsync(request.Provider, request.Stack, request.Branch, request.Commit, request.DeliveryId, stale, ct).ConfigureAwait(false);
                return;
            }
            var result = await stacks.DeployAsync(request.Stack, StackRevision.At(request.Commit), null, ct).ConfigureAwait(false);
            var history = "history #" + result.ActionId.ToString(CultureInfo.InvariantCulture);
            if (result.Success)
            {
                log.Deploy(request, $"ok {result.Image}" + (result.Version is null ? "" : $" version {result.Version}") + $" ({history})");
            }
            else
            {
                var failed = result.Targets.Where(t => !t.Success).Select(t => $"{t.Server}: {(t.RolledBack ? "rolled back" : "failed")}");
                log.Deploy(request, $"FAILED on {string.Join(", ", failed)} ({history})");
            }
        }
        catch (OperationFailedException e) { log.Deploy(request, "FAILED: " + e.Message.ReplaceLineEndings(" ")); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { log.Deploy(request, "cancelled: server stopping"); }
        catch (Exception e) { log.Deploy(request, $"FAILED: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"); }
    }
}
