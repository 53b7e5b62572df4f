using Monitor.Stacks.Tests.Support;
using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Routes;

/// <summary>The site repo of the route tests: busybox httpd on 8080 serving <c>content</c>, with a Docker health check
/// (healthy once it answers, or never healthy).</summary>
public static class RouteSite
{
    public static Dictionary<string, string> Files(string content, bool healthy = true)
    {
        var check = healthy
            ? "HEALTHCHECK --interval=1s --timeout=2s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1"
            : "HEALTHCHECK --interval=1s --timeout=1s --retries=1 CMD false";
        return new()
        {
            ["Dockerfile"] = $"FROM {TestImages.Busybox}\nCOPY www /www\n{check}\nCMD {SiteRepo.HttpdCommand}\n",
            ["www/index.html"] = content,
        };
    }
}
