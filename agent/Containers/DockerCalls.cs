using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Docker.DotNet;
using Monitor.Agent.Dispatch;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Containers;

/// <summary>Runs a Docker call and turns Docker's failures into structured errors that carry Docker's own message.</summary>
public static class DockerCalls
{
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DockerApiException ex)
        {
            var message = DockerMessage(ex);
            var code = ex.StatusCode switch
            {
                HttpStatusCode.NotFound => ErrorCodes.NotFound,
                HttpStatusCode.Conflict => ErrorCodes.Conflict,
                _ => ErrorCodes.DockerError,
            };
            throw new AgentRequestException(code, $"{what}: {message}");
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or TimeoutException)
        {
            throw new AgentRequestException(ErrorCodes.DockerError,
                $"{what}: cannot talk to the Docker engine ({ex.Message}); check that dockerd is running and docker_socket in agent.toml");
        }
    }

    public static Task RunAsync(string what, Func<Task> call) =>
        RunAsync(what, async () => { await call().ConfigureAwait(false); return true; });

    /// <summary>Docker answers errors as {"message": "..."}; fall back to the raw body.</summary>
    private static string DockerMessage(DockerApiException ex)
    {
        var body = ex.ResponseBody?.Trim() ?? "";
        if (body.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text) return text;
            }
            catch (JsonException) { }
        }
        return body.Length > 0 ? body : $"Docker answered {(int)ex.StatusCode} {ex.StatusCode}";
    }
}
