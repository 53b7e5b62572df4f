using System.Net.Sockets;
using System.Text;

namespace Monitor.Agent.Fleet;

/// <summary>sd_notify(3) by hand (one datagram; no library in the NuGet mirror does only this): READY=1 at start and
/// MAINPID=&lt;new pid&gt; when an upgrade hands over, so a unit with Type=notify and NotifyAccess=all follows the new
/// process instead of stopping the service when the old one exits. Does nothing outside systemd.</summary>
public static class SystemdNotify
{
    public static void Send(string state)
    {
        var path = Environment.GetEnvironmentVariable("NOTIFY_SOCKET");
        if (string.IsNullOrEmpty(path)) return;
        if (path[0] == '@') path = "\0" + path[1..];
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException) { }
    }
}
