using Monitor.Shared.Protocol;

namespace Monitor.Agent.LogFiles;

/// <summary>Lists the app log files of a scope: names matching the pattern directly in each directory whose resolved
/// path stays in that directory (a symlink pointing elsewhere is not listed).</summary>
internal static class LogFileDiscovery
{
    public static IReadOnlyList<LogFileInfo> List(LogFileScope scope)
    {
        var files = new List<LogFileInfo>();
        foreach (var dir in scope.Dirs)
        {
            IEnumerable<string> names;
            try { names = Directory.EnumerateFiles(scope.Real(dir), scope.Pattern).Select(Path.GetFileName).OfType<string>().ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var name in names)
            {
                string resolved;
                try { resolved = scope.Require(dir.TrimEnd('/') + "/" + name); }
                catch (Dispatch.AgentRequestException) { continue; }
                var info = new FileInfo(scope.Real(resolved));
                var header = LogFileHeader.Read(info.FullName);
                files.Add(new LogFileInfo(resolved, name, header?.Program, header?.Pid, header?.User, header?.Start, header?.Version,
                    header is not null && WriterLiveness.IsAlive(scope.Root, header), info.Length, info.LastWriteTimeUtc, scope.Container));
            }
        }
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
