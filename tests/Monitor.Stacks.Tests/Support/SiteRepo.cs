using Monitor.TestSupport;

namespace Monitor.Stacks.Tests.Support;

/// <summary>The files of a tiny web site repo: a Dockerfile FROM the local base image serving www/ with busybox
/// httpd on port 8080, and www/index.html holding <c>content</c>.</summary>
public static class SiteRepo
{
    public const string HttpdCommand = """["httpd","-f","-p","8080","-h","/www"]""";

    public static Dictionary<string, string> Files(string content, string command = HttpdCommand) => new()
    {
        ["Dockerfile"] = $"FROM {TestImages.Busybox}\nCOPY www /www\nCMD {command}\n",
        ["www/index.html"] = content,
    };
}
