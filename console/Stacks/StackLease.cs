using System.Text.Json;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>A store-held lease on a stack, so that consoles and `monitor serve` processes sharing a store run one
/// pull/build/deploy of a stack at a time. Claimed atomically; renewed while held; taken over with a
/// compare-and-delete when its holder stopped renewing (after <see cref="Ttl"/>) or — at once — when the holder is a
/// process on this host that is gone. A lease that cannot be renewed (store error, taken over) says so and cancels
/// <see cref="Lost"/>, which stops the operation it guards.</summary>
public sealed class StackLease : IAsyncDisposable
{
    public const string Collection = "stack_leases";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };

    private readonly IStateStore _store;
    private readonly string _stack;
    private readonly IProgress<StackOutput> _output;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private readonly Task _renewal;
    private string _body;

    private StackLease(IStateStore store, string stack, string body, LeaseTiming timing, IProgress<StackOutput> output)
    {
        _store = store; _stack = stack; _body = body; _output = output;
        _renewal = Task.Run(() => RenewAsync(timing, LeaseBody.Read(body).Token));
    }

    public static TimeSpan Ttl => LeaseTiming.Default.Ttl;

    /// <summary>Cancelled when the lease could not be renewed; the guarded operation stops.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Why the lease was lost (null while it holds).</summary>
    public string? LostReason { get; private set; }

    public static async Task<StackLease> AcquireAsync(IStateStore store, string stack, string holder, IProgress<StackOutput> output,
        CancellationToken ct, LeaseTiming? timing = null, ProcessIdentity? process = null)
    {
        var t = timing ?? LeaseTiming.Default;
        var self = process ?? ProcessIdentity.Current;
        var token = Guid.NewGuid().ToString("N");
        string? waitingFor = null;
        while (true)
        {
            var body = LeaseBody.Write(new LeaseBody(holder, token, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + t.Ttl, self));
            if (await store.TryAddDocumentAsync(Collection, stack, body, ct).ConfigureAwait(false))
                return new StackLease(store, stack, body, t, output);
            var current = await store.GetDocumentAsync(Collection, stack, ct).ConfigureAwait(false);
            if (current is null) continue;
            var held = LeaseBody.Read(current);
            var gone = held.Process?.IsGoneFromThisHost() == true;
            if (gone || held.Expires < DateTimeOffset.UtcNow)
            {
                if (await store.DeleteDocumentIfAsync(Collection, stack, current, ct).ConfigureAwait(false))
                    output.Report(new StackOutput("queue", null, "stdout", gone
                        ? $"took over the lease of {held.Holder} on {stack}: its process ({held.Process}) is gone"
                        : $"took over the expired lease of {held.Holder} on {stack}"));
                continue;
            }
            if (waitingFor != held.Token)
            {
                waitingFor = held.Token;
                output.Report(new StackOutput("queue", null, "stdout", $"waiting: {held.Holder} is running a pull, build or deploy of {stack} (since {held.Since:HH:mm:ss} UTC)"));
            }
            await Task.Delay(t.Poll, ct).ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(LeaseTiming timing, string token)
    {
        try
        {
            while (true)
            {
                await Task.Delay(timing.Renew, _stop.Token).ConfigureAwait(false);
                var current = await _store.GetDocumentAsync(Collection, _stack, _stop.Token).ConfigureAwait(false);
                if (current is null || LeaseBody.Read(current).Token != token)
                {
                    Lose(current is null ? "its record was removed from the store" : $"{LeaseBody.Read(current).Holder} took it over");
                    return;
                }
                var renewed = LeaseBody.Read(current) with { Expires = DateTimeOffset.UtcNow + timing.Ttl };
                var body = LeaseBody.Write(renewed);
                await _store.PutDocumentAsync(Collection, _stack, body, _stop.Token).ConfigureAwait(false);
                _body = body;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            Lose($"the store did not answer ({e.Message})");
        }
    }

    private void Lose(string reason)
    {
        LostReason = $"lost the lease on stack {_stack}: {reason}; stopping so that no two operations run on it at once";
        _output.Report(new StackOutput("queue", null, "stderr", LostReason));
        _lost.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        if (LostReason is null)
        {
            var current = await _store.GetDocumentAsync(Collection, _stack, CancellationToken.None).ConfigureAwait(false);
            if (current is not null && LeaseBody.Read(current).Token == LeaseBody.Read(_body).Token)
                await _store.DeleteDocumentIfAsync(Collection, _stack, current, CancellationToken.None).ConfigureAwait(false);
        }
        _lost.Dispose();
    }

    internal sealed record LeaseBody(string Holder, string Token, DateTimeOffset Since, DateTimeOffset Expires, ProcessIdentity? Process)
    {
        public static string Write(LeaseBody body) => JsonSerializer.Serialize(body, Json);
        public static LeaseBody Read(string json) => JsonSerializer.Deserialize<LeaseBody>(json, Json)!;
    }
}

/// <summary>How long a lease lives without renewal, how often it is renewed, how often a waiter looks again.</summary>
public sealed record LeaseTiming(TimeSpan Ttl, TimeSpan Renew, TimeSpan Poll)
{
    public static LeaseTiming Default { get; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
}
