using Monitor.Control.Stacks;
using Monitor.Control.Store;

namespace Monitor.Control.Webhooks;

/// <summary>The webhook application service `monitor serve` puts behind HTTP: the handler, the delivery record
/// (dedupe), the per-stack deploy queue and the serve log, wired together.</summary>
public sealed class WebhookService
{
    /// <param name="stacks">Reads stack definitions (any user).</param>
    /// <param name="stacksFor">A stack service recording as the given user ("webhook:github"...), for the deploys.</param>
    /// <param name="recorder">The console's recorder (ignored pushes are recorded through it as "webhook:PROVIDER").</param>
    public WebhookService(IStackService stacks, Func<string, IStackService> stacksFor, IStateStore store, WebhookSecrets secrets, TextWriter logWriter,
        int keepDeliveries = 10_000, Services.ActionRecorder? recorder = null)
    {
        Log = new WebhookLog(logWriter);
        Deliveries = new WebhookDeliveries(store, keepDeliveries);
        var history = new WebhookHistory(recorder ?? new Services.ActionRecorder(store, "webhook"));
        var runner = new WebhookDeployRunner(stacksFor, Log, history);
        Queue = new StackDeployQueue(runner.RunAsync, (request, why) => Log.Deploy(request, "dropped: " + why));
        Handler = new WebhookHandler(stacks, secrets, Deliveries, Queue, Log, history: history);
    }

    public WebhookHandler Handler { get; }
    public WebhookDeliveries Deliveries { get; }
    public StackDeployQueue Queue { get; }
    public WebhookLog Log { get; }

    /// <summary>Completes when no webhook deploy runs or waits.</summary>
    public Task WhenIdleAsync() => Queue.WhenIdleAsync();

    /// <summary>Drops waiting deploys, lets running ones finish within <paramref name="grace"/>, then cancels them.</summary>
    public Task StopAsync(TimeSpan grace) => Queue.StopAsync(grace);
}
