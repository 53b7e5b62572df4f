using System.Text.Json;

namespace Monitor.Agent.Apps;

/// <summary>Reads and atomically writes state.json (temp file, mode 0600, rename).</summary>
internal static class AppStateFile
{
    public static AppState? Load(string path)
    {
        try { return JsonSerializer.Deserialize(File.ReadAllText(path), AppStateJsonContext.Default.AppState); }
        catch (IOException) { return null; }
        catch (JsonException) { return null; }
    }

    public static void Save(string path, AppState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
               {
                   Mode = FileMode.Create, Access = FileAccess.Write,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
            JsonSerializer.Serialize(stream, state, AppStateJsonContext.Default.AppState);
        File.Move(temp, path, overwrite: true);
    }
}
