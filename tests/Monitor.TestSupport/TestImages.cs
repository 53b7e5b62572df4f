namespace Monitor.TestSupport;

public static class TestImages
{
    /// <summary>The base image scripts/setup.sh makes with `docker import` of busybox-static (no internet here).</summary>
    public const string Busybox = "local/busybox:latest";
}
