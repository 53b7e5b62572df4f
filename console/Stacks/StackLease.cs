using System.Text.Json;
using Monitor.Control.Store;

namespace Monitor.Control.Stacks;

/// <summary>A store-held lease on a stack, so that consoles and `monitor serve` processes sharing a store run one
/// pull/build/deploy of a stack at a time. Claimed atomically; renewed while held; a lease whose holder stopped
/// renewing (crashed) expires after <see cref="Ttl"/> and is taken over with a compare-and-delete.</summary>
public sealed class StackLease : IAsyncDisposable
{
    public const string Collection = "stack_leases";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IStateStore _store;
    private readonly string _stack;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private string _body;

    private StackLease(IStateStore store, string stack, string body, LeaseTiming timing)
    {
        _store = store; _stack = stack; _body = body;
        _renewal = Task.Run(() => RenewAsync(timing, LeaseBody.Read(body).Token));
    }

    public static TimeSpan Ttl => LeaseTiming.Default.Ttl;

    public static async Task<StackLease> AcquireAsync(IStateStore store, string stack, string holder, IProgress<StackOutput> output,
        CancellationToken ct, LeaseTiming? timing = null)
    {
        var t = timing ?? LeaseTiming.Default;
        var token = Guid.NewGuid().ToString("N");
        string? waitingFor = null;
        while (true)
        {
            var body = LeaseBody.Write(new LeaseBody(holder, token, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow + t.Ttl));
            if (await store.TryAddDocumentAsync(Collection, stack, body, ct).ConfigureAwait(false))
                return new StackLease(store, stack, body, t);
            var current = await store.GetDocumentAsync(Collection, stack, ct).ConfigureAwait(false);
            if (current is null) continue;
            var held = LeaseBody.Read(current);
            if (held.Expires < DateTimeOffset.UtcNow)
            {
                if (await store.DeleteDocumentIfAsync(Collection, stack, current, ct).ConfigureAwait(false))
                    output.Report(new StackOutput("queue", null, "stdout", $"took over the expired lease of {held.Holder} on {stack}"));
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
                if (current is null || LeaseBody.Read(current).Token != token) return; // taken over: nothing to renew
                var renewed = LeaseBody.Read(current) with { Expires = DateTimeOffset.UtcNow + timing.Ttl };
                _body = LeaseBody.Write(renewed);
                await _store.PutDocumentAsync(Collection, _stack, _body, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        _stop.Dispose();
        var current = await _store.GetDocumentAsync(Collection, _stack, CancellationToken.None).ConfigureAwait(false);
        if (current is not null && LeaseBody.Read(current).Token == LeaseBody.Read(_body).Token)
            await _store.DeleteDocumentIfAsync(Collection, _stack, current, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed record LeaseBody(string Holder, string Token, DateTimeOffset Since, DateTimeOffset Expires)
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
