using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Control.Services;
using Monitor.Control.Store;

namespace Monitor.Control.Devices;

/// <summary>Devices as documents in the store (collection "devices"): add (returns the token once), list, remove,
/// and the keepalive that updates last-seen. Operator actions go through the action recorder; keepalives do not
/// (one per device per interval would flood the history).</summary>
public sealed partial class DeviceService(IStateStore store, ActionRecorder? recorder, TimeProvider clock)
{
    public const string Collection = "devices";
    /// <summary>Largest keepalive body kept as the device's state.</summary>
    public const int MaxStateBytes = 4096;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = Monitor.Control.Composition.ConsoleJson.Resolver };

    public async Task<(DeviceRecord Device, string Token)> AddAsync(string name, TimeSpan interval, CancellationToken ct = default)
    {
        if (!ValidName().IsMatch(name))
            throw new OperationFailedException($"device name '{name}' is not valid; use letters, digits, '.', '_' or '-' (up to 64)", "invalid_argument");
        if (interval < TimeSpan.FromSeconds(1))
            throw new OperationFailedException("--interval must be at least 1s", "invalid_argument");
        var token = DeviceTokens.New();
        var device = new DeviceRecord { Name = name, TokenHash = DeviceTokens.Hash(token), IntervalSeconds = (int)interval.TotalSeconds, Added = clock.GetUtcNow() };
        var run = async (RecordedAction _) =>
        {
            if (!await store.TryAddDocumentAsync(Collection, name, JsonSerializer.Serialize(device, Json), ct).ConfigureAwait(false))
                throw new OperationFailedException($"device '{name}' already exists; remove it first to issue a new token", "exists");
            return device;
        };
        var parameters = new Dictionary<string, string> { ["interval"] = $"{device.IntervalSeconds}s" };
        await (recorder is null ? run(null!) : recorder.RecordAsync("device.add", null, null, name, parameters, run, ct)).ConfigureAwait(false);
        return (device, token);
    }

    public async Task<IReadOnlyList<DeviceRecord>> ListAsync(CancellationToken ct = default) =>
        (await store.ListDocumentsAsync(Collection, ct).ConfigureAwait(false)).Select(kv => JsonSerializer.Deserialize<DeviceRecord>(kv.Value, Json)!).ToList();

    public async Task<DeviceRecord?> GetAsync(string name, CancellationToken ct = default) =>
        await store.GetDocumentAsync(Collection, name, ct).ConfigureAwait(false) is { } json ? JsonSerializer.Deserialize<DeviceRecord>(json, Json) : null;

    public async Task RemoveAsync(string name, CancellationToken ct = default)
    {
        var run = async (RecordedAction _) =>
        {
            if (!await store.DeleteDocumentAsync(Collection, name, ct).ConfigureAwait(false))
                throw new OperationFailedException($"device '{name}' is unknown; `monitor device list` shows the devices", "not_found");
            return true;
        };
        await (recorder is null ? run(null!) : recorder.RecordAsync("device.remove", null, null, name, null, run, ct)).ConfigureAwait(false);
    }

    /// <summary>Records a keepalive when the token matches; false for a wrong token and for an unknown device alike.</summary>
    public async Task<bool> KeepaliveAsync(string name, string? token, JsonElement? state, CancellationToken ct = default)
    {
        var device = await GetAsync(name, ct).ConfigureAwait(false);
        // An unknown device still costs one hash and compare, so the answer's timing does not tell names apart.
        if (!DeviceTokens.Matches(token, device?.TokenHash ?? new string('0', 64)) || device is null) return false;
        var seen = device with { LastSeen = clock.GetUtcNow(), State = state ?? device.State };
        await store.PutDocumentAsync(Collection, name, JsonSerializer.Serialize(seen, Json), ct).ConfigureAwait(false);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();
}
