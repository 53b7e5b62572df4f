namespace Monitor.Agent.Apps;

/// <summary>Picks the cgroup flavour of this host: v2 when /sys/fs/cgroup is the unified hierarchy, else v1 controllers,
/// else none. (systemd-run transient units are not used: the agent writes the cgroup filesystem itself, which works
/// with and without systemd.)</summary>
internal static class AppCgroups
{
    public const string Root = "/sys/fs/cgroup";

    public static IAppCgroup For(string parent, string app)
    {
        var relative = $"{parent.Trim('/')}/{app}";
        if (File.Exists(Path.Combine(Root, "cgroup.controllers"))) return new CgroupV2(Root, relative);
        if (Directory.Exists(Path.Combine(Root, "memory"))) return new CgroupV1(Root, relative);
        return new NoCgroup();
    }
}
