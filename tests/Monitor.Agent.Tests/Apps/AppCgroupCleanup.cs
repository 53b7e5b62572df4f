namespace Monitor.Agent.Tests.Apps;

/// <summary>Kills whatever a test left in its cgroup subtree (/sys/fs/cgroup/[CONTROLLER/]PARENT) and removes it.</summary>
public static class AppCgroupCleanup
{
    public static async Task RemoveAsync(string parent)
    {
        var roots = Directory.Exists("/sys/fs/cgroup/memory")
            ? new[] { "memory", "cpu", "cpuacct", "pids" }.Select(c => Path.Combine("/sys/fs/cgroup", c, parent))
            : [Path.Combine("/sys/fs/cgroup", parent)];
        foreach (var root in roots.Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(root))
            {
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (true)
                {
                    foreach (var line in File.ReadAllLines(Path.Combine(dir, "cgroup.procs")))
                        if (int.TryParse(line, out var pid)) try { System.Diagnostics.Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                    try { Directory.Delete(dir); break; }
                    catch (IOException) when (DateTime.UtcNow < deadline) { await Task.Delay(50); }
                }
            }
            Directory.Delete(root);
        }
    }

    public static IReadOnlyList<int> Pids(string parent, string app)
    {
        var file = Directory.Exists("/sys/fs/cgroup/memory")
            ? Path.Combine("/sys/fs/cgroup/memory", parent, app, "cgroup.procs")
            : Path.Combine("/sys/fs/cgroup", parent, app, "cgroup.procs");
        return File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(int.Parse).ToList() : [];
    }
}
