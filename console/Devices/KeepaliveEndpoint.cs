using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Monitor.Control.Devices;

/// <summary>`POST /keepalive/NAME` with `Authorization: Bearer TOKEN` and an optional small JSON body (metrics/state,
/// up to <see cref="DeviceService.MaxStateBytes"/>): 204 when accepted; 401 for a wrong or missing token and for an
/// unknown device alike; 413 for a larger body, 400 for a body that is not JSON.</summary>
public sealed class KeepaliveEndpoint(DeviceService devices, Action<string>? log = null)
{
    public const string Prefix = "/keepalive/";

    public async Task ServeAsync(HttpContext context, string path)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method)) { response.Headers.Allow = "POST"; response.StatusCode = 405; return; }
        var name = Uri.UnescapeDataString(path[Prefix.Length..]);
        var auth = request.Headers.Authorization.ToString();
        var token = auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
        if (request.ContentLength > DeviceService.MaxStateBytes) { response.StatusCode = 413; return; }
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > DeviceService.MaxStateBytes) { response.StatusCode = 413; return; }
        }
        JsonElement? state = null;
        if (buffer.Length > 0)
        {
            try { state = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone(); }
            catch (JsonException)
            {
                if (!await devices.KeepaliveAsync(name, token, null, context.RequestAborted).ConfigureAwait(false)) { response.StatusCode = 401; return; }
                response.StatusCode = 400;
                return;
            }
        }
        if (!await devices.KeepaliveAsync(name, token, state, context.RequestAborted).ConfigureAwait(false))
        {
            response.Headers.WWWAuthenticate = "Bearer";
            response.StatusCode = 401;
            return;
        }
        log?.Invoke($"keepalive from device {name}");
        response.StatusCode = 204;
    }
}
