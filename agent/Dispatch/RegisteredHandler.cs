using System.Text.Json;

namespace Monitor.Agent.Dispatch;

/// <summary>A handler with its payload types erased: takes the request payload, returns the response (or stream end) payload.</summary>
internal sealed record RegisteredHandler(
    string Method,
    bool IsStream,
    TimeSpan? Timeout,
    Func<JsonElement?, IStreamSink?, CancellationToken, Task<JsonElement>> Invoke);
