using System.Net;
using System.Text.Json;
using Docker.DotNet;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Docker;

/// <summary>Turns Docker.DotNet exceptions into structured protocol errors with Docker's own message.</summary>
internal static class DockerErrors
{
    public static async Task<T> GuardAsync<T>(string what, Func<Task<T>> action)
    {
        try { return await action().ConfigureAwait(false); }
        catch (DockerApiException e) { throw Translate(what, e); }
        catch (HttpRequestException e) { throw new AgentRequestException(ErrorCodes.DockerError, $"{what}: cannot reach the Docker engine ({e.Message}); is dockerd running?"); }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException) { throw new AgentRequestException(ErrorCodes.DockerError, $"{what}: cannot reach the Docker engine; is dockerd running?"); }
    }

    public static AgentRequestException Translate(string what, DockerApiException e)
    {
        var message = DockerMessage(e);
        var code = e.StatusCode switch
        {
            HttpStatusCode.NotFound => ErrorCodes.NotFound,
            HttpStatusCode.Conflict => ErrorCodes.Conflict,
            HttpStatusCode.BadRequest => ErrorCodes.InvalidArgument,
            _ => ErrorCodes.DockerError,
        };
        return new AgentRequestException(code, $"{what}: {message}");
    }

    private static string DockerMessage(DockerApiException e)
    {
        try
        {
            using var doc = JsonDocument.Parse(e.ResponseBody);
            if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { } s) return s;
        }
        catch (JsonException) { }
        return string.IsNullOrWhiteSpace(e.ResponseBody) ? e.StatusCode.ToString() : e.ResponseBody.Trim();
    }
}
