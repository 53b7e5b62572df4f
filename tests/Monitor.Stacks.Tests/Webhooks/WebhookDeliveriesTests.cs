using Monitor.Control.Webhooks;
using Monitor.Stacks.Tests.Support;

namespace Monitor.Stacks.Tests.Webhooks;

public sealed class WebhookDeliveriesTests : SqliteStoreTest
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static WebhookDeliveryRecord Record(string id, string provider = "github", int minute = 0) => new(provider, id, "web", T0.AddMinutes(minute), "deploy started");

    [Fact]
    public async Task A_delivery_is_recorded_once_and_its_replay_is_refused_also_after_a_restart()
    {
        var deliveries = new WebhookDeliveries(Store);
        Assert.True(await deliveries.TryRecordAsync(Record("d-1"), default));
        Assert.False(await deliveries.TryRecordAsync(Record("d-1"), default));
        Assert.False(await new WebhookDeliveries(Store).TryRecordAsync(Record("d-1"), default)); // a new serve process, same store
        var stored = await Store.GetDocumentAsync(WebhookDeliveries.Collection, "github:d-1");
        Assert.NotNull(stored);
        Assert.Contains("deploy started", stored);
    }

    [Fact]
    public async Task The_same_id_from_another_host_is_another_delivery()
    {
        var deliveries = new WebhookDeliveries(Store);
        Assert.True(await deliveries.TryRecordAsync(Record("same", "github"), default));
        Assert.True(await deliveries.TryRecordAsync(Record("same", "gitlab"), default));
        Assert.Equal(2, (await deliveries.ListAsync(default)).Count);
    }

    [Fact]
    public async Task Concurrent_copies_of_one_delivery_let_exactly_one_through_even_across_serve_processes()
    {
        // Two serve processes sharing one store: the claim is the store's insert-if-absent, not a lock in one process.
        var serves = new[] { new WebhookDeliveries(Store), new WebhookDeliveries(Store) };
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => serves[i % 2].TryRecordAsync(Record("race"), default))));
        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task The_record_is_bounded_by_dropping_the_oldest_deliveries()
    {
        var deliveries = new WebhookDeliveries(Store, keep: 3, pruneEvery: 1000);
        foreach (var i in new[] { 4, 0, 2, 1, 3 }) Assert.True(await deliveries.TryRecordAsync(Record($"d-{i}", minute: i), default));
        Assert.Equal(2, await deliveries.PruneAsync(default));
        Assert.Equal(["d-2", "d-3", "d-4"], (await deliveries.ListAsync(default)).Select(r => r.Id));
        Assert.Equal(0, await deliveries.PruneAsync(default));

        var automatic = new WebhookDeliveries(Store, keep: 3, pruneEvery: 2);
        Assert.True(await automatic.TryRecordAsync(Record("d-5", minute: 5), default));
        Assert.True(await automatic.TryRecordAsync(Record("d-6", minute: 6), default)); // second new delivery: prunes
        Assert.Equal(["d-4", "d-5", "d-6"], (await automatic.ListAsync(default)).Select(r => r.Id));
    }
}
