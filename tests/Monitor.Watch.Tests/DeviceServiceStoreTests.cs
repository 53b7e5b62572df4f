using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitor.Control.Devices;
using Monitor.Control.Services;

namespace Monitor.Watch.Tests;

/// <summary>Devices on both real stores: add keeps only the token's hash and refuses a second add, a keepalive with
/// the right token records last-seen and state (a wrong token or unknown device changes nothing), remove revokes.</summary>
public sealed class DeviceServiceStoreTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Devices_round_trip_with_hashed_tokens(string kind)
    {
        var (backend, store) = await StoreBackend.CreateAsync(kind);
        await using var _ = backend;
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var devices = new DeviceService(store, new ActionRecorder(store, "alice"), clock);

        var (added, token) = await devices.AddAsync("esp32", TimeSpan.FromMinutes(2));
        Assert.Equal(120, added.IntervalSeconds);
        var stored = (await store.GetDocumentAsync(DeviceService.Collection, "esp32"))!;
        Assert.DoesNotContain(token, stored);
        Assert.Contains(DeviceTokens.Hash(token), stored);
        var twice = await Assert.ThrowsAsync<OperationFailedException>(() => devices.AddAsync("esp32", TimeSpan.FromMinutes(1)));
        Assert.Equal("exists", twice.Code);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(await devices.KeepaliveAsync("esp32", "wrong", null));
        Assert.False(await devices.KeepaliveAsync("nobody", token, null));
        Assert.Null((await devices.GetAsync("esp32"))!.LastSeen);
        Assert.True(await devices.KeepaliveAsync("esp32", token, JsonDocument.Parse("{\"temp\":21.5}").RootElement));
        var seen = Assert.Single(await devices.ListAsync());
        Assert.Equal(clock.GetUtcNow(), seen.LastSeen);
        Assert.Equal(21.5, seen.State!.Value.GetProperty("temp").GetDouble());
        Assert.False(seen.IsMissed(clock.GetUtcNow().AddMinutes(2)));
        Assert.True(seen.IsMissed(clock.GetUtcNow().AddMinutes(2).AddSeconds(1)));

        await devices.RemoveAsync("esp32");
        Assert.Empty(await devices.ListAsync());
        Assert.False(await devices.KeepaliveAsync("esp32", token, null));
        Assert.Equal("not_found", (await Assert.ThrowsAsync<OperationFailedException>(() => devices.RemoveAsync("esp32"))).Code);
    }
}
