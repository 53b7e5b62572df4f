using System.Text.Json;
using Monitor.Shared.Protocol;

namespace Monitor.Agent.Routes;

/// <summary>The server's route document as last applied, kept in work_dir/routes/routes.json (0600: it holds basic
/// auth hashes) so the agent re-applies it after its own restart or Caddy's. No file: the agent never touches Caddy.</summary>
public sealed class RouteDocumentFile(string workDir)
{
    private readonly string _path = Path.Combine(workDir, "routes", "routes.json");

    public IReadOnlyList<RouteSpec>? Read()
    {
        if (!File.Exists(_path)) return null;
        var request = JsonSerializer.Deserialize(File.ReadAllText(_path), RouteJsonContext.Default.RouteApplyRequest);
        return request?.Routes ?? [];
    }

    public void Write(IReadOnlyList<RouteSpec> routes)
    {
        var dir = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var temp = _path + ".tmp";
        using (var stream = OperatingSystem.IsWindows()
            ? new FileStream(temp, FileMode.Create)
            : new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            JsonSerializer.Serialize(stream, new RouteApplyRequest(routes), RouteJsonContext.Default.RouteApplyRequest);
        File.Move(temp, _path, overwrite: true);
    }
}
