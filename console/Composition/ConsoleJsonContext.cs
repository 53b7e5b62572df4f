using System.Text.Json.Serialization;

namespace Monitor.Control.Composition;

/// <summary>Source-generated JSON metadata for the documents and columns the console keeps in its store (and the few
/// small bodies it sends), so a NativeAOT console reads and writes them without reflection. Each owner keeps its
/// own options and sets <c>TypeInfoResolver = ConsoleJson.Resolver</c>; a new document type adds one line here.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Services.ProcessIdentity))]
[JsonSerializable(typeof(Monitor.Shared.Config.StackConfig))]
[JsonSerializable(typeof(Monitor.Shared.Models.BuildRecord))]
[JsonSerializable(typeof(Stacks.StackDocuments.BuildClaim))]
[JsonSerializable(typeof(Stacks.StackLease.LeaseBody))]
[JsonSerializable(typeof(Devices.DeviceRecord))]
[JsonSerializable(typeof(Alerts.AlertRecord))]
[JsonSerializable(typeof(Alerts.AlertBook.OpenMarker))]
[JsonSerializable(typeof(Webhooks.WebhookReply))]
[JsonSerializable(typeof(Alerts.AlertBook.Silence))]
[JsonSerializable(typeof(Webhooks.WebhookDeliveryRecord))]
[JsonSerializable(typeof(Watch.WatchLease))]
internal sealed partial class ConsoleJsonContext : JsonSerializerContext;
